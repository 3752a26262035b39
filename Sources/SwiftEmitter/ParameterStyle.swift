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
enum ParameterStyle {
    /// The expression of a path parameter's piece of the path, and whether it throws: the caller writes one
    /// `try` in front of the whole path, since `try` may not stand right of `+`.
    static func pathPiece(style: String?, explode: Bool?, shape: ParameterShape, name: String, value: String)
        -> (expression: String, throws: Bool)
    {
        let segment = "PathEncoding.segment"
        let explode = explode ?? false
        let members = "ParameterEncoding.members(of: \(value))"
        switch (style ?? "simple", shape) {
        case ("label", .scalar): return ("\".\" + \(segment)(\(value).parameterValue)", false)
        case ("label", .array):
            return ("\".\" + \(value).map { \(segment)($0.parameterValue) }.joined(separator: \(explode ? "\".\"" : "\",\""))", false)
        case ("label", .object):
            return ("\".\" + ParameterEncoding.joined(\(members), explode: \(explode), separator: \(explode ? "\".\"" : "\",\""))", true)
        case ("matrix", .scalar): return ("\";\(name)=\" + \(segment)(\(value).parameterValue)", false)
        case ("matrix", .array):
            return (explode
                ? "\(value).map { \";\(name)=\" + \(segment)($0.parameterValue) }.joined()"
                : "\";\(name)=\" + \(value).map { \(segment)($0.parameterValue) }.joined(separator: \",\")", false)
        case ("matrix", .object):
            return (explode
                ? "\(members).map { \";\" + \(segment)($0.name) + \"=\" + \(segment)($0.value) }.joined()"
                : "\";\(name)=\" + ParameterEncoding.joined(\(members), explode: false, separator: \",\")", true)
        case (_, .scalar): return ("\(segment)(\(value).parameterValue)", false)
        case (_, .array): return ("\(value).map { \(segment)($0.parameterValue) }.joined(separator: \",\")", false)
        case (_, .object):
            return ("ParameterEncoding.joined(\(members), explode: \(explode), separator: \",\")", true)
        }
    }

    /// The statement that adds a query, header or cookie parameter to the request.
    static func statement(
        location: ParameterLocation, style: String?, explode: Bool?, shape: ParameterShape,
        name: String, literalName: String, value: String
    ) -> String {
        switch location {
        case .path:
            // Path parameters are pieces of one expression (`pathPiece`), not statements.
            return pathPiece(style: style, explode: explode, shape: shape, name: name, value: value).expression
        case .query:
            let style = style ?? "form"
            let explode = explode ?? (style == "form")
            switch (style, shape) {
            case ("deepObject", .object):
                return "for member in try ParameterEncoding.members(of: \(value)) { query.append((\(literalName) + \"[\\(member.name)]\", member.value)) }"
            case (_, .object) where explode:
                return "for member in try ParameterEncoding.members(of: \(value)) { query.append((member.name, member.value)) }"
            case (_, .object):
                return "query.append((\(literalName), try ParameterEncoding.members(of: \(value)).map { $0.name + \",\" + $0.value }.joined(separator: \",\")))"
            case ("spaceDelimited", .array), ("pipeDelimited", .array):
                let separator = style == "spaceDelimited" ? " " : "|"
                return "query.append((\(literalName), \(value).map(\\.parameterValue).joined(separator: \(SwiftLiteral.string(separator)))))"
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
                expression = "ParameterEncoding.joined(try ParameterEncoding.members(of: \(value)), explode: \(explode ?? false), separator: \",\", encode: false)"
            }
            return "request.headers[\(literalName)] = \(expression)"
        case .cookie:
            let expression: String
            switch shape {
            case .scalar: expression = "PathEncoding.queryComponent(\(value).parameterValue)"
            case .array: expression = "\(value).map { PathEncoding.queryComponent($0.parameterValue) }.joined(separator: \",\")"
            case .object: expression = "ParameterEncoding.joined(try ParameterEncoding.members(of: \(value)), explode: false, separator: \",\")"
            }
            return "cookies.append(\(SwiftLiteral.string(name + "=")) + \(expression))"
        }
    }
}
