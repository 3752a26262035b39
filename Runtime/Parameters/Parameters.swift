// Percent-encoding, object members, form and multipart bodies, and ParameterValue.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

// MARK: - Parameters

/// Encodes parameter values for paths, queries and headers so no value can change the request's structure.
public enum PathEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// One path segment: everything but unreserved characters percent-encoded, so `/`, `?`, `#` and `..` can
    /// never add a segment, a query or a fragment.
    public static func segment(_ value: String) -> String {
        // "." and ".." would be removed or climb a level when the URL is normalized.
        if value == "." || value == ".." { return String(repeating: "%2E", count: value.count) }
        return percentEncoded(value)
    }

    /// One query name or value (`&`, `=`, `+`, `#` encoded).
    public static func queryComponent(_ value: String) -> String {
        percentEncoded(value)
    }

    private static func percentEncoded(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

/// Object parameters: the members of a generated struct as name/value pairs.
public enum ParameterEncoding {
    /// The members of `value` (encoded as JSON) with simple values, sorted by name; arrays are joined with
    /// commas, nested objects sent as JSON text, nulls left out.
    public static func members(of value: some Encodable) throws -> [(name: String, value: String)] {
        let encoder = JSONCoding.requestEncoder()
        guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value)) else {
            return []
        }
        return members.keys.sorted().compactMap { name in
            text(members[name]!).map { (name, $0) }
        }
    }

    /// `a,1,b,2` (or `a=1,b=2` exploded), each name and value percent-encoded unless `encode` is false.
    public static func joined(
        _ members: [(name: String, value: String)], explode: Bool, separator: String, encode: Bool = true
    ) -> String {
        var parts: [String] = []
        for member in members {
            let name = encode ? PathEncoding.segment(member.name) : member.name
            let value = encode ? PathEncoding.segment(member.value) : member.value
            parts.append(name + (explode ? "=" : ",") + value)
        }
        return parts.joined(separator: separator)
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .bool(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): s
        case .array(let items): items.compactMap(text).joined(separator: ",")
        case .object: (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}

/// Request bodies that are not JSON.
public enum BodyEncoding {
    /// `a=1&tags=x&tags=y`: the members of `value`, each name and value percent-encoded, as OpenAPI writes a form
    /// body: every member in style `form` exploded (an array as one item per value, an object's members as items of
    /// their own) unless its entry in `fields` (the media type's `encoding`) says otherwise; a member with only a
    /// content type is sent as JSON text (a JSON type) or as it is.
    public static func formURLEncoded(_ value: some Encodable, fields: [String: FormField] = [:]) throws -> Data {
        var items: [(name: String, value: String)] = []
        for (name, member) in try members(of: value) {
            let field = fields[name] ?? FormField()
            if field.style == nil, field.explode == nil, let contentType = field.contentType {
                items.append((name, contentType.contains("json") ? json(member) : text(member)))
                continue
            }
            let style = field.style ?? .form
            let explode = field.explode ?? (style == .form)
            switch member {
            case .null: continue
            case .array(let values):
                let texts = values.map(text)
                switch style {
                case .spaceDelimited: items.append((name, texts.joined(separator: " ")))
                case .pipeDelimited: items.append((name, texts.joined(separator: "|")))
                default:
                    if explode {
                        items += texts.map { (name, $0) }
                    } else {
                        items.append((name, texts.joined(separator: ",")))
                    }
                }
            case .object(let object):
                let keys = object.keys.sorted()
                if style == .deepObject {
                    items += keys.map { (name + "[" + $0 + "]", text(object[$0]!)) }
                } else if explode {
                    items += keys.map { ($0, text(object[$0]!)) }
                } else {
                    items.append((name, keys.map { $0 + "," + text(object[$0]!) }.joined(separator: ",")))
                }
            default: items.append((name, text(member)))
            }
        }
        let pairs = items.map { PathEncoding.queryComponent($0.name) + "=" + PathEncoding.queryComponent($0.value) }
        return Data(pairs.joined(separator: "&").utf8)
    }

    /// The members of `value` encoded for a request, sorted by name.
    private static func members(of value: some Encodable) throws -> [(String, JSONValue)] {
        let data = try JSONCoding.requestEncoder().encode(value)
        guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: data) else { return [] }
        return members.keys.sorted().map { ($0, members[$0]!) }
    }

    /// A simple value as text; an array or object as JSON text.
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): s
        case .array, .object: json(value)
        }
    }

    private static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A fresh boundary for a multipart body.
    public static func makeBoundary() -> String {
        "gen-boundary-" + UUID().uuidString
    }

    /// `multipart/form-data` (RFC 7578): a part per member of `value` (a part per item of an array); members named
    /// in `binaryFields` (bytes, `format: binary`) are sent as raw file parts, the others as text or JSON; a
    /// member's entry in `fields` (the media type's `encoding`) gives its part's content type.
    public static func multipart(
        _ value: some Encodable, binaryFields: Set<String>, fields: [String: FormField] = [:], boundary: String
    ) throws -> Data {
        var body = Data()
        func part(_ name: String, _ bytes: Data, file: Bool) {
            // Quotes and line breaks in a name could end the header early; percent-encode them.
            let safe = name.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(safe)\""
            if file { header += "; filename=\"\(safe)\"" }
            // A content type of the spec's, checked like any header value (no line breaks).
            let contentType = fields[name]?.contentType.flatMap { HTTPRequest.isValidHeaderValue($0) ? $0 : nil }
            if let contentType = contentType ?? (file ? "application/octet-stream" : nil) {
                header += "\r\nContent-Type: " + contentType
            }
            body.append(Data((header + "\r\n\r\n").utf8))
            body.append(bytes)
            body.append(Data("\r\n".utf8))
        }
        for (name, member) in try members(of: value) {
            let values: [JSONValue] = if case .array(let items) = member { items } else { [member] }
            for value in values {
                switch value {
                case .null: continue
                case .string(let text) where binaryFields.contains(name):
                    part(name, Data(base64Encoded: text) ?? Data(text.utf8), file: true)
                case .string(let text): part(name, Data(text.utf8), file: false)
                case .bool(let b): part(name, Data((b ? "true" : "false").utf8), file: false)
                case .integer(let i): part(name, Data(String(i).utf8), file: false)
                case .number(let d): part(name, Data(String(d).utf8), file: false)
                case .array, .object: part(name, Data(json(value).utf8), file: false)
                }
            }
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }
}

