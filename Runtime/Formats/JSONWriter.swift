// JSONWriter: encodes Encodable values into the bytes Foundation's JSONEncoder writes, faster.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// Encodes `Encodable` values into the bytes `JSONCoding.encoder()` (or `requestEncoder()`) writes — names sorted,
/// dates as RFC 3339 text, bytes as base64, `/` escaped, numbers spelled as `JSONEncoder` spells them — without
/// `JSONEncoder`, which puts every object into a dictionary before it sorts and writes it: scalars are written as
/// they come into one buffer, objects and arrays keep where their members lie in it, and the value is assembled
/// once at the end.
///
/// What it is not sure to write as `JSONEncoder` does (a member name beyond ASCII, a `Decimal`, a number that is not
/// finite, a `superEncoder`, a value that encodes nothing or twice, any error) it leaves to `JSONEncoder`, which
/// encodes the value again from the start: the bytes are always `JSONEncoder`'s, and so is an error.
final class JSONWriter {
    /// Whether the value is sent in a request (`CodingUserInfoKey.encodesRequest`: read-only members left out).
    let encodesRequest: Bool
    private var foundationEncoder: JSONEncoder?

    init(encodesRequest: Bool = false) {
        self.encodesRequest = encodesRequest
    }

    /// `value` as JSON: by this writer where it can, else by `JSONEncoder`.
    func encode<T: Encodable>(_ value: T) throws -> Data {
        if let data = write(value) { return data }
        let encoder = foundationEncoder ?? (encodesRequest ? JSONCoding.requestEncoder() : JSONCoding.encoder())
        foundationEncoder = encoder
        return try encoder.encode(value)
    }

    /// `value` as JSON by this writer alone, or `nil` where it leaves it to `JSONEncoder` (an error included).
    func write<T: Encodable>(_ value: T) -> Data? {
        let state = JSONWriterState(encodesRequest: encodesRequest)
        let encoder = JSONTreeEncoder(state: state, parent: nil, key: nil)
        guard (try? state.encode(value, into: encoder)) != nil, !state.unsure, let root = encoder.node else {
            return nil
        }
        var output: [UInt8] = []
        output.reserveCapacity(state.scratch.count + 16)
        guard state.assemble(root, into: &output) else { return nil }
        return Data(output)
    }

