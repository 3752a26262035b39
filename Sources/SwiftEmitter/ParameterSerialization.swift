import APIModel

/// What a parameter's value is, for serialization.
enum ParameterShape {
    case scalar, array, object
}

/// The statement that serializes one parameter by its `style` and `explode`
/// (https://spec.openapis.org/oas/v3.1.0#style-values). Every name and value is percent-encoded on its own, so the
/// delimiters of the style stay delimiters and no value can add a segment, a query item or a header.
///
/// | location | style | scalar `5` | array `[3, 4]` | object `{a: 1, b: 2}` |
/// | --- | --- | --- | --- | --- |
/// | path | simple | `5` | `3,4` | `a,1,b,2` (explode: `a=1,b=2`) |
/// | path | label | `.5` | `.3,4` (explode: `.3.4`) | `.a,1,b,2` (explode: `.a=1.b=2`) |
/// | path | matrix | `;id=5` | `;id=3,4` (explode: `;id=3;id=4`) | `;id=a,1,b,2` (explode: `;a=1;b=2`) |
/// | query | form | `id=5` | `id=3&id=4` (no explode: `id=3,4`) | `a=1&b=2` (no explode: `id=a,1,b,2`) |
/// | query | spaceDelimited, pipeDelimited | | `id=3%204`, `id=3%7C4` | |
/// | query | deepObject | | | `id[a]=1&id[b]=2` |
/// | header | simple | `5` | `3,4` | `a,1,b,2` (explode: `a=1,b=2`) |
/// | cookie | form | `id=5` | `id=3,4` | `id=a,1,b,2` |
enum ParameterSerialization {
    /// The expression of a path parameter's piece of the path, and whether it throws: the caller writes one
    /// `try` in front of the whole path, since `try` may not stand right of `+`.
    static func pathPiece(
        style: ParameterStyle?, explode: Bool?, shape: ParameterShape, name: String, value: String
    )
        -> (expression: String, throws: Bool)
    {
        let segment = "PathEncoding.segment"
        let explode = explode ?? false
        let members = "ParameterEncoding.members(of: \(value))"
        let prefix = SwiftLiteral.string(";" + encodedMatrixName(name) + "=")
        switch (style ?? .simple, shape) {
        case (.label, .scalar): return ("\".\" + \(segment)(\(value).parameterValue)", false)
        case (.label, .array):
            return (
                "\".\" + \(value).map { \(segment)($0.parameterValue) }.joined(separator: \(explode ? "\".\"" : "\",\""))",
                false
            )
        case (.label, .object):
            return (
                "\".\" + ParameterEncoding.joined(\(members), explode: \(explode), separator: \(explode ? "\".\"" : "\",\""))",
                true
            )
        // The name is spec text: a literal of its own, percent-encoded like any other piece of the path.
        case (.matrix, .scalar): return ("\(prefix) + \(segment)(\(value).parameterValue)", false)
        case (.matrix, .array):
            return (
                explode
                    ? "\(value).map { \(prefix) + \(segment)($0.parameterValue) }.joined()"
                    : "\(prefix) + \(value).map { \(segment)($0.parameterValue) }.joined(separator: \",\")", false
            )
        case (.matrix, .object):
            return (
                explode
                    ? "\(members).map { \";\" + \(segment)($0.name) + \"=\" + \(segment)($0.value) }.joined()"
                    : "\(prefix) + ParameterEncoding.joined(\(members), explode: false, separator: \",\")", true
            )
        case (_, .scalar): return ("\(segment)(\(value).parameterValue)", false)
        case (_, .array): return ("\(value).map { \(segment)($0.parameterValue) }.joined(separator: \",\")", false)
        case (_, .object):
            return ("ParameterEncoding.joined(\(members), explode: \(explode), separator: \",\")", true)
        }
    }

    /// The statement that adds a query, header or cookie parameter to the request.
    static func statement(
        location: ParameterLocation, style: ParameterStyle?, explode: Bool?, shape: ParameterShape,
        name: String, literalName: String, value: String
    ) -> String {
        switch location {
        case .path:
            // Path parameters are pieces of one expression (`pathPiece`), not statements.
            return pathPiece(style: style, explode: explode, shape: shape, name: name, value: value).expression
        case .query:
            let style = style ?? .form
            let explode = explode ?? (style == .form)
            switch (style, shape) {
            case (.deepObject, .object):
                return
                    "for member in try ParameterEncoding.members(of: \(value)) { query.append((\(literalName) + \"[\\(member.name)]\", member.value)) }"
            case (_, .object) where explode:
                return
                    "for member in try ParameterEncoding.members(of: \(value)) { query.append((member.name, member.value)) }"
            case (_, .object):
                return
                    "query.append((\(literalName), try ParameterEncoding.members(of: \(value)).map { $0.name + \",\" + $0.value }.joined(separator: \",\")))"
            case (.spaceDelimited, .array), (.pipeDelimited, .array):
                let separator = style == .spaceDelimited ? " " : "|"
                return
                    "query.append((\(literalName), \(value).map(\\.parameterValue).joined(separator: \(SwiftLiteral.string(separator)))))"
            case (_, .array) where explode:
                return "for item in \(value) { query.append((\(literalName), item.parameterValue)) }"
            case (_, .array):
                return "query.append((\(literalName), \(value).map(\\.parameterValue).joined(separator: \",\")))"
            case (_, .scalar):
                return "query.append((\(literalName), \(value).parameterValue))"
            }
        case .header:
            let expression: String
            switch shape {
            case .scalar: expression = "\(value).parameterValue"
            case .array: expression = "\(value).map(\\.parameterValue).joined(separator: \",\")"
            case .object:
                expression =
                    "ParameterEncoding.joined(try ParameterEncoding.members(of: \(value)), explode: \(explode ?? false), separator: \",\", encode: false)"
            }
            return "request.headers[\(literalName)] = \(expression)"
        case .cookie:
            let expression: String
            switch shape {
            case .scalar: expression = "PathEncoding.queryComponent(\(value).parameterValue)"
            case .array:
                expression = "\(value).map { PathEncoding.queryComponent($0.parameterValue) }.joined(separator: \",\")"
            case .object:
                expression =
                    "ParameterEncoding.joined(try ParameterEncoding.members(of: \(value)), explode: false, separator: \",\")"
            }
            return "cookies.append(\(SwiftLiteral.string(name + "=")) + \(expression))"
        }
    }
}

extension ParameterSerialization {
    /// A matrix parameter's name as it goes into the path (`;name=`): percent-encoded as a path segment is.
    static func encodedMatrixName(_ name: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        var out = ""
        for byte in name.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// The literal text of a path template as it goes into a URL: the characters RFC 3986 allows in a path or
    /// query (unreserved, sub-delimiters, `:`, `@`, `/`, `?`) and `%XX` escapes the spec already wrote are kept;
    /// anything else (a space, `#`, a quote, a control or non-ASCII character) is percent-encoded, so the spec's
    /// path can never start a fragment or hold what a URL cannot. A `?` stays: vendors write fixed query items
    /// into path keys (OpenAI's `/responses?beta=true`), and the client sends them as such.
    static func encodedPathLiteral(_ literal: String) -> String {
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
