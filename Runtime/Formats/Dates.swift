// RFC 3339 dates (date-time and full-date) and their coding.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

// MARK: - Dates

/// RFC 3339 date-times: with or without fractional seconds, `Z` or an offset; written in UTC, with fractional
/// seconds only when there are any.
public enum RFC3339 {
    /// Parses `2019-08-24T14:15:22Z`, `2019-08-24T14:15:22.123456+02:00`, `2019-08-24 14:15:22z`.
    public static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(index + 1, 2), let minutes = number(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2019-08-24T14:15:22Z`, or `2019-08-24T14:15:22.5Z` when there are fractional seconds (up to microseconds).
    public static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var whole = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(whole)) * 1_000_000).rounded())
        if micros == 1_000_000 {
            whole += 1
            micros = 0
        }
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let secondsOfDay = whole - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay % 3600 / 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if micros > 0 {
            var fraction = pad(micros, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar, no time zone database).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date `text` holds, or an error at `codingPath` (found only then: a decoder may have to work it out).
    static func decode(_ text: String, codingPath: @autoclosure () -> [any CodingKey]) throws -> Date {
        guard let date = date(from: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath(), debugDescription: "'\(text)' is not an RFC 3339 date-time"))
        }
        return date
    }
}

// Generated models decode and encode `Date` as RFC 3339 text whatever the coder's date strategy, so they work
// with any `JSONDecoder`. The methods have names of their own: an overload of `decode(_:forKey:)` would change how
// every `Codable` type of the module codes dates, the user's own types included.
extension KeyedDecodingContainer {
    func decodeRFC3339(_ type: Date.Type, forKey key: Key) throws -> Date {
        try RFC3339.decode(decode(String.self, forKey: key), codingPath: codingPath + [key])
    }

    func decodeRFC3339IfPresent(_ type: Date.Type, forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return try RFC3339.decode(text, codingPath: codingPath + [key])
    }

    func decodeRFC3339(_ type: [Date].Type, forKey key: Key) throws -> [Date] {
        try decode([String].self, forKey: key).map { try RFC3339.decode($0, codingPath: codingPath + [key]) }
    }

    func decodeRFC3339IfPresent(_ type: [Date].Type, forKey key: Key) throws -> [Date]? {
        try decodeIfPresent([String].self, forKey: key)?.map { try RFC3339.decode($0, codingPath: codingPath + [key]) }
    }

    func decodeRFC3339(_ type: [String: Date].Type, forKey key: Key) throws -> [String: Date] {
        try decode([String: String].self, forKey: key).mapValues {
            try RFC3339.decode($0, codingPath: codingPath + [key])
        }
    }

    func decodeRFC3339IfPresent(_ type: [String: Date].Type, forKey key: Key) throws -> [String: Date]? {
        try decodeIfPresent([String: String].self, forKey: key)?.mapValues {
            try RFC3339.decode($0, codingPath: codingPath + [key])
        }
    }
}

extension KeyedEncodingContainer {
    mutating func encodeRFC3339(_ value: Date, forKey key: Key) throws {
        try encode(RFC3339.string(from: value), forKey: key)
    }

    mutating func encodeRFC3339IfPresent(_ value: Date?, forKey key: Key) throws {
        try encodeIfPresent(value.map(RFC3339.string(from:)), forKey: key)
    }

    mutating func encodeRFC3339(_ value: [Date], forKey key: Key) throws {
        try encode(value.map(RFC3339.string(from:)), forKey: key)
    }

    mutating func encodeRFC3339IfPresent(_ value: [Date]?, forKey key: Key) throws {
        try encodeIfPresent(value.map { $0.map(RFC3339.string(from:)) }, forKey: key)
    }

    mutating func encodeRFC3339(_ value: [String: Date], forKey key: Key) throws {
        try encode(value.mapValues(RFC3339.string(from:)), forKey: key)
    }

    mutating func encodeRFC3339IfPresent(_ value: [String: Date]?, forKey key: Key) throws {
        try encodeIfPresent(value.map { $0.mapValues(RFC3339.string(from:)) }, forKey: key)
    }

    // A required member whose schema allows `null`: `nil` is `null`, as the member must be there.

    mutating func encodeRFC3339OrNull(_ value: Date?, forKey key: Key) throws {
        try encode(value.map(RFC3339.string(from:)), forKey: key)
    }

    mutating func encodeRFC3339OrNull(_ value: [Date]?, forKey key: Key) throws {
        try encode(value.map { $0.map(RFC3339.string(from:)) }, forKey: key)
    }

    mutating func encodeRFC3339OrNull(_ value: [String: Date]?, forKey key: Key) throws {
        try encode(value.map { $0.mapValues(RFC3339.string(from:)) }, forKey: key)
    }
}

/// The coders the client, the fixtures and the exerciser use: dates the models do not code themselves (a `Date`
/// body, dates nested deeper than a model's own properties) are RFC 3339 text too.
enum JSONCoding {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try RFC3339.decode(String(from: decoder), codingPath: decoder.codingPath)
        }
        return decoder
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }

    /// The encoder of what a request sends (bodies, object parameters): read-only properties are left out.
    static func requestEncoder() -> JSONEncoder {
        let encoder = encoder()
        encoder.userInfo[.encodesRequest] = true
        return encoder
    }
}

extension CodingUserInfoKey {
    /// Set to `true` by `JSONCoding.requestEncoder()`: the value is sent in a request, so properties the spec
    /// marks `readOnly` (the server's to set) are left out.
    static let encodesRequest = CodingUserInfoKey(rawValue: "gen.encodesRequest")!
}

extension Encoder {
    /// Whether the value is encoded for a request (see `CodingUserInfoKey.encodesRequest`).
    var encodesRequest: Bool { userInfo[.encodesRequest] as? Bool == true }
}
