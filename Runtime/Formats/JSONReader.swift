// JSONReader: decodes JSON into Decodable values faster than Foundation's JSONDecoder, and into the same values.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

extension JSONCoding {
    /// Decodes `type` from JSON as `decoder()` does (dates as RFC 3339 text, bytes as base64), through a
    /// `JSONReader`; what it leaves (see there) and every error are Foundation's `JSONDecoder`'s.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONReader().decode(type, from: data)
    }
}

/// Decodes JSON into `Decodable` values without Foundation's `JSONDecoder`, which makes a dictionary of `String`
/// keys for every object it reads: the text is scanned once into a list of its values (kind, where its bytes lie,
/// how many members, where the next value starts), and a model's keys are compared with the member names' bytes
/// where they lie.
///
/// Whatever it is not sure to read as `JSONDecoder` does — a number with a fraction or an exponent read as an
/// integer, an integer that does not fit, a `Float` that is not a small integer, a `Decimal`, a string with a lone
/// surrogate, an object with the same name twice, text that is not plain JSON in UTF-8, any error — it leaves to
/// `JSONCoding.decoder()`, which decodes the value again from the start. It is then never wrong, only slower:
/// an error thrown is always `JSONDecoder`'s, and a value returned is the one `JSONDecoder` returns.
///
/// One reader keeps its list between values (an event stream decodes thousands with one); it is not for two
/// threads at once.
final class JSONReader {
    private var foundationDecoder: JSONDecoder?
    /// The list's capacity of the last value, so the next one does not grow it again.
    private var capacity = 64

    /// Decodes `type` from `data`: by this reader where it can, else by `JSONCoding.decoder()`.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let value = read(type, from: data) { return value }
        let decoder = foundationDecoder ?? JSONCoding.decoder()
        foundationDecoder = decoder
        return try decoder.decode(type, from: data)
    }

    /// `type` decoded from `data` by this reader alone, or `nil` where it leaves the value to `JSONDecoder` (an
    /// error included).
    func read<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        data.withUnsafeBytes { raw -> T? in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self), capacity: capacity)
            guard scanner.scanDocument() else { return nil }
            capacity = max(capacity, scanner.entries.count)
            let document = JSONDocument(bytes: scanner.bytes, entries: scanner.entries)
            guard let value = try? JSONValueDecoder(document: document, index: 0).decodeValue(type), !document.unsure
            else { return nil }
            return value
        }
    }
}

/// One value of a JSON text. A string's `start`..<`end` are its bytes between the quotes; an object's members
/// follow it as name, value, name, value.
private struct JSONEntry {
    enum Kind: UInt8 {
        case null, `true`, `false`, number, string, array, object
    }

    static let escaped: UInt8 = 1
    static let nonASCII: UInt8 = 2
    static let integer: UInt8 = 1

    var kind: Kind
    /// A string: `escaped` (holds `\`) and `nonASCII` bits; a number: `integer` (no fraction, no exponent).
    var flags: UInt8
    var start: Int
    /// A string's or a number's end; an array's or an object's count of items or members.
    var end: Int
    /// The index of the entry after this value and all it holds.
    var next: Int
    /// The array or object that holds this value (-1: none, or a member's name), and its position in an array: the
    /// coding path is found from them, going up.
    var parent = -1
    var ordinal = 0
}

