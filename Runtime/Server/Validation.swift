// The server side: SchemaRule, what the spec allows in a request's parameters and body, checked before a handler runs.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// What a schema of the spec allows in a request, checked by the router before the handler runs (and in an answer,
/// with `checksResponses`). gen writes one per parameter, request body and response body whose schema says more than
/// its Swift type does (bounds, lengths, patterns, counts, closed enums, required and forbidden properties,
/// compositions); the Swift types already hold the rest.
///
/// ```swift
/// SchemaRule(kinds: [.integer], minimum: 0, maximum: 1000)      // limit: {type: integer, minimum: 0, maximum: 1000}
/// ```
///
/// A rule reads JSON values (a body), or trees of text (parameters, form and multipart fields), where a number is
/// text to be read as one.
public final class SchemaRule: Sendable {
    /// A JSON type (`type:`).
    public enum Kind: String, Sendable {
        case null, boolean, integer, number, string, array, object
    }

    /// What an object allows beyond its declared properties (`additionalProperties`).
    public enum OtherMembers: Sendable {
        case allowed
        case forbidden
        case rule(SchemaRule)
    }

    let kinds: [Kind]
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let multipleOf: Double?
    let minLength: Int?
    let maxLength: Int?
    let pattern: Pattern?
    let allowed: [JSONValue]?
    let items: SchemaRule?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let properties: [String: SchemaRule]
    let required: [String]
    /// Members that may be left out but not sent as `null` (their schema does not allow it).
    let notNull: [String]
    let otherMembers: OtherMembers
    let minProperties: Int?
    let maxProperties: Int?
    let allOf: [SchemaRule]
    let anyOf: [SchemaRule]
    let oneOf: [SchemaRule]
    /// For a reference: the rule of the component, read when first needed (components may refer to themselves).
    let target: (@Sendable () -> SchemaRule)?

    /// Creates a rule; every keyword absent by default (`kinds` empty: any type).
    public init(
        kinds: [Kind] = [], minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil,
        exclusiveMaximum: Double? = nil, multipleOf: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        pattern: String? = nil, allowed: [JSONValue]? = nil, items: SchemaRule? = nil, minItems: Int? = nil,
        maxItems: Int? = nil, uniqueItems: Bool = false, properties: [String: SchemaRule] = [:],
        required: [String] = [], notNull: [String] = [], otherMembers: OtherMembers = .allowed,
        minProperties: Int? = nil,
        maxProperties: Int? = nil, allOf: [SchemaRule] = [], anyOf: [SchemaRule] = [], oneOf: [SchemaRule] = []
    ) {
        self.kinds = kinds
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern.map(Pattern.init)
        self.allowed = allowed
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.properties = properties
        self.required = required
        self.notNull = notNull
        self.otherMembers = otherMembers
        self.minProperties = minProperties
        self.maxProperties = maxProperties
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.target = nil
    }

    private init(target: @escaping @Sendable () -> SchemaRule) {
        (kinds, minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf) = ([], nil, nil, nil, nil, nil)
        (minLength, maxLength, pattern, allowed, items, minItems, maxItems) = (nil, nil, nil, nil, nil, nil, nil)
        (uniqueItems, properties, required, notNull, otherMembers) = (false, [:], [], [], .allowed)
        (minProperties, maxProperties, allOf, anyOf, oneOf) = (nil, nil, [], [], [])
        self.target = target
    }

    /// The rule of a component schema (`$ref`), which may refer to itself: `.reference { RequestRules.node }`.
    public static func reference(_ target: @escaping @Sendable () -> SchemaRule) -> SchemaRule {
        SchemaRule(target: target)
    }

    /// A regular expression (`pattern`), compiled once; one that does not compile checks nothing.
    final class Pattern: Sendable {
        let source: String
        private let expression: NSRegularExpression?

        init(_ source: String) {
            self.source = source
            expression = try? NSRegularExpression(pattern: source)
        }

        /// Whether `text` has a match anywhere (a JSON Schema pattern is not anchored unless it says so).
        func matches(_ text: String) -> Bool {
            guard let expression else { return true }
            return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }
}

/// A rule a request breaks: where (`runDetails.environmentID`, empty for the whole value), the keyword
/// (`maximum`), and what is wrong (`5000 is greater than the maximum 1000`).
public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
    public var path: [String]
    public var keyword: String
    public var message: String

    /// Creates a violation.
    public init(path: [String] = [], keyword: String, message: String) {
        self.path = path
        self.keyword = keyword
        self.message = message
    }

    /// The coding path as text: `data[0].price` (indexes follow their array without a dot).
    public var codingPath: String {
        path.enumerated().map { $0.offset == 0 || $0.element.hasPrefix("[") ? $0.element : "." + $0.element }
            .joined()
    }

    public var description: String { path.isEmpty ? message : "at '\(codingPath)': \(message)" }
}

extension SchemaRule {
    /// Why a JSON value is not of the rule's types, or nil (an integral number is an integer).
    func kindProblem(_ value: JSONValue) -> String? {
        guard !kinds.isEmpty else { return nil }
        let kind: Kind
        switch value {
        case .null: kind = .null
        case .bool: kind = .boolean
        case .integer: kind = .integer
        case .number(let number): kind = number.rounded() == number && kinds.contains(.integer) ? .integer : .number
        case .string: kind = .string
        case .array: kind = .array
        case .object: kind = .object
        }
        if kinds.contains(kind) || (kind == .integer && kinds.contains(.number)) { return nil }
        let expected = kinds.map(\.rawValue).joined(separator: " or ")
        return "expected \(expected), found \(kind.rawValue)"
    }

    /// Whether an allowed value (`enum`) is `value`; text stands for the number or boolean it spells.
    static func equal(_ allowed: JSONValue, _ value: JSONValue, asText: Bool) -> Bool {
        if asText, case .string(let text) = value {
            switch allowed {
            case .string(let expected): return text == expected
            case .integer(let expected): return Double(text) == Double(expected)
            case .number(let expected): return Double(text) == expected
            case .bool(let expected): return text == (expected ? "true" : "false")
            case .null: return text.isEmpty || text == "null"
            case .array, .object: return false
            }
        }
        return normalized(allowed) == normalized(value)
    }

    /// The value with every integral number an integer, so `1` and `1.0` compare equal.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number) where number.rounded() == number && abs(number) < 9e15: .integer(Int(number))
        case .array(let elements): .array(elements.map(normalized))
        case .object(let members): .object(members.mapValues(normalized))
        default: value
        }
    }

    /// A value as a message shows it: a string quoted and cut at 40 characters, a number as written.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): format(number)
        case .string(let text): "'" + (text.count > 40 ? text.prefix(40) + "…" : text) + "'"
        case .array(let elements): "an array of \(count(elements.count, "item"))"
        case .object(let members): "an object of \(count(members.count, "property"))"
        }
    }

    /// `1000`, `0.5`: a bound as the spec writes it.
    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 9e15 ? String(Int(number)) : String(number)
    }

    /// `1 item`, `3 items`, `2 properties`.
    static func count(_ number: Int, _ noun: String) -> String {
        if number == 1 { return "1 \(noun)" }
        return "\(number) " + (noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s")
    }
}

extension DecodingError {
    /// The schema keyword a value that does not decode breaks: `required` for a missing key, `type` for a value of
    /// another type, nil for text that is not JSON at all.
    var rule: String? {
        switch self {
        case .keyNotFound: "required"
        case .typeMismatch, .valueNotFound: "type"
        case .dataCorrupted(let context): context.codingPath.isEmpty ? nil : "type"
        @unknown default: nil
        }
    }
}