    /// A Double or a Float as JSONEncoder writes it: Swift's shortest text, without a trailing `.0`.
    static func numberText<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String? {
        guard value.isFinite else { return nil }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

/// One value of what a `JSONWriter` writes: a scalar's bytes in the scratch buffer, or a container.
private enum JSONTreeNode {
    case bytes(Range<Int>)
    case array(JSONTreeArray)
    case object(JSONTreeObject)
}

// The containers' stored properties are changed one call at a time, never while another access is open: no
// run-time exclusivity checks (`@exclusivity(unchecked)`), which were a tenth of the time.
private final class JSONTreeArray {
    @exclusivity(unchecked) var items: [JSONTreeNode] = []
}

/// An object's members in the order they were encoded; a name encoded again replaces its value (as in
/// `JSONEncoder`).
private final class JSONTreeObject {
    @exclusivity(unchecked) var names: [String] = []
    @exclusivity(unchecked) var values: [JSONTreeNode] = []
    /// Name → index, once the object has many members.
    @exclusivity(unchecked) private var positions: [String: Int]?

    func set(_ name: String, _ value: JSONTreeNode) {
        if let index = position(name) {
            values[index] = value
            return
        }
        names.append(name)
        values.append(value)
        if positions != nil {
            positions?[name] = names.count - 1
        } else if names.count > 16 {
            positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func contains(_ name: String) -> Bool { position(name) != nil }

    private func position(_ name: String) -> Int? {
        if let positions { return positions[name] }
        return names.firstIndex(of: name)
    }
}

/// What the encoders of one value share: the scratch buffer scalars are written into.
private final class JSONWriterState {
    let userInfo: [CodingUserInfoKey: Any]
    /// Written once per scalar, never while another access is open: no run-time exclusivity check.
    @exclusivity(unchecked) var scratch: [UInt8] = []
    /// Set where the writer leaves the value to `JSONEncoder`, also where a `try?` caught what it threw.
    var unsure = false

    init(encodesRequest: Bool) {
        userInfo = encodesRequest ? [.encodesRequest: true] : [:]
        scratch.reserveCapacity(256)
    }

    struct Unsure: Error {}

    func doubt() -> Unsure {
        unsure = true
        return Unsure()
    }

    // MARK: Scalars

    private func scalar(_ write: (inout [UInt8]) -> Void) -> JSONTreeNode {
        let start = scratch.count
        write(&scratch)
        return .bytes(start..<scratch.count)
    }

    func null() -> JSONTreeNode { scalar { $0.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) } }

    func bool(_ value: Bool) -> JSONTreeNode {
        scalar { $0.append(contentsOf: value ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    func integer(_ value: some FixedWidthInteger) -> JSONTreeNode {
        scalar { $0.append(contentsOf: String(value).utf8) }
    }

    func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws -> JSONTreeNode {
        guard let text = JSONWriter.numberText(value) else { throw doubt() }
        return scalar { $0.append(contentsOf: text.utf8) }
    }

    func string(_ value: String) -> JSONTreeNode {
        scalar { Self.writeString(value, into: &$0) }
    }

    /// A string as JSONEncoder escapes it: `"`, `\` and `/`, control characters (`\n` and the like, else `\u00xx`).
    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied at once.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || byte == UInt8(ascii: "/")
            {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(contentsOf: [0x5C, byte])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    // MARK: Values

    /// `value` as a node: the types `JSONCoding`'s encoder writes its own way (dates, bytes, URLs) and scalars
    /// directly, anything else through a child encoder.
    func node<T: Encodable>(_ value: T, parent: JSONTreeEncoder, key: (any CodingKey)?) throws -> JSONTreeNode {
        if T.self == String.self { return string(value as! String) }
        if T.self == Int.self { return integer(value as! Int) }
        if T.self == Bool.self { return bool(value as! Bool) }
        if T.self == Double.self { return try number(value as! Double) }
        if T.self == Date.self { return string(RFC3339.string(from: value as! Date)) }
        if T.self == Data.self { return string((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return string((value as! URL).absoluteString) }
        if T.self == Decimal.self { throw doubt() }
        let child = JSONTreeEncoder(state: self, parent: parent, key: key)
        try value.encode(to: child)
        // A value that encodes nothing: JSONEncoder's business.
        guard let node = child.node else { throw doubt() }
        return node
    }

    /// Encodes `value` into `encoder` itself (the top, or a single-value container's `encode(_:)`).
    func encode<T: Encodable>(_ value: T, into encoder: JSONTreeEncoder) throws {
        guard encoder.node == nil else { throw doubt() }
        switch T.self {
        case is String.Type, is Int.Type, is Bool.Type, is Double.Type, is Date.Type, is Data.Type, is URL.Type,
            is Decimal.Type:
            encoder.node = try node(value, parent: encoder, key: nil)
        default:
            try value.encode(to: encoder)
            guard encoder.node != nil else { throw doubt() }
        }
    }

    /// The JSON of `node`: its scalars copied from the scratch buffer, objects' members sorted by name as
    /// JSONEncoder's `sortedKeys` sorts ASCII names (byte by byte).
    func assemble(_ node: JSONTreeNode, into output: inout [UInt8]) -> Bool {
        switch node {
        case .bytes(let range):
            output.append(contentsOf: scratch[range])
        case .array(let array):
            output.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                guard assemble(item, into: &output) else { return false }
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            for name in object.names where !name.utf8.allSatisfy({ $0 < 0x80 }) { return false }
            let names = object.names
            let order = names.count < 2 ? Array(names.indices) : names.indices.sorted { names[$0] < names[$1] }
            output.append(UInt8(ascii: "{"))
            for (position, index) in order.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(names[index], into: &output)
                output.append(UInt8(ascii: ":"))
                guard assemble(object.values[index], into: &output) else { return false }
            }
            output.append(UInt8(ascii: "}"))
        }
        return true
    }
}

/// The `Encoder` of one value: it becomes an object, an array or a scalar by the container it is asked for.
private final class JSONTreeEncoder: Encoder {
    let state: JSONWriterState
    let parent: JSONTreeEncoder?
    let key: (any CodingKey)?
    @exclusivity(unchecked) var node: JSONTreeNode?

    init(state: JSONWriterState, parent: JSONTreeEncoder?, key: (any CodingKey)?) {
        self.state = state
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONTreeObject
        switch node {
        case .object(let existing)?: object = existing
        case nil:
            object = JSONTreeObject()
            node = .object(object)
        default:
            state.unsure = true
            object = JSONTreeObject()
        }
        return KeyedEncodingContainer(JSONTreeKeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONTreeArray
        switch node {
        case .array(let existing)?: array = existing
        case nil:
            array = JSONTreeArray()
            node = .array(array)
        default:
            state.unsure = true
            array = JSONTreeArray()
        }
        return JSONTreeUnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONTreeSingleValueContainer(encoder: self) }
}

private struct JSONTreeSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var state: JSONWriterState { encoder.state }

    private func set(_ node: @autoclosure () throws -> JSONTreeNode) throws {
        // A second value for one encoder: JSONEncoder's business.
        guard encoder.node == nil else { throw state.doubt() }
        encoder.node = try node()
    }

    mutating func encodeNil() throws { try set(state.null()) }
    mutating func encode(_ value: Bool) throws { try set(state.bool(value)) }
    mutating func encode(_ value: String) throws { try set(state.string(value)) }
    mutating func encode(_ value: Double) throws { try set(state.number(value)) }
    mutating func encode(_ value: Float) throws { try set(state.number(value)) }
    mutating func encode(_ value: Int) throws { try set(state.integer(value)) }
    mutating func encode(_ value: Int8) throws { try set(state.integer(value)) }
    mutating func encode(_ value: Int16) throws { try set(state.integer(value)) }
    mutating func encode(_ value: Int32) throws { try set(state.integer(value)) }
    mutating func encode(_ value: Int64) throws { try set(state.integer(value)) }
    mutating func encode(_ value: UInt) throws { try set(state.integer(value)) }
    mutating func encode(_ value: UInt8) throws { try set(state.integer(value)) }
    mutating func encode(_ value: UInt16) throws { try set(state.integer(value)) }
    mutating func encode(_ value: UInt32) throws { try set(state.integer(value)) }
    mutating func encode(_ value: UInt64) throws { try set(state.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try state.encode(value, into: encoder) }
}

private struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let object: JSONTreeObject
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var state: JSONWriterState { encoder.state }

    init(encoder: JSONTreeEncoder, object: JSONTreeObject) {
        self.encoder = encoder
        self.object = object
    }

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, state.null()) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, state.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, state.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(key.stringValue, try state.number(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.set(key.stringValue, try state.number(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, state.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try state.node(value, parent: encoder, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONTreeObject()
        if object.contains(key.stringValue) { state.unsure = true }
        object.set(key.stringValue, .object(nested))
        let child = JSONTreeEncoder(state: state, parent: encoder, key: key)
        child.node = .object(nested)
        return KeyedEncodingContainer(JSONTreeKeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        if object.contains(key.stringValue) { state.unsure = true }
        object.set(key.stringValue, .array(nested))
        let child = JSONTreeEncoder(state: state, parent: encoder, key: key)
        child.node = .array(nested)
        return JSONTreeUnkeyedContainer(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        state.unsure = true
        return JSONTreeEncoder(state: state, parent: encoder, key: nil)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        state.unsure = true
        return JSONTreeEncoder(state: state, parent: encoder, key: key)
    }
}

private struct JSONTreeUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let array: JSONTreeArray
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }
    private var state: JSONWriterState { encoder.state }

    mutating func encodeNil() throws { array.items.append(state.null()) }
    mutating func encode(_ value: Bool) throws { array.items.append(state.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(state.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try state.number(value)) }
    mutating func encode(_ value: Float) throws { array.items.append(try state.number(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: Int8) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: Int16) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: Int32) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: Int64) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: UInt) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: UInt8) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: UInt16) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: UInt32) throws { array.items.append(state.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.items.append(state.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try state.node(value, parent: encoder, key: JSONIndexKey(array.items.count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONTreeObject()
        let child = JSONTreeEncoder(state: state, parent: encoder, key: JSONIndexKey(array.items.count))
        array.items.append(.object(nested))
        child.node = .object(nested)
        return KeyedEncodingContainer(JSONTreeKeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        let child = JSONTreeEncoder(state: state, parent: encoder, key: JSONIndexKey(array.items.count))
        array.items.append(.array(nested))
        child.node = .array(nested)
        return JSONTreeUnkeyedContainer(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        state.unsure = true
        return JSONTreeEncoder(state: state, parent: encoder, key: nil)
    }
}

/// The position of an item in a list, in coding paths.
private struct JSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
