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
    /// The header fields by lowercased name.
    let headerFields: [String: String]

    /// The request the current task serves (set by the router around the handler's call).
    @TaskLocal public static var current: ServerRequest?

    init(http: HTTPRequest, operation: OperationID, pathParameters: [String: String], query: String?) {
        self.http = http
        self.operation = operation
        self.pathParameters = pathParameters
        self.queryItems = query.map { ServerRequest.formItems($0) } ?? []
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
        guard let body = http.body, !body.isEmpty, let contentType = header("Content-Type") else { return false }
        return mediaTypes.contains { MediaRange.matches(contentType, range: $0) }
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

    /// A parameter decoded as `type` per its style, or `nil` when the request does not have it.
    public func parameter<T: Decodable>(
        _ name: String, in location: ParameterLocation, style: ParameterStyle, explode: Bool, shape: ParameterShape,
        as type: T.Type, siblings: Set<String> = []
    ) throws -> T? {
        guard let tree = tree(name, in: location, style: style, explode: explode, shape: shape, siblings: siblings)
        else {
            return nil
        }
        do {
            return try TextDecoder.decode(type, from: tree)
        } catch let error as DecodingError {
            throw RequestError(
                status: 400, detail: "parameter '\(name)' (\(location.rawValue)): \(error.reasonDescription)",
                parameter: name, location: location)
        }
    }

    /// A required parameter: `400` naming it when the request does not have it.
    public func requiredParameter<T: Decodable>(
        _ name: String, in location: ParameterLocation, style: ParameterStyle, explode: Bool, shape: ParameterShape,
        as type: T.Type, siblings: Set<String> = []
    ) throws -> T {
        guard
            let value = try parameter(
                name, in: location, style: style, explode: explode, shape: shape, as: type, siblings: siblings)
        else {
            throw RequestError(
                status: 400, detail: "required parameter '\(name)' (\(location.rawValue)) is missing", parameter: name,
                location: location)
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
            guard var text = pathParameters[name] else { return nil }
            switch style {
            case .label:
                guard text.hasPrefix(".") else { return nil }
                text.removeFirst()
                return Self.split(text, shape: shape, separator: explode ? "." : ",", pairs: explode ? "=" : nil) {
                    ServerRequest.decoded($0)
                }
            case .matrix:
                let prefix = ";" + PathEncoding.segment(name) + "="
                if shape == .object, explode {
                    guard text.hasPrefix(";") else { return nil }
                    return Self.split(String(text.dropFirst()), shape: .object, separator: ";", pairs: "=") {
                        ServerRequest.decoded($0)
                    }
                }
                guard text.hasPrefix(prefix) else { return nil }
                if shape == .array, explode {
                    let items = text.components(separatedBy: prefix).dropFirst()
                    return .array(items.map { .string(ServerRequest.decoded($0)) })
                }
                text.removeFirst(prefix.count)
                return Self.split(text, shape: shape, separator: ",", pairs: nil) { ServerRequest.decoded($0) }
            default:
                return Self.split(text, shape: shape, separator: ",", pairs: explode ? "=" : nil) {
                    ServerRequest.decoded($0)
                }
            }
        case .query:
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
                if shape == .array {
                    switch style {
                    case .spaceDelimited: return Self.split(values[0], shape: .array, separator: " ", pairs: nil) { $0 }
                    case .pipeDelimited: return Self.split(values[0], shape: .array, separator: "|", pairs: nil) { $0 }
                    default:
                        if explode { return .array(values.map { .string($0) }) }
                        return Self.split(values[0], shape: .array, separator: ",", pairs: nil) { $0 }
                    }
                }
                return Self.split(values[0], shape: shape, separator: ",", pairs: nil) { $0 }
            }
        case .header:
            guard let text = header(name) else { return nil }
            return Self.split(text, shape: shape, separator: ",", pairs: explode ? "=" : nil) {
                $0.trimmingCharacters(in: .whitespaces)
            }
        case .cookie:
            guard let text = cookie(name) else { return nil }
            return Self.split(text, shape: shape, separator: ",", pairs: nil) { ServerRequest.decoded($0) }
        }
    }

    /// A cookie's value as it came (`Cookie: a=1; b=2`).
    private func cookie(_ name: String) -> String? {
        guard let field = header("Cookie") else { return nil }
        for pair in field.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            }
        }
        return nil
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

    // MARK: Bodies

    /// How a request body is read.
    public enum BodyFormat: Sendable {
        /// JSON, read with the models' own decoding.
        case json
        /// `application/x-www-form-urlencoded`, with the media type's `encoding` entries.
        case form(fields: [String: FormField])
        /// `multipart/form-data`: the parts named in `binaryFields` (bytes, `format: binary`) are read as bytes,
        /// the others as text or, with a JSON content type, as JSON.
        case multipart(binaryFields: Set<String>)
    }

    /// The body decoded as `type` per the first of `formats` whose media type its `Content-Type` is (the first
    /// when it has none), or `nil` when the request has none; `400` naming where it does not decode.
    public func body<T: Decodable>(_ type: T.Type, formats: [(mediaType: String, format: BodyFormat)]) throws -> T? {
        guard let data = http.body, !data.isEmpty else { return nil }
        let contentType = header("Content-Type") ?? ""
        let format =
            formats.first { MediaRange.matches(contentType, range: $0.mediaType) }?.format ?? formats.first?.format
            ?? .json
        do {
            switch format {
            case .json:
                return try JSONCoding.decoder().decode(type, from: data)
            case .form(let fields):
                return try TextDecoder.decode(type, from: Self.formTree(data, fields: fields))
            case .multipart(let binaryFields):
                guard let boundary = Self.boundary(contentType) else {
                    throw RequestError(status: 400, detail: "the multipart body's Content-Type has no boundary")
                }
                guard let tree = Self.multipartTree(data, boundary: boundary, binaryFields: binaryFields) else {
                    throw RequestError(status: 400, detail: "the body is not multipart/form-data")
                }
                return try TextDecoder.decode(type, from: tree)
            }
        } catch let error as DecodingError {
            throw RequestError(
                status: 400, detail: "the body does not decode: \(error.reasonDescription)",
                codingPath: error.codingPathDescription)
        } catch let error as RequestError {
            throw error
        } catch {
            throw RequestError(status: 400, detail: "the body is not valid JSON")
        }
    }

    /// A required body: `400` when the request has none.
    public func requiredBody<T: Decodable>(
        _ type: T.Type, formats: [(mediaType: String, format: BodyFormat)]
    ) throws -> T {
        guard let value = try body(type, formats: formats) else {
            throw RequestError(status: 400, detail: "the request body is required")
        }
        return value
    }

    /// The body's bytes as they came (a file, text), or `nil` when there are none.
    public func rawBody() -> Data? {
        http.body
    }

    /// A form's items as a tree: repeated names are lists, `a[b]` names members, delimited styles are split.
    static func formTree(_ data: Data, fields: [String: FormField]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (name, value) in formItems(String(decoding: data, as: UTF8.self)) {
            if let open = name.firstIndex(of: "["), name.hasSuffix("]"), fields[name] == nil {
                let base = String(name[..<open])
                let key = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                var object: [String: JSONValue] = [:]
                if case .object(let existing)? = members[base] { object = existing }
                object[key] = appending(object[key], .string(value))
                members[base] = .object(object)
                continue
            }
            let field = fields[name] ?? FormField()
            let item: JSONValue
            switch field.style {
            case .spaceDelimited?: item = .array(value.components(separatedBy: " ").map { .string($0) })
            case .pipeDelimited?: item = .array(value.components(separatedBy: "|").map { .string($0) })
            default:
                if field.explode == false, value.contains(",") {
                    item = .array(value.components(separatedBy: ",").map { .string($0) })
                } else {
                    item = .string(value)
                }
            }
            members[name] = appending(members[name], item)
        }
        return .object(members)
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// A multipart body's parts as a tree: each part's name (repeated names are lists) to its bytes in base64 when
    /// it is one of `binaryFields` (what `Data` decodes from), its JSON when its content type is JSON, or its text
    /// (whatever its content type says: a text member may be sent as `application/sdp`, or with a file name).
    static func multipartTree(_ data: Data, boundary: String, binaryFields: Set<String>) -> JSONValue? {
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var members: [String: JSONValue] = [:]
        guard var cursor = data.range(of: delimiter)?.upperBound else { return nil }
        while cursor < data.endIndex {
            // `--` after a delimiter ends the body.
            if data[cursor...].starts(with: Data("--".utf8)) { return .object(members) }
            guard let headEnd = data.range(of: headerEnd, in: cursor..<data.endIndex),
                let next = data.range(of: Data("\r\n".utf8) + delimiter, in: headEnd.upperBound..<data.endIndex)
            else { return nil }
            let head = String(decoding: data[cursor..<headEnd.lowerBound], as: UTF8.self)
            let content = Data(data[headEnd.upperBound..<next.lowerBound])
            var name: String?
            var contentType: String?
            for line in head.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = quotedParameter("name", in: line).map(unescapedPartName)
                } else if lower.hasPrefix("content-type:") {
                    contentType = String(line.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces)
                }
            }
            if let name {
                let value: JSONValue
                if binaryFields.contains(name) {
                    value = .string(content.base64EncodedString())
                } else if let contentType, contentType.lowercased().contains("json"),
                    let json = try? JSONDecoder().decode(JSONValue.self, from: content)
                {
                    value = json
                } else {
                    value = .string(String(decoding: content, as: UTF8.self))
                }
                members[name] = appending(members[name], value)
            }
            cursor = next.upperBound
        }
        return nil
    }

    private static func quotedParameter(_ name: String, in line: String) -> String? {
        guard let range = line.range(of: "; \(name)=\"") ?? line.range(of: ";\(name)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The escapes a part name's quotes and line breaks are sent with (`%22`, `%0D`, `%0A`), undone.
    private static func unescapedPartName(_ name: String) -> String {
        name.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
    }
}
