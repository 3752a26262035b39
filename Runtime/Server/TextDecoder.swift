// The server side: media ranges and TextDecoder, which decodes a parameter's text into its type.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

extension ServerRequest {
    /// A cookie's value, percent-decoded.
    func parameterText(cookie name: String) -> String? {
        guard
            case .string(let text)? = try? parameter(
                name, in: .cookie, style: .form, explode: false, shape: .scalar, as: JSONValue.self)
        else { return nil }
        return text
    }
}

/// Media types and `Accept` ranges (`type/subtype`, `type/*`, `*/*`; parameters ignored, case-insensitive).
enum MediaRange {
    /// The ranges of an `Accept` field that allow something (`q=0` excludes).
    static func parse(_ field: String) -> [String] {
        field.split(separator: ",").compactMap { item -> String? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                if let weight = Double(parameter.dropFirst(2)), weight <= 0 { return nil }
            }
            return parts.first
        }
    }

    /// Whether `type` (a media type, maybe with parameters) falls in `range` (either may hold wildcards).
    static func matches(_ type: String, range: String) -> Bool {
        func split(_ text: String) -> (String, String) {
            let essence =
                text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let parts = essence.split(separator: "/", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "*")
        }
        let (type, subtype) = split(type)
        let (rangeType, rangeSubtype) = split(range)
        return (type == "*" || rangeType == "*" || type == rangeType)
            && (subtype == "*" || rangeSubtype == "*" || subtype == rangeSubtype)
    }
}

/// Decodes a `Decodable` type from a tree of text (parameters, form and multipart bodies): a number, a
/// boolean, a date or bytes are read from their text, a list from a comma-separated text, an object from JSON text;
/// JSON values (a multipart part sent as JSON) are read as they are.
struct TextDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try TextDecoder(value: value, codingPath: []).decodeValue(type)
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self {
            let text = try scalarText()
            guard let date = RFC3339.date(from: text) else { throw corrupted("'\(text)' is not an RFC 3339 date-time") }
            return date as! T
        }
        if type == Data.self {
            let text = try scalarText()
            guard let data = Data(base64Encoded: text) else { throw corrupted("'\(text)' is not base64") }
            return data as! T
        }
        if type == URL.self {
            let text = try scalarText()
            guard let url = URL(string: text) else { throw corrupted("'\(text)' is not a URL") }
            return url as! T
        }
        if type == JSONValue.self { return value as! T }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let members): return KeyedDecodingContainer(Keyed(members: members, codingPath: codingPath))
        case .string(let text):
            if case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
                return KeyedDecodingContainer(Keyed(members: members, codingPath: codingPath))
            }
        case .array(let items) where items.count == 1:
            return try TextDecoder(value: items[0], codingPath: codingPath).container(keyedBy: type)
        default: break
        }
        throw DecodingError.typeMismatch(
            [String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(found)"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let items): return Unkeyed(items: items, codingPath: codingPath)
        case .string(let text):
            if text.hasPrefix("["),
                case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            {
                return Unkeyed(items: items, codingPath: codingPath)
            }
            return Unkeyed(items: [value], codingPath: codingPath)
        case .null:
            break
        default:
            return Unkeyed(items: [value], codingPath: codingPath)
        }
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: codingPath, debugDescription: "expected a list, found \(found)"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    var found: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string(let text): "'\(text.prefix(100))'"
        case .array: "a list"
        case .object: "an object"
        }
    }

    func corrupted(_ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: message))
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "\(found) is not a valid \(type)"))
    }

    /// The value as text (a one-item list stands for its item).
    func scalarText() throws -> String {
        switch value {
        case .string(let text): return text
        case .integer(let int): return String(int)
        case .number(let double): return String(double)
        case .bool(let bool): return bool ? "true" : "false"
        case .array(let items) where items.count == 1:
            return try TextDecoder(value: items[0], codingPath: codingPath).scalarText()
        default: throw mismatch(String.self)
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value {
        case .integer(let int): if let exact = T(exactly: int) { return exact }
        case .number(let double): if let exact = T(exactly: double) { return exact }
        default:
            let text = try scalarText()
            if let parsed = T(text) { return parsed }
            // A whole number the type cannot hold: say which range it holds (the spec set no bound that would).
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) {
                throw DecodingError.typeMismatch(
                    type,
                    .init(
                        codingPath: codingPath,
                        debugDescription: "\(found) is outside the range of \(type), \(T.min) to \(T.max)"))
            }
        }
        throw mismatch(type)
    }

    func floating<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) throws -> T {
        switch value {
        case .integer(let int): return T(int)
        case .number(let double): return T(double)
        default: if let parsed = T(try scalarText()) { return parsed }
        }
        throw mismatch(type)
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONValue]
        let codingPath: [any CodingKey]
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        func decoder(_ key: Key) throws -> TextDecoder {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "required key '\(key.stringValue)' is missing")
                )
            }
            return TextDecoder(value: value, codingPath: codingPath + [key])
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            switch members[key.stringValue] {
            case nil, .null?: true
            default: false
            }
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            // A list with no items is no field at all in a form or multipart body: a missing list is empty.
            if members[key.stringValue] == nil, let list = T.self as? any EmptyList.Type, let empty = list.empty as? T {
                return empty
            }
            return try decoder(key).decodeValue(type)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try decoder(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { TextDecoder(value: .object(members), codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(key) }
    }

    /// An item's place in a list, in coding paths.
    private struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func next() throws -> TextDecoder {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    Any.self, .init(codingPath: codingPath, debugDescription: "the list has no more items"))
            }
            defer { currentIndex += 1 }
            return TextDecoder(value: items[currentIndex], codingPath: codingPath + [IndexKey(intValue: currentIndex)])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .null = items[currentIndex] else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }
}

extension TextDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool {
        if case .bool(let bool) = value { return bool }
        switch try scalarText() {
        case "true": return true
        case "false": return false
        default: throw mismatch(type)
        }
    }
    func decode(_ type: String.Type) throws -> String { try scalarText() }
    func decode(_ type: Double.Type) throws -> Double { try floating(type) }
    func decode(_ type: Float.Type) throws -> Float { try floating(type) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

/// A list, which text that has no field for it holds with no items.
protocol EmptyList { static var empty: Self { get } }

extension Array: EmptyList {
    static var empty: Self { [] }
}
