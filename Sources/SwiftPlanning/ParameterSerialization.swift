package import APIModel

/// What a parameter's value is, for serialization.
package enum ParameterShape {
    case scalar, array, object
}

/// The calls of the generated runtime's `ParameterSerializer` that send one parameter: the serialization itself
/// (every style, `explode`, percent-encoding) is runtime code, tested once; what is printed per parameter is a
/// call with typed arguments — the value, its name as a string literal, the style and `explode` resolved from the
/// spec's defaults.
package enum ParameterSerialization {
    /// The expression of a path parameter's piece of the path, and whether it throws: the caller writes one
    /// `try` in front of the whole path, since `try` may not stand right of `+`.
    package static func pathPiece(
        style: ParameterStyle?, explode: Bool?, shape: ParameterShape, name: String, value: String
    ) -> (expression: String, throws: Bool) {
        let style = style ?? .defaultStyle(for: .path)
        let name = SwiftLiteral.string(name)
        let explode = explode ?? false
        switch shape {
        case .scalar:
            return ("ParameterSerializer.path(\(value), name: \(name), style: \(spelling(style)))", false)
        case .array:
            return (
                "ParameterSerializer.path(\(value), name: \(name), style: \(spelling(style)), explode: \(explode))",
                false
            )
        case .object:
            return (
                "ParameterSerializer.path(object: \(value), name: \(name), style: \(spelling(style)), explode: \(explode))",
                true
            )
        }
    }

    /// The statement that adds a query, header or cookie parameter to the request.
    package static func statement(
        location: ParameterLocation, style: ParameterStyle?, explode: Bool?, shape: ParameterShape,
        name specName: String, value: String
    ) -> String {
        let name = SwiftLiteral.string(specName)
        let style = style ?? .defaultStyle(for: location)
        switch location {
        case .path:
            // Path parameters are pieces of one expression (`pathPiece`), not statements.
            return pathPiece(style: style, explode: explode, shape: shape, name: specName, value: value).expression
        case .query:
            let explode = explode ?? (style == .form)
            switch shape {
            case .scalar: return "ParameterSerializer.query(\(value), name: \(name), into: &query)"
            case .array:
                return "ParameterSerializer.query(\(value), name: \(name), style: \(spelling(style)), "
                    + "explode: \(explode), into: &query)"
            case .object:
                return "try ParameterSerializer.query(object: \(value), name: \(name), style: \(spelling(style)), "
                    + "explode: \(explode), into: &query)"
            }
        case .header:
            let expression: String
            switch shape {
            case .scalar: expression = "ParameterSerializer.header(\(value))"
            case .array: expression = "ParameterSerializer.header(\(value))"
            case .object: expression = "try ParameterSerializer.header(object: \(value), explode: \(explode ?? false))"
            }
            return "request.headers[\(name)] = \(expression)"
        case .querystring:
            // Written by `queryStringStatement`, by its media type.
            return queryStringStatement(.text, value: value)
        case .cookie where style == .cookie:
            // 3.2's `cookie` style: values as they are, `; ` between pairs, exploded by default.
            let explode = explode ?? true
            switch shape {
            case .scalar:
                return "cookies.append(try ParameterSerializer.cookie(\(value), name: \(name), style: .cookie))"
            case .array:
                return "cookies.append(try ParameterSerializer.cookie(\(value), name: \(name), style: .cookie, "
                    + "explode: \(explode)))"
            case .object:
                return "cookies.append(try ParameterSerializer.cookie(object: \(value), name: \(name), style: .cookie, "
                    + "explode: \(explode)))"
            }
        case .cookie:
            switch shape {
            case .scalar, .array: return "cookies.append(ParameterSerializer.cookie(\(value), name: \(name)))"
            case .object: return "cookies.append(try ParameterSerializer.cookie(object: \(value), name: \(name)))"
            }
        }
    }

    /// `["tags": FormField(style: .pipeDelimited)]`: the `encoding` entries of a form or multipart body (`[:]`
    /// without any).
    package static func formFields(_ fields: [PropertyEncoding]) -> String {
        let entries = fields.map { field in
            var arguments: [String] = []
            if let style = field.style { arguments.append("style: .\(style.rawValue)") }
            if let explode = field.explode { arguments.append("explode: \(explode)") }
            if let contentType = field.contentType {
                arguments.append("contentType: \(SwiftLiteral.string(contentType))")
            }
            return "\(SwiftLiteral.string(field.name)): FormField(\(arguments.joined(separator: ", ")))"
        }
        return entries.isEmpty ? "[:]" : "[" + entries.joined(separator: ", ") + "]"
    }

    /// The statement that writes an `in: querystring` parameter (OpenAPI 3.2), the whole query string.
    package static func queryStringStatement(_ encoding: QueryStringEncoding, value: String) -> String {
        switch encoding {
        case .form(let fields):
            let arguments = fields.isEmpty ? "" : ", fields: \(formFields(fields))"
            return "queryString = try ParameterSerializer.queryString(form: \(value)\(arguments))"
        case .json: return "queryString = try ParameterSerializer.queryString(json: \(value))"
        case .text: return "queryString = ParameterSerializer.queryString(text: \(value))"
        }
    }

    /// The runtime's `ParameterStyle` case for `style`.
    private static func spelling(_ style: ParameterStyle) -> String {
        "." + style.rawValue
    }
}

extension ParameterSerialization {
    /// The literal text of a path template as it goes into a URL: the characters RFC 3986 allows in a path or
    /// query (unreserved, sub-delimiters, `:`, `@`, `/`, `?`) and `%XX` escapes the spec already wrote are kept;
    /// anything else (a space, `#`, a quote, a control or non-ASCII character) is percent-encoded, so the spec's
    /// path can never start a fragment or hold what a URL cannot. A `?` stays: vendors write fixed query items
    /// into path keys (OpenAI's `/responses?beta=true`), and the client sends them as such.
    package static func encodedPathLiteral(_ literal: String) -> String {
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?".utf8)
        let hexDigits = Set("0123456789ABCDEFabcdef".utf8)
        let bytes = Array(literal.utf8)
        var out = ""
        for (index, byte) in bytes.enumerated() {
            let isEscape =
                byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && hexDigits.contains(bytes[index + 1]) && hexDigits.contains(bytes[index + 2])
            if kept.contains(byte) || isEscape {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