/// Scans a JSON text into its list of values (a local value: no access checks in the loop over the bytes).
private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var entries: [JSONEntry] = []
    private var sawNonASCII = false

    init(bytes: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.bytes = bytes
        entries.reserveCapacity(capacity)
    }

    /// Scans the whole text into `entries`: one value between optional white space, plain JSON (no comments, no
    /// byte order mark), valid UTF-8, nested at most 512 deep as `JSONDecoder` allows.
    mutating func scanDocument() -> Bool {
        var position = 0
        guard scanValue(&position, depth: 0, parent: -1, ordinal: 0) else { return false }
        skipWhitespace(&position)
        guard position == bytes.count else { return false }
        return !sawNonASCII || JSONScanner.isValidUTF8(bytes)
    }

    private func skipWhitespace(_ position: inout Int) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func scanValue(_ position: inout Int, depth: Int, parent: Int, ordinal: Int) -> Bool {
        let index = entries.count
        guard scanValue(&position, depth: depth, index: index) else { return false }
        entries[index].parent = parent
        entries[index].ordinal = ordinal
        return true
    }

    private mutating func scanValue(_ position: inout Int, depth: Int, index: Int) -> Bool {
        skipWhitespace(&position)
        guard position < bytes.count, depth < 512 else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            entries.append(JSONEntry(kind: .object, flags: 0, start: position, end: 0, next: 0))
            position += 1
            var members = 0
            skipWhitespace(&position)
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipWhitespace(&position)
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\""),
                        scanString(&position)
                    else { return false }
                    skipWhitespace(&position)
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                    position += 1
                    guard scanValue(&position, depth: depth + 1, parent: index, ordinal: members) else { return false }
                    members += 1
                    skipWhitespace(&position)
                    guard position < bytes.count else { return false }
                    if bytes[position] == UInt8(ascii: ",") {
                        position += 1
                    } else if bytes[position] == UInt8(ascii: "}") {
                        position += 1
                        break
                    } else {
                        return false
                    }
                }
            }
            entries[index].end = members
            entries[index].next = entries.count
            return true
        case UInt8(ascii: "["):
            entries.append(JSONEntry(kind: .array, flags: 0, start: position, end: 0, next: 0))
            position += 1
            var items = 0
            skipWhitespace(&position)
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
            } else {
                while true {
                    guard scanValue(&position, depth: depth + 1, parent: index, ordinal: items) else { return false }
                    items += 1
                    skipWhitespace(&position)
                    guard position < bytes.count else { return false }
                    if bytes[position] == UInt8(ascii: ",") {
                        position += 1
                    } else if bytes[position] == UInt8(ascii: "]") {
                        position += 1
                        break
                    } else {
                        return false
                    }
                }
            }
            entries[index].end = items
            entries[index].next = entries.count
            return true
        case UInt8(ascii: "\""):
            return scanString(&position)
        case UInt8(ascii: "t"):
            return scanWord("true", .true, &position)
        case UInt8(ascii: "f"):
            return scanWord("false", .false, &position)
        case UInt8(ascii: "n"):
            return scanWord("null", .null, &position)
        default:
            return scanNumber(&position)
        }
    }

    private mutating func scanWord(_ word: StaticString, _ kind: JSONEntry.Kind, _ position: inout Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        entries.append(JSONEntry(kind: kind, flags: 0, start: position, end: position + count, next: entries.count + 1))
        position += count
        return true
    }

    /// A string, `position` at its opening quote: no control characters, only JSON's escapes.
    private mutating func scanString(_ position: inout Int) -> Bool {
        let start = position + 1
        var flags: UInt8 = 0
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                entries.append(
                    JSONEntry(kind: .string, flags: flags, start: start, end: cursor, next: entries.count + 1))
                position = cursor + 1
                return true
            } else if byte == UInt8(ascii: "\\") {
                flags |= JSONEntry.escaped
                guard cursor + 1 < bytes.count else { return false }
                switch bytes[cursor + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    cursor += 2
                case UInt8(ascii: "u"):
                    guard cursor + 6 <= bytes.count else { return false }
                    for offset in 2..<6 where Self.hexValue(bytes[cursor + offset]) == nil { return false }
                    cursor += 6
                default:
                    return false
                }
            } else if byte < 0x20 {
                return false
            } else {
                if byte >= 0x80 {
                    flags |= JSONEntry.nonASCII
                    sawNonASCII = true
                }
                cursor += 1
            }
        }
        return false
    }

    /// A number as JSON writes it: `-`, then `0` or digits not starting with `0`, then maybe a fraction and an
    /// exponent.
    private mutating func scanNumber(_ position: inout Int) -> Bool {
        let start = position
        var cursor = position
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        func digits() -> Bool {
            guard isDigit(cursor) else { return false }
            while isDigit(cursor) { cursor += 1 }
            return true
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        guard isDigit(cursor) else { return false }
        if bytes[cursor] == UInt8(ascii: "0") {
            cursor += 1
            if isDigit(cursor) { return false }
        } else {
            _ = digits()
        }
        var flags = JSONEntry.integer
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            guard digits() else { return false }
            flags = 0
        }
        if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "e") {
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
            }
            guard digits() else { return false }
            flags = 0
        }
        entries.append(JSONEntry(kind: .number, flags: flags, start: start, end: cursor, next: entries.count + 1))
        position = cursor
        return true
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func continuation(_ at: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            at < count && range.contains(bytes[at])
        }
        while index < count {
            let lead = bytes[index]
            switch lead {
            case 0x00...0x7F:
                index += 1
            case 0xC2...0xDF:
                guard continuation(index + 1) else { return false }
                index += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> =
                    lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(index + 1, second), continuation(index + 2) else { return false }
                index += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> =
                    lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(index + 1, second), continuation(index + 2), continuation(index + 3) else {
                    return false
                }
                index += 4
            default:
                return false
            }
        }
        return true
    }
}

