// The server side: ServerRequest, the request a handler serves, and its parameters by style.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

/// A request being served: the HTTP request, the operation it was routed to, its path parameters and query
/// items. Handlers read it through `ServerRequest.current` (the caller's headers, say, or a mock's `Prefer`).
public struct ServerRequest: Sendable {
    /// The request as it came.
    public let http: HTTPRequest
    /// The operation it was routed to.
    public let operation: OperationID
    /// Each path parameter's text as it came (still percent-encoded), by name.
    let pathParameters: [String: String]
    /// The query items, percent-decoded, in order.
    let queryItems: [(name: String, value: String)]
    /// The query string as it came (still percent-encoded), without its `?`; nil when the target has none.
    let queryText: String?
    /// The header fields by lowercased name.
    let headerFields: [String: String]
    /// The body as it comes, for an operation whose body streams (raw bytes, events); nil when the body was read
    /// into `http.body` (or there is none).
    let bodyStream: ByteStream?

    /// The request the current task serves (set by the router around the handler's call).
    @TaskLocal public static var current: ServerRequest?

    init(
        http: HTTPRequest, operation: OperationID, pathParameters: [String: String], query: String?,
        bodyStream: ByteStream? = nil
    ) {
        self.http = http
        self.bodyStream = bodyStream
        self.operation = operation
        self.pathParameters = pathParameters
        self.queryItems = query.map { ServerRequest.formItems($0) } ?? []
        self.queryText = query
        var fields: [String: String] = [:]
        for (name, value) in http.headers { fields[name.lowercased()] = value }
        self.headerFields = fields
    }

    /// The URL of a request target as a server reads it (`/runs/1?p[x]=5`), for adapters: characters a URL may not
    /// hold (`[`, `]`, `|`, a space, …) are percent-encoded and the escapes already there are kept, so nothing is
    /// encoded twice (`URL(string:)` would encode `%7C` again once any character needs encoding).
    public static func url(target: String) -> URL? {
        // Most targets need no encoding.
        if target.utf8.allSatisfy(isURLByte) { return URL(string: "http://localhost" + target) }
        var text = "http://localhost"
        for byte in target.utf8 {
            if isURLByte(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                text += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return URL(string: text)
    }

    /// Whether a URL may hold `byte` as it is (unreserved, reserved, or `%` of an escape).
    private static func isURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "-._~!$&'()*+,;=:@/?%".utf8.contains(byte)
        }
    }

    /// A header field's value, whatever the case of its name.
    public func header(_ name: String) -> String? {
        headerFields[name.lowercased()]
    }

    /// Whether the request has a body whose `Content-Type` is one of `mediaTypes` (which of an operation's request
    /// bodies it carries).
    public func hasContentType(in mediaTypes: [String]) -> Bool {
        guard hasBody, let contentType = header("Content-Type") else { return false }
        return mediaTypes.contains { MediaRange.matches(contentType, range: $0) }
    }

    /// Whether the request has a body (one that streams counts, whatever its length turns out to be).
    var hasBody: Bool {
        bodyStream != nil || !(http.body?.isEmpty ?? true)
    }

