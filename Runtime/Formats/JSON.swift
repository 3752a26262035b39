// JSONValue, Indirect (a model that contains itself) and the coding keys of the models.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

// MARK: - JSON

/// Any JSON value, for free-form schemas (`type: object` with no properties, `{}`).
public enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// This value with `other`'s members added: objects merge member by member, arrays of the same length item by
    /// item; elsewhere this value wins.
    func merged(with other: JSONValue) -> JSONValue {
        switch (self, other) {
        case (.object(var members), .object(let others)):
            for (name, value) in others { members[name] = members[name].map { $0.merged(with: value) } ?? value }
            return .object(members)
        case (.array(let items), .array(let others)) where items.count == others.count:
            return .array(zip(items, others).map { $0.merged(with: $1) })
        default:
            return self
        }
    }
}

/// Stores a value out of line, so a model can contain itself (`Node.parent: Node?`); reads and writes as the
/// value itself, and a missing optional decodes as `nil`.
@propertyWrapper
public struct Indirect<Value: Codable & Sendable>: Codable, Sendable {
    private final class Storage: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    public init(wrappedValue: Value) {
        storage = Storage(wrappedValue)
    }

    public var wrappedValue: Value {
        get { storage.value }
        set { storage = Storage(newValue) }
    }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}

extension Indirect: Equatable where Value: Equatable {
    public static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs.wrappedValue == rhs.wrappedValue }
}

extension Indirect: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension KeyedDecodingContainer {
    func decode<Wrapped>(_ type: Indirect<Wrapped?>.Type, forKey key: Key) throws -> Indirect<Wrapped?> {
        Indirect(wrappedValue: try decodeIfPresent(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    mutating func encode<Wrapped>(_ value: Indirect<Wrapped?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

/// A coding key made from any string: the JSON names in models' `init(from:)` and `encode(to:)`, and
/// discriminators. One key type for every model compiles much faster than a `CodingKeys` enum per model.
struct DynamicCodingKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ stringValue: String) { self.stringValue = stringValue }
    init(stringLiteral stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