/// How one member of a form or multipart body is written: its entry in the media type's `encoding`.
public struct FormField: Sendable {
    /// `style` (a form's member; `form` when nil).
    public var style: ParameterStyle?
    /// `explode` (true for style `form` when nil).
    public var explode: Bool?
    /// `contentType`: a multipart part's type; in a form, JSON text for a JSON type.
    public var contentType: String?

    /// Creates a member's encoding.
    public init(style: ParameterStyle? = nil, explode: Bool? = nil, contentType: String? = nil) {
        self.style = style
        self.explode = explode
        self.contentType = contentType
    }
}

/// A value that can be sent as a path, query or header parameter.
public protocol ParameterValue {
    /// The value as text, before percent-encoding.
    var parameterValue: String { get }
}

extension String: ParameterValue { public var parameterValue: String { self } }
extension Int: ParameterValue { public var parameterValue: String { String(self) } }
extension Int32: ParameterValue { public var parameterValue: String { String(self) } }
extension Int64: ParameterValue { public var parameterValue: String { String(self) } }
extension Double: ParameterValue { public var parameterValue: String { String(self) } }
extension Float: ParameterValue { public var parameterValue: String { String(self) } }
extension Bool: ParameterValue { public var parameterValue: String { self ? "true" : "false" } }
extension UUID: ParameterValue { public var parameterValue: String { uuidString.lowercased() } }
extension Date: ParameterValue { public var parameterValue: String { RFC3339.string(from: self) } }
extension Data: ParameterValue { public var parameterValue: String { base64EncodedString() } }
/// A list item the spec allows to be `null` (`items: {type: [string, "null"]}`): an empty value.
extension Optional: ParameterValue where Wrapped: ParameterValue {
    public var parameterValue: String { self?.parameterValue ?? "" }
}

extension URL {
    /// The URL with one more query item, percent-encoded.
    func appendingQueryItem(_ name: String, value: String) -> URL {
        let item = PathEncoding.queryComponent(name) + "=" + PathEncoding.queryComponent(value)
        let text = absoluteString + (query == nil ? "?" : "&") + item
        return URL(string: text) ?? self
    }
}
