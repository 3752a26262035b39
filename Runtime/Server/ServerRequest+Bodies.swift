// The server side: the bodies a ServerRequest reads (JSON, form and multipart) and the multipart parser.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

extension ServerRequest {
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
    /// when it has none) and checked against `rule` (the spec's constraints), or `nil` when the request has none
    /// (or, when its schema `allowsNull`, when it is JSON `null`); `400` naming where it does not decode or which
    /// rule it breaks.
    public func body<T: Decodable>(
        _ type: T.Type, formats: [(mediaType: String, format: BodyFormat)], rule: SchemaRule? = nil,
        allowsNull: Bool = false
    ) throws -> T? {
        let data = http.body ?? Data()
        let contentType = header("Content-Type") ?? ""
        let matched = formats.first { MediaRange.matches(contentType, range: $0.mediaType) }?.format
        let format = matched ?? formats.first?.format ?? .json
        // No bytes are no body, but for a form said to be one: a form whose fields are all empty lists.
        if data.isEmpty {
            guard case .form? = matched else { return nil }
        }
        do {
            let value: T
            let violation: RuleViolation?
            switch format {
            case .json:
                if allowsNull, Self.isJSONNull(data) { return nil }
                value = try JSONCoding.decode(type, from: data)
                // Read a second time, as JSON, only when the spec constrains more than the type holds.
                violation = try rule.flatMap { try $0.violation(of: JSONDecoder().decode(JSONValue.self, from: data)) }
            case .form(let fields):
                let tree = Self.formTree(data, fields: fields)
                value = try TextDecoder.decode(type, from: tree)
                violation = rule?.violation(of: tree, asText: true)
            case .multipart(let binaryFields):
                guard let boundary = Self.boundary(contentType) else {
                    throw RequestError(status: 400, detail: "the multipart body's Content-Type has no boundary")
                }
                guard let tree = Self.multipartTree(data, boundary: boundary, binaryFields: binaryFields) else {
                    throw RequestError(status: 400, detail: "the body is not multipart/form-data")
                }
                value = try TextDecoder.decode(type, from: tree)
                violation = rule?.violation(of: tree, asText: true)
            }
            if let violation {
                throw RequestError(
                    status: 400, detail: "the body breaks a rule of its schema: \(violation)",
                    codingPath: violation.path.isEmpty ? nil : violation.codingPath, rule: violation.keyword)
            }
            return value
        } catch let error as DecodingError {
            // Foundation calls a whole number beyond 64 bits "not valid JSON"; say where it is and what fits.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, case .json = format,
                let tree = try? JSONDecoder().decode(JSONValue.self, from: data),
                let (path, number) = Self.integerBeyond64Bits(in: tree)
            {
                throw RequestError(
                    status: 400,
                    detail: "the body does not decode: at '\(path)': \(number) is outside the range of a 64-bit "
                        + "integer, \(Int.min) to \(Int.max)", codingPath: path, rule: "type")
            }
            throw RequestError(
                status: 400,
                detail: "the body does not decode: at '\(error.codingPathDescription)': \(error.reasonDescription)",
                codingPath: error.codingPathDescription, rule: error.rule)
        } catch let error as RequestError {
            throw error
        } catch {
            throw RequestError(status: 400, detail: "the body is not valid JSON")
        }
    }

    /// The coding path and text of the first whole number in `value` that no 64-bit integer holds.
    static func integerBeyond64Bits(in value: JSONValue, path: String = "") -> (String, String)? {
        switch value {
        case .number(let number) where number.rounded() == number && abs(number) >= 0x1p63:
            return (path.isEmpty ? "(root)" : path, String(format: "%.0f", number))
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = integerBeyond64Bits(in: item, path: "\(path)[\(index)]") { return found }
            }
        case .object(let members):
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let found = integerBeyond64Bits(in: member, path: path.isEmpty ? name : "\(path).\(name)") {
                    return found
                }
            }
        default: break
        }
        return nil
    }

    /// A required body: `400` when the request has none.
    public func requiredBody<T: Decodable>(
        _ type: T.Type, formats: [(mediaType: String, format: BodyFormat)], rule: SchemaRule? = nil
    ) throws -> T {
        guard let value = try body(type, formats: formats, rule: rule) else {
            throw RequestError(status: 400, detail: "the request body is required")
        }
        return value
    }

    /// Whether `data` is the JSON `null` (with any white space around it).
    static func isJSONNull(_ data: Data) -> Bool {
        guard data.count < 64 else { return false }
        let isSpace: (UInt8) -> Bool = { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let first = data.firstIndex(where: { !isSpace($0) }), let last = data.lastIndex(where: { !isSpace($0) })
        else { return false }
        return data[first...last].elementsEqual("null".utf8)
    }

    /// The body's bytes, read whole (a file, text), or `nil` when there are none; nil too for a body that streams
    /// (`streamedBody()`).
    public func rawBody() -> Data? {
        http.body
    }

    /// The body as it comes, chunk by chunk (an operation whose body is raw bytes or events: the router does not
    /// read it first, so it may be larger than memory), or `nil` when there is none.
    public func streamedBody() -> ByteStream? {
        if let bodyStream { return bodyStream }
        guard let body = http.body, !body.isEmpty else { return nil }
        return ByteStream(body, contentType: header("Content-Type"))
    }

    /// The body's events, each decoded as it arrives (an event that does not decode throws
    /// `APIError.invalidEvent`, which the router answers with `400` while the answer has not started), or `nil`
    /// when there is no body.
    public func events<Value: Decodable & Sendable>(
        _ type: Value.Type, format: EventStreamFormat, terminator: String? = nil
    ) -> EventStream<Value>? {
        streamedBody().map { EventStream(body: $0, format: format, terminator: terminator, statusCode: 0) }
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
                } else if let text = String(validating: content, as: UTF8.self) {
                    value = .string(text)
                } else {
                    // Bytes that are not text, in a field that may also be something else (OpenAI's `video`: a
                    // file or a JSON reference): as base64, which is how the `Data` alternative decodes.
                    value = .string(content.base64EncodedString())
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