/// A scanned JSON text, read by the decoders below.
private final class JSONDocument {
    let bytes: UnsafeBufferPointer<UInt8>
    let entries: [JSONEntry]
    /// Set when the reader met something it leaves to `JSONDecoder`, also where a `try?` caught what it threw.
    var unsure = false

    /// Thrown where the reader leaves the value to `JSONDecoder`; never seen outside.
    struct Unsure: Error {}

    init(bytes: UnsafeBufferPointer<UInt8>, entries: [JSONEntry]) {
        self.bytes = bytes
        self.entries = entries
    }

    func doubt() -> Unsure {
        unsure = true
        return Unsure()
    }

    func kind(_ index: Int) -> JSONEntry.Kind { entries[index].kind }

    /// The string at `index`, unescaped.
    func string(_ index: Int) throws -> String {
        let entry = entries[index]
        guard entry.kind == .string else { throw mismatch(String.self, index) }
        let text = UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.end])
        guard entry.flags & JSONEntry.escaped != 0 else { return String(decoding: text, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(text.count)
        var cursor = 0
        while cursor < text.count {
            let byte = text[cursor]
            guard byte == UInt8(ascii: "\\") else {
                unescaped.append(byte)
                cursor += 1
                continue
            }
            let escape = text[cursor + 1]
            cursor += 2
            switch escape {
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(text, cursor)
                cursor += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate is only a character with the low one after it.
                    guard cursor + 6 <= text.count, text[cursor] == UInt8(ascii: "\\"),
                        text[cursor + 1] == UInt8(ascii: "u")
                    else { throw doubt() }
                    let low = hex4(text, cursor + 2)
                    guard (0xDC00...0xDFFF).contains(low) else { throw doubt() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    cursor += 6
                }
                guard let character = Unicode.Scalar(scalar) else { throw doubt() }
                unescaped.append(contentsOf: UTF8.encode(character)!)
            default: unescaped.append(escape)  // `"`, `\`, `/`
            }
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    private func hex4(_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (JSONScanner.hexValue(text[at + offset]) ?? 0) }
        return value
    }

    /// The index of the value of `object`'s member `name`, or `nil` when it has none. Names are compared as bytes
    /// where both are plain (ASCII, no escapes), else as Swift strings (as `JSONDecoder`'s dictionary compares
    /// them); the same name twice is left to `JSONDecoder`.
    func member(_ name: String, in object: Int) -> Int? {
        let members = entries[object].end
        var found: Int?
        func matched(_ value: Int) {
            if found != nil { unsure = true }
            found = value
        }
        let plain = name.utf8.withContiguousStorageIfAvailable { key -> Bool in
            for byte in key where byte >= 0x80 { return false }
            var member = object + 1
            for _ in 0..<members {
                let entry = entries[member]
                if entry.flags != 0 {
                    if (try? string(member)) == name { matched(member + 1) }
                } else if entry.end - entry.start == key.count,
                    key.isEmpty || memcmp(bytes.baseAddress! + entry.start, key.baseAddress!, key.count) == 0
                {
                    matched(member + 1)
                }
                member = entries[member + 1].next
            }
            return true
        }
        if plain == true { return found }
        var member = object + 1
        for _ in 0..<members {
            if (try? string(member)) == name { matched(member + 1) }
            member = entries[member + 1].next
        }
        return found
    }

    func bool(_ index: Int) throws -> Bool {
        switch entries[index].kind {
        case .true: true
        case .false: false
        default: throw mismatch(Bool.self, index)
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, _ index: Int) throws -> T {
        let entry = entries[index]
        guard entry.kind == .number else { throw mismatch(type, index) }
        // `1.0`, `1e2` and a number past the type's range are left to JSONDecoder.
        guard entry.flags & JSONEntry.integer != 0, let value = parsedInteger(type, entry) else { throw doubt() }
        return value
    }

    /// An integer's digits as `T`, or `nil` past its range.
    private func parsedInteger<T: FixedWidthInteger>(_ type: T.Type, _ entry: JSONEntry) -> T? {
        var cursor = entry.start
        let negative = bytes[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }
        var value: T = 0
        while cursor < entry.end {
            let digit = T(bytes[cursor] - 0x30)
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
            cursor += 1
        }
        return value
    }

    func double(_ index: Int) throws -> Double {
        let entry = entries[index]
        guard entry.kind == .number else { throw mismatch(Double.self, index) }
        // An integer of up to 15 digits is exactly that Double (`-0` is -0.0).
        if entry.flags & JSONEntry.integer != 0, entry.end - entry.start <= 15 {
            let value = Double(try integer(Int.self, index))
            return value == 0 && bytes[entry.start] == UInt8(ascii: "-") ? -0.0 : value
        }
        return try parsedDouble(entry)
    }

    /// The number's text read as a Double (`strtod`, correctly rounded); not finite is left to JSONDecoder.
    private func parsedDouble(_ entry: JSONEntry) throws -> Double {
        let length = entry.end - entry.start
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text in
            for offset in 0..<length { text[offset] = CChar(bitPattern: bytes[entry.start + offset]) }
            text[length] = 0
            return strtod(text.baseAddress!, nil)
        }
        guard value.isFinite else { throw doubt() }
        return value
    }

    /// A `JSONValue` as its `init(from:)` reads it through `JSONDecoder`: a number is `.integer` where `Int` reads
    /// it, else `.number`.
    func jsonValue(_ index: Int) throws -> JSONValue {
        let entry = entries[index]
        switch entry.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string: return .string(try string(index))
        case .number:
            if entry.flags & JSONEntry.integer != 0 {
                // Past Int's range, JSONDecoder reads it as a Double.
                return try parsedInteger(Int.self, entry).map(JSONValue.integer) ?? .number(parsedDouble(entry))
            }
            let value = try parsedDouble(entry)
            // `1.0` and `1e2` are integers to JSONDecoder; a fraction is not.
            guard value.rounded(.towardZero) != value else { throw doubt() }
            return .number(value)
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(entry.end)
            var item = index + 1
            for _ in 0..<entry.end {
                items.append(try jsonValue(item))
                item = entries[item].next
            }
            return .array(items)
        case .object:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(entry.end)
            var name = index + 1
            for _ in 0..<entry.end {
                guard members.updateValue(try jsonValue(name + 1), forKey: try string(name)) == nil else {
                    throw doubt()
                }
                name = entries[name + 1].next
            }
            return .object(members)
        }
    }

    func float(_ index: Int) throws -> Float {
        let entry = entries[index]
        guard entry.kind == .number else { throw mismatch(Float.self, index) }
        // Only integers a Float holds exactly: rounding a text to Float is left to JSONDecoder.
        guard entry.flags & JSONEntry.integer != 0, entry.end - entry.start <= 7 else { throw doubt() }
        let value = Float(try integer(Int.self, index))
        return value == 0 && bytes[entry.start] == UInt8(ascii: "-") ? -0.0 : value
    }

    private func mismatch(_ type: Any.Type, _ index: Int) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath(to: index), debugDescription: "\(entries[index].kind)"))
    }

    /// The names and positions that lead to the value at `index`, found by going up through its containers.
    func codingPath(to index: Int) -> [any CodingKey] {
        var path: [any CodingKey] = []
        var current = index
        while entries[current].parent >= 0 {
            let entry = entries[current]
            if entries[entry.parent].kind == .object {
                path.append(PathKey(stringValue: (try? string(current - 1)) ?? "", intValue: nil))
            } else {
                path.append(PathKey(stringValue: "Index \(entry.ordinal)", intValue: entry.ordinal))
            }
            current = entry.parent
        }
        return path.reversed()
    }

    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String, intValue: Int?) {
            self.stringValue = stringValue
            self.intValue = intValue
        }
        init?(stringValue: String) { self.init(stringValue: stringValue, intValue: nil) }
        init?(intValue: Int) { self.init(stringValue: "Index \(intValue)", intValue: intValue) }
    }
}

