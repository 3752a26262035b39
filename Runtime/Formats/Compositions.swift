// Compositions: decoding and encoding the alternatives of `oneOf`, `anyOf` and `allOf`.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// Decodes one alternative of a composition (`T(from:)`), with dates as RFC 3339 text.
func decodeValue<T: Decodable>(_ type: T.Type, from decoder: any Decoder) throws -> T {
    try T(from: decoder)
}

func decodeValue(_ type: Date.Type, from decoder: any Decoder) throws -> Date {
    try RFC3339.decode(String(from: decoder), codingPath: decoder.codingPath)
}

/// Encodes one alternative of a composition, with dates as RFC 3339 text.
func encodeValue(_ value: some Encodable, to encoder: any Encoder) throws {
    try value.encode(to: encoder)
}

/// An alternative of a discriminated `oneOf` that does not declare the discriminator property, encoded with it
/// set to the value that selects it, so the value decodes as the same case.
func encodeValue(_ value: some Encodable, to encoder: any Encoder, discriminator: String, key: String) throws {
    try value.encode(to: encoder)
    var container = encoder.container(keyedBy: DynamicCodingKey.self)
    try container.encode(discriminator, forKey: DynamicCodingKey(key))
}

/// Bytes (`format: binary`/`byte`) as an alternative: through the decoder's container, so they are base64 text as
/// everywhere else (`Data(from:)` alone reads an array of numbers).
func decodeValue(_ type: Data.Type, from decoder: any Decoder) throws -> Data {
    try decoder.singleValueContainer().decode(Data.self)
}

/// What an object's schema says that its Swift type lets through, so that a `oneOf` or `anyOf` can tell its
/// alternatives apart: required members that may be `null` (they decode as `nil` when absent, as servers leave them
/// out) and members whose schema lists their values (the Swift enums are open and keep any value).
protocol AlternativeChecks {
    /// The JSON names of the required members that may be `null`.
    static var requiredNullableMembers: [String] { get }
    /// JSON name → the string values its schema lists (`type: [function]`).
    static var listedValues: [String: [String]] { get }
}

extension AlternativeChecks {
    static var requiredNullableMembers: [String] { [] }
    static var listedValues: [String: [String]] { [:] }
}

/// Whether `decoder`'s value is one of `type` by what its Swift type lets through: every required member that may
/// be `null` is there, and every member with listed values that is a string holds one of them (any other type:
/// true).
func isComplete(_ type: Any.Type, in decoder: any Decoder) -> Bool {
    guard let type = type as? any AlternativeChecks.Type,
        let container = try? decoder.container(keyedBy: DynamicCodingKey.self)
    else { return true }
    for name in type.requiredNullableMembers where !container.contains(DynamicCodingKey(name)) { return false }
    for (name, values) in type.listedValues {
        // Absent, `null` or not a string: decoding has already said whether it may be.
        guard let text = try? container.decodeIfPresent(String.self, forKey: DynamicCodingKey(name)) else { continue }
        if !values.contains(text) { return false }
    }
    return true
}

/// The alternative of a `oneOf` a value is: the first that decodes and is complete (`isComplete`), else the first
/// that decodes. A required member that may be `null` decodes when absent (GitHub's issue requires `lock_reason`, a
/// project card does not: a card must not be read as an issue), and an open enum keeps any value (OpenAI's tools are
/// told apart by `type: function` or `type: code_interpreter`).
/// `names` lists the alternatives for the error thrown when none decodes, whose underlying error is the first's.
func decodeOneOf<Value>(
    _ decoder: any Decoder, _ names: String, _ alternatives: (type: Any.Type, decode: (any Decoder) throws -> Value)...
) throws -> Value {
    var errors: [any Swift.Error] = []
    var lacking: Value?
    for alternative in alternatives {
        do {
            let value = try alternative.decode(decoder)
            if isComplete(alternative.type, in: decoder) { return value }
            lacking = lacking ?? value
        } catch {
            errors.append(error)
        }
    }
    if let lacking { return lacking }
    throw DecodingError.dataCorrupted(
        DecodingError.Context(
            codingPath: decoder.codingPath, debugDescription: "The value matches none of \(names)",
            underlyingError: errors.first))
}

/// Encodes the alternatives of an `anyOf` that a value matched as one value. Each decoded the same JSON and keeps
/// what its own schema declares, so their encodings are merged member by member, also inside a member two of them
/// declare as different objects (Asana's membership `parent`: a goal in one alternative, a custom field in another)
/// and element by element in lists of different objects (a list of summaries and a list of full records).
func encodeMerged(_ parts: [any Encodable], to encoder: any Encoder) throws {
    guard parts.count > 1 else {
        if let part = parts.first { return try part.encode(to: encoder) }
        var container = encoder.singleValueContainer()
        return try container.encodeNil()  // no alternative: what a composite of other values encodes too
    }
    let inner = JSONCoding.encoder()
    if encoder.encodesRequest { inner.userInfo[.encodesRequest] = true }
    func value(_ part: any Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: inner.encode(part))
    }
    var merged = try value(parts[0])
    for part in parts.dropFirst() { merged = merged.merged(with: try value(part)) }
    try merged.encode(to: encoder)
}

func encodeValue(_ value: Data, to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
}

func encodeValue(_ value: Date, to encoder: any Encoder) throws {
    try RFC3339.string(from: value).encode(to: encoder)
}