    /// `a=1&b=x%20y` as name/value pairs, percent-decoded (`+` is a space, as in HTML forms).
    static func formItems(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = ServerRequest.decoded(String(parts[0]), plusIsSpace: true)
            let value = parts.count > 1 ? ServerRequest.decoded(String(parts[1]), plusIsSpace: true) : ""
            return (name, value)
        }
    }

    /// Percent-decoded text (invalid escapes kept as they are).
    static func decoded(_ text: String, plusIsSpace: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return text
        }
        let source = plusIsSpace ? text.replacingOccurrences(of: "+", with: " ") : text
        return source.removingPercentEncoding ?? source
    }

    // MARK: Parameters

    /// A parameter decoded as `type` per its style and checked against `rule` (the spec's bounds, lengths,
    /// patterns and closed enums), or `nil` when the request does not have it.
    public func parameter<T: Decodable>(
        _ name: String, in location: ParameterLocation, style: ParameterStyle, explode: Bool, shape: ParameterShape,
        as type: T.Type, siblings: Set<String> = [], rule: SchemaRule? = nil
    ) throws -> T? {
        guard let tree = tree(name, in: location, style: style, explode: explode, shape: shape, siblings: siblings)
        else {
            return nil
        }
        let value: T
        do {
            value = try TextDecoder.decode(type, from: tree)
        } catch let error as DecodingError {
            throw RequestError(
                status: 400, detail: "parameter '\(name)' (\(location.rawValue)): \(error.reasonDescription)",
                parameter: name, location: location, rule: error.rule)
        }
        if let violation = rule?.violation(of: tree, asText: true) {
            throw RequestError(
                status: 400, detail: "parameter '\(name)' (\(location.rawValue)): \(violation)", parameter: name,
                location: location, codingPath: violation.path.isEmpty ? nil : violation.codingPath,
                rule: violation.keyword)
        }
        return value
    }

    /// A required parameter: `400` naming it when the request does not have it.
    public func requiredParameter<T: Decodable>(
        _ name: String, in location: ParameterLocation, style: ParameterStyle, explode: Bool, shape: ParameterShape,
        as type: T.Type, siblings: Set<String> = [], rule: SchemaRule? = nil
    ) throws -> T {
        guard
            let value = try parameter(
                name, in: location, style: style, explode: explode, shape: shape, as: type, siblings: siblings,
                rule: rule)
        else {
            throw RequestError(
                status: 400, detail: "required parameter '\(name)' (\(location.rawValue)) is missing", parameter: name,
                location: location)
        }
        return value
    }

    /// How an `in: querystring` parameter (OpenAPI 3.2: the whole query string) is serialized.
    public enum QueryStringFormat: Sendable {
        /// `application/x-www-form-urlencoded`, with the media type's `encoding` entries: read as a form body is.
        case form(fields: [String: FormField])
        /// A JSON media type: the percent-encoded JSON text of the value.
        case json
        /// Any other media type: the percent-encoded text of a simple value.
        case text
    }

    /// The whole query string (an `in: querystring` parameter) decoded as `type` per `format` and checked against
    /// `rule`, or `nil` when the request has no query string; `400` naming the parameter where it does not decode
    /// or which rule it breaks.
    public func queryString<T: Decodable>(
        _ name: String, as type: T.Type, format: QueryStringFormat, rule: SchemaRule? = nil
    ) throws -> T? {
        guard let text = queryText, !text.isEmpty else { return nil }
        return try queryString(text, name: name, as: type, format: format, rule: rule)
    }

    /// A required `in: querystring` parameter: `400` naming it when the request has no query string, but for a
    /// form, where no query string is the form without members (the schema's `required` decides).
    public func requiredQueryString<T: Decodable>(
        _ name: String, as type: T.Type, format: QueryStringFormat, rule: SchemaRule? = nil
    ) throws -> T {
        if case .form = format {
            return try queryString(queryText ?? "", name: name, as: type, format: format, rule: rule)
        }
        guard let value = try queryString(name, as: type, format: format, rule: rule) else {
            throw RequestError(
                status: 400, detail: "required parameter '\(name)' (querystring) is missing", parameter: name,
                location: .querystring)
        }
        return value
    }

    private func queryString<T: Decodable>(
        _ text: String, name: String, as type: T.Type, format: QueryStringFormat, rule: SchemaRule?
    ) throws -> T {
        func refused(_ detail: String, codingPath: String? = nil, rule: String? = nil) -> RequestError {
            RequestError(
                status: 400, detail: "parameter '\(name)' (querystring): \(detail)", parameter: name,
                location: .querystring, codingPath: codingPath, rule: rule)
        }
        let value: T
        let violation: RuleViolation?
        do {
            switch format {
            case .form(let fields):
                let tree = Self.formTree(Data(text.utf8), fields: fields)
                value = try TextDecoder.decode(type, from: tree)
                violation = rule?.violation(of: tree, asText: true)
            case .json:
                let data = Data(Self.decoded(text).utf8)
                guard let tree = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                    throw refused("the query string is not JSON text", rule: "type")
                }
                value = try JSONCoding.decode(type, from: data)
                violation = rule?.violation(of: tree)
            case .text:
                let tree = JSONValue.string(Self.decoded(text))
                value = try TextDecoder.decode(type, from: tree)
                violation = rule?.violation(of: tree, asText: true)
            }
        } catch let error as DecodingError {
            throw refused(
                "at '\(error.codingPathDescription)': \(error.reasonDescription)",
                codingPath: error.codingPathDescription, rule: error.rule)
        }
        if let violation {
            throw refused(
                "\(violation)", codingPath: violation.path.isEmpty ? nil : violation.codingPath, rule: violation.keyword
            )
        }
        return value
    }

    /// The parameter's text as a tree of strings (`TextDecoder` reads the types from it).
    private func tree(
        _ name: String, in location: ParameterLocation, style: ParameterStyle, explode: Bool, shape: ParameterShape,
        siblings: Set<String>
    ) -> JSONValue? {
        switch location {
        case .path:
            guard let text = pathParameters[name] else { return nil }
            return Self.pathTree(text, name: name, style: style, explode: explode, shape: shape)
        case .query:
            return queryTree(name, style: style, explode: explode, shape: shape, siblings: siblings)
        case .header:
            guard let text = header(name) else { return nil }
            return Self.split(text, shape: shape, separator: ",", pairs: explode ? "=" : nil) {
                $0.trimmingCharacters(in: .whitespaces)
            }
        case .cookie where style == .cookie:
            return cookieTree(name, explode: explode, shape: shape, siblings: siblings)
        case .cookie:
            guard let text = cookie(name) else { return nil }
            return Self.split(text, shape: shape, separator: ",", pairs: nil) { ServerRequest.decoded($0) }
        case .querystring:
            // Read by `queryString(_:as:format:rule:)`, by its media type.
            return nil
        }
    }

    /// A path parameter's text (`.1.2` in label style, `;id=1` in matrix style, `1,2` in simple style) as a tree.
    private static func pathTree(
        _ text: String, name: String, style: ParameterStyle, explode: Bool, shape: ParameterShape
    ) -> JSONValue? {
        var text = text
        switch style {
        case .label:
            guard text.hasPrefix(".") else { return nil }
            text.removeFirst()
            return split(text, shape: shape, separator: explode ? "." : ",", pairs: explode ? "=" : nil) {
                ServerRequest.decoded($0)
            }
        case .matrix:
            let prefix = ";" + PathEncoding.segment(name) + "="
            if shape == .object, explode {
                guard text.hasPrefix(";") else { return nil }
                return split(String(text.dropFirst()), shape: .object, separator: ";", pairs: "=") {
                    ServerRequest.decoded($0)
                }
            }
            guard text.hasPrefix(prefix) else { return nil }
            if shape == .array, explode {
                let items = text.components(separatedBy: prefix).dropFirst()
                return .array(items.map { .string(ServerRequest.decoded($0)) })
            }
            text.removeFirst(prefix.count)
            return split(text, shape: shape, separator: ",", pairs: nil) { ServerRequest.decoded($0) }
        default:
            return split(text, shape: shape, separator: ",", pairs: explode ? "=" : nil) { ServerRequest.decoded($0) }
        }
    }

    /// A query parameter as a tree: its items (repeated, delimited or comma-separated), a deep object's
    /// `name[key]` items, or an exploded object's items that no sibling parameter claims.
    private func queryTree(
        _ name: String, style: ParameterStyle, explode: Bool, shape: ParameterShape, siblings: Set<String>
    ) -> JSONValue? {
        switch (shape, style) {
        case (.object, .deepObject):
            let prefix = name + "["
            var members: [String: JSONValue] = [:]
            for item in queryItems where item.name.hasPrefix(prefix) && item.name.hasSuffix("]") {
                let key = String(item.name.dropFirst(prefix.count).dropLast())
                members[key] = Self.appending(members[key], .string(item.value))
            }
            return members.isEmpty ? nil : .object(members)
        case (.object, _) where explode:
            // Each member is a query item of its own: every item no other parameter claims.
            var members: [String: JSONValue] = [:]
            for item in queryItems where !siblings.contains(item.name) {
                members[item.name] = Self.appending(members[item.name], .string(item.value))
            }
            return members.isEmpty ? nil : .object(members)
        default:
            let values = queryItems.filter { $0.name == name }.map(\.value)
            guard !values.isEmpty else { return nil }
            guard shape == .array else { return Self.split(values[0], shape: shape, separator: ",", pairs: nil) { $0 } }
            switch style {
            case .spaceDelimited: return Self.split(values[0], shape: .array, separator: " ", pairs: nil) { $0 }
            case .pipeDelimited: return Self.split(values[0], shape: .array, separator: "|", pairs: nil) { $0 }
            default:
                if explode { return .array(values.map { .string($0) }) }
                return Self.split(values[0], shape: .array, separator: ",", pairs: nil) { $0 }
            }
        }
    }

    /// A cookie parameter in 3.2's `cookie` style (values as they came, not percent-decoded): one value, every value
    /// of its name (exploded) or its value split at commas, an exploded object's pairs that no sibling claims.
    private func cookieTree(_ name: String, explode: Bool, shape: ParameterShape, siblings: Set<String>) -> JSONValue? {
        let pairs = cookiePairs()
        switch shape {
        case .object where explode:
            var members: [String: JSONValue] = [:]
            for pair in pairs where !siblings.contains(pair.name) {
                members[pair.name] = .string(pair.value)
            }
            return members.isEmpty ? nil : .object(members)
        case .array where explode:
            let values = pairs.filter { $0.name == name }.map(\.value)
            return values.isEmpty ? nil : .array(values.map { .string($0) })
        default:
            guard let text = pairs.first(where: { $0.name == name })?.value else { return nil }
            return Self.split(text, shape: shape, separator: ",", pairs: nil) { $0 }
        }
    }

    /// A cookie's value as it came (`Cookie: a=1; b=2`).
    private func cookie(_ name: String) -> String? {
        cookiePairs().first { $0.name == name }?.value
    }

    /// The `Cookie` header's pairs in order, names and values trimmed, values as they came.
    private func cookiePairs() -> [(name: String, value: String)] {
        (header("Cookie") ?? "").split(separator: ";").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                name: parts[0].trimmingCharacters(in: .whitespaces),
                value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            )
        }
    }

    /// Text as the shape says: one value, items split at `separator`, or members (`a,1,b,2`, or `a=1,b=2` when
    /// `pairs` is `=`); each piece decoded with `decode` after splitting, so an encoded separator stays text.
    private static func split(
        _ text: String, shape: ParameterShape, separator: String, pairs: String?, decode: (String) -> String
    ) -> JSONValue {
        switch shape {
        case .scalar: return .string(decode(text))
        case .array:
            return text.isEmpty
                ? .array([]) : .array(text.components(separatedBy: separator).map { .string(decode($0)) })
        case .object:
            var members: [String: JSONValue] = [:]
            let pieces = text.components(separatedBy: separator)
            if let pairs {
                for piece in pieces {
                    let parts = piece.components(separatedBy: pairs)
                    guard parts.count >= 2 else { continue }
                    members[decode(parts[0])] = .string(decode(parts.dropFirst().joined(separator: pairs)))
                }
            } else {
                var index = 0
                while index + 1 < pieces.count {
                    members[decode(pieces[index])] = .string(decode(pieces[index + 1]))
                    index += 2
                }
            }
            return .object(members)
        }
    }

    /// `existing` with `value` added: a second value makes a list.
    static func appending(_ existing: JSONValue?, _ value: JSONValue) -> JSONValue {
        switch existing {
        case nil: value
        case .array(let items)?: .array(items + [value])
        case let single?: .array([single, value])
        }
    }
}