/// The `Decoder` (and single-value container) of one value of a `JSONReader`'s text.
private struct JSONValueDecoder: Decoder, SingleValueDecodingContainer {
    let document: JSONDocument
    let index: Int

    var codingPath: [any CodingKey] { document.codingPath(to: index) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard document.kind(index) == .object else {
            throw DecodingError.typeMismatch(
                [String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object"))
        }
        return KeyedDecodingContainer(try JSONKeyedContainer<Key>(document: document, index: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard document.kind(index) == .array else {
            throw DecodingError.typeMismatch(
                [Any].self, .init(codingPath: codingPath, debugDescription: "expected an array"))
        }
        return JSONUnkeyedContainer(document: document, index: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { document.kind(index) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try document.bool(index) }
    func decode(_ type: String.Type) throws -> String { try document.string(index) }
    func decode(_ type: Double.Type) throws -> Double { try document.double(index) }
    func decode(_ type: Float.Type) throws -> Float { try document.float(index) }
    func decode(_ type: Int.Type) throws -> Int { try document.integer(type, index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(type, index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(type, index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(type, index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(type, index) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.integer(type, index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(type, index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(type, index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(type, index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(type, index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// `type` read from this value, with the types `JSONDecoder` reads its own way: dates (as `JSONCoding`
    /// configures it), bytes (base64), URLs.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == String.self { return try document.string(index) as! T }
        if type == Int.self { return try document.integer(Int.self, index) as! T }
        if type == Bool.self { return try document.bool(index) as! T }
        if type == Double.self { return try document.double(index) as! T }
        if type == Date.self {
            return try RFC3339.decode(document.string(index), codingPath: codingPath) as! T
        }
        if type == Data.self {
            guard let data = Data(base64Encoded: try document.string(index)) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: "Encountered Data is not valid Base64."))
            }
            return data as! T
        }
        if type == URL.self {
            guard let url = URL(string: try document.string(index)) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: "Invalid URL string."))
            }
            return url as! T
        }
        if type == JSONValue.self { return try document.jsonValue(index) as! T }
        if type == Decimal.self { throw document.doubt() }
        return try T(from: self)
    }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: JSONDocument
    let index: Int
    /// Member name → value index, for objects with many members (the last of a name wins, as in `JSONDecoder`).
    private let table: [String: Int]?

    init(document: JSONDocument, index: Int) throws {
        self.document = document
        self.index = index
        let members = document.entries[index].end
        guard members > 16 else {
            table = nil
            return
        }
        var table: [String: Int] = [:]
        table.reserveCapacity(members)
        var name = index + 1
        for _ in 0..<members {
            table[try document.string(name)] = name + 1
            name = document.entries[name + 1].next
        }
        // The same name twice: which one `JSONDecoder` keeps is its business.
        guard table.count == members else { throw document.doubt() }
        self.table = table
    }

    var codingPath: [any CodingKey] { document.codingPath(to: index) }

    var allKeys: [Key] {
        var keys: [Key] = []
        var names = Set<String>()
        var name = index + 1
        for _ in 0..<document.entries[index].end {
            if let text = try? document.string(name) {
                if !names.insert(text).inserted { document.unsure = true }
                if let key = Key(stringValue: text) { keys.append(key) }
            }
            name = document.entries[name + 1].next
        }
        return keys
    }

    /// The index of `key`'s value, or `nil` when the object has no such member.
    private func find(_ key: Key) -> Int? {
        if let table { return table[key.stringValue] }
        return document.member(key.stringValue, in: index)
    }

    private func value(_ key: Key) throws -> Int {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)"))
        }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { document.kind(try value(key)) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.double(value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try document.float(value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(type, value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try document.integer(type, value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try document.integer(type, value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try document.integer(type, value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try document.integer(type, value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try document.integer(type, value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try document.integer(type, value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try document.integer(type, value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try document.integer(type, value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try document.integer(type, value(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONValueDecoder(document: document, index: value(key)).decodeValue(type)
    }

    /// The member's value, or `nil` when it is absent or `null`.
    private func present(_ key: Key) -> Int? {
        guard let value = find(key), document.kind(value) != .null else { return nil }
        return value
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try document.string($0) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try document.integer(type, $0) }
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try document.bool($0) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try present(key).map { try document.double($0) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try JSONValueDecoder(document: document, index: $0).decodeValue(type) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONValueDecoder(document: document, index: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(document: document, index: value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let value = find(Key(stringValue: "super")!) else { throw document.doubt() }
        return JSONValueDecoder(document: document, index: value)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        guard let value = find(key) else { throw document.doubt() }
        return JSONValueDecoder(document: document, index: value)
    }
}

private struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    let document: JSONDocument
    let index: Int
    let count: Int?
    private(set) var currentIndex = 0
    /// The entry of the item at `currentIndex`.
    private var item: Int

    init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
        count = document.entries[index].end
        item = index + 1
    }

    var codingPath: [any CodingKey] { document.codingPath(to: index) }
    var isAtEnd: Bool { currentIndex >= count! }

    /// The item's entry, failing at the end as `JSONDecoder` does.
    private func current(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
        }
        return item
    }

    /// Moves past the item: only once it was read (a failed read leaves it there, as in `JSONDecoder`).
    private mutating func advance<T>(_ value: T) -> T {
        item = document.entries[item].next
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard document.kind(try current(Never.self)) == .null else { return false }
        return advance(true)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { advance(try document.bool(current(type))) }
    mutating func decode(_ type: String.Type) throws -> String { advance(try document.string(current(type))) }
    mutating func decode(_ type: Double.Type) throws -> Double { advance(try document.double(current(type))) }
    mutating func decode(_ type: Float.Type) throws -> Float { advance(try document.float(current(type))) }
    mutating func decode(_ type: Int.Type) throws -> Int { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { advance(try document.integer(type, current(type))) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { advance(try document.integer(type, current(type))) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        advance(try JSONValueDecoder(document: document, index: current(type)).decodeValue(type))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        advance(try JSONValueDecoder(document: document, index: current(type)).container(keyedBy: type))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        advance(try JSONValueDecoder(document: document, index: current([Any].self)).unkeyedContainer())
    }

    mutating func superDecoder() throws -> any Decoder {
        advance(JSONValueDecoder(document: document, index: try current(Any.self)))
    }
}
