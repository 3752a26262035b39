// ParameterStyle and ParameterSerializer: every parameter style and explode.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// How a parameter is serialized (OpenAPI's `style`, https://spec.openapis.org/oas/v3.1.0#style-values).
public enum ParameterStyle: Sendable {
    case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject
    /// OpenAPI 3.2, cookies only: RFC 6265's syntax, values sent as they are.
    case cookie
}

/// Serializes path, query, header and cookie parameters by their style and `explode`. Every name and value is
/// percent-encoded on its own, so the delimiters of the style stay delimiters and no value can add a segment, a
/// query item or a header.
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
/// | cookie | cookie (3.2) | `id=5` | `id=3; id=4` (no explode: `id=3,4`) | `a=1; b=2` (no explode: `id=a,1,b,2`) |
///
/// OpenAPI 3.2's `in: querystring` is the whole query string, serialized by the parameter's media type:
/// `queryString(form:fields:)` (`application/x-www-form-urlencoded`, as a form body), `queryString(json:)`,
/// `queryString(text:)`.
public enum ParameterSerializer {
    /// A path parameter's piece of the path.
    public static func path(_ value: some ParameterValue, name: String, style: ParameterStyle) -> String {
        let text = PathEncoding.segment(value.parameterValue)
        switch style {
        case .label: return "." + text
        case .matrix: return ";" + PathEncoding.segment(name) + "=" + text
        default: return text
        }
    }

    /// An array path parameter's piece of the path.
    public static func path(
        _ values: [some ParameterValue], name: String, style: ParameterStyle, explode: Bool
    ) -> String {
        let items = values.map { PathEncoding.segment($0.parameterValue) }
        switch style {
        case .label: return "." + items.joined(separator: explode ? "." : ",")
        case .matrix:
            let prefix = ";" + PathEncoding.segment(name) + "="
            return explode ? items.map { prefix + $0 }.joined() : prefix + items.joined(separator: ",")
        default: return items.joined(separator: ",")
        }
    }

    /// An object path parameter's piece of the path: the members of `value`.
    public static func path(
        object value: some Encodable, name: String, style: ParameterStyle, explode: Bool
    ) throws -> String {
        let members = try ParameterEncoding.members(of: value)
        switch style {
        case .label:
            return "." + ParameterEncoding.joined(members, explode: explode, separator: explode ? "." : ",")
        case .matrix where explode:
            return members.map { ";" + PathEncoding.segment($0.name) + "=" + PathEncoding.segment($0.value) }.joined()
        case .matrix:
            return ";" + PathEncoding.segment(name) + "="
                + ParameterEncoding.joined(members, explode: false, separator: ",")
        default: return ParameterEncoding.joined(members, explode: explode, separator: ",")
        }
    }

    /// Adds a query parameter.
    public static func query(
        _ value: some ParameterValue, name: String, into query: inout [(name: String, value: String)]
    ) {
        query.append((name, value.parameterValue))
    }

    /// Adds an array query parameter: an item per query item when exploded, else one item of the values joined.
    public static func query(
        _ values: [some ParameterValue], name: String, style: ParameterStyle, explode: Bool,
        into query: inout [(name: String, value: String)]
    ) {
        switch style {
        case .spaceDelimited, .pipeDelimited:
            let separator = style == .spaceDelimited ? " " : "|"
            query.append((name, values.map(\.parameterValue).joined(separator: separator)))
        default:
            if explode {
                for item in values { query.append((name, item.parameterValue)) }
            } else {
                query.append((name, values.map(\.parameterValue).joined(separator: ",")))
            }
        }
    }

    /// Adds an object query parameter: `name[member]` items (`deepObject`), an item per member when exploded, or
    /// one item of the members joined.
    public static func query(
        object value: some Encodable, name: String, style: ParameterStyle, explode: Bool,
        into query: inout [(name: String, value: String)]
    ) throws {
        let members = try ParameterEncoding.members(of: value)
        if style == .deepObject {
            for member in members { query.append((name + "[\(member.name)]", member.value)) }
        } else if explode {
            for member in members { query.append((member.name, member.value)) }
        } else {
            query.append((name, members.map { $0.name + "," + $0.value }.joined(separator: ",")))
        }
    }

    /// A header parameter's value.
    public static func header(_ value: some ParameterValue) -> String {
        value.parameterValue
    }

    /// An array header parameter's value: the values joined with commas.
    public static func header(_ values: [some ParameterValue]) -> String {
        values.map(\.parameterValue).joined(separator: ",")
    }

    /// An object header parameter's value: `a,1,b,2`, or `a=1,b=2` exploded.
    public static func header(object value: some Encodable, explode: Bool) throws -> String {
        ParameterEncoding.joined(
            try ParameterEncoding.members(of: value), explode: explode, separator: ",", encode: false)
    }

    /// A cookie parameter as `name=value`, the value percent-encoded.
    public static func cookie(_ value: some ParameterValue, name: String) -> String {
        name + "=" + PathEncoding.queryComponent(value.parameterValue)
    }

    /// An array cookie parameter: `name=a,b`.
    public static func cookie(_ values: [some ParameterValue], name: String) -> String {
        name + "=" + values.map { PathEncoding.queryComponent($0.parameterValue) }.joined(separator: ",")
    }

    /// An object cookie parameter: `name=a,1,b,2`.
    public static func cookie(object value: some Encodable, name: String) throws -> String {
        name + "=" + ParameterEncoding.joined(try ParameterEncoding.members(of: value), explode: false, separator: ",")
    }

    /// A cookie parameter in OpenAPI 3.2's `cookie` style: RFC 6265's `name=value` pairs, joined by `; `, each value
    /// sent as it is (3.2: a value that needs escaping is given escaped). A value holding a character no cookie
    /// value may hold (a space, `"`, `,`, `;`, `\`, a control character) would change the header's meaning and is
    /// refused.
    public static func cookie(_ value: some ParameterValue, name: String, style: ParameterStyle) throws -> String {
        try cookiePairs([(name, [value.parameterValue])])
    }

    /// An array cookie parameter in `cookie` style: `id=3; id=4`, or `id=3,4` without explode.
    public static func cookie(
        _ values: [some ParameterValue], name: String, style: ParameterStyle, explode: Bool
    ) throws -> String {
        let texts = values.map(\.parameterValue)
        return try cookiePairs(explode ? texts.map { (name, [$0]) } : [(name, texts)])
    }

    /// An object cookie parameter in `cookie` style: `a=1; b=2`, or `id=a,1,b,2` without explode.
    public static func cookie(
        object value: some Encodable, name: String, style: ParameterStyle, explode: Bool
    ) throws -> String {
        let members = try ParameterEncoding.members(of: value)
        if explode { return try cookiePairs(members.map { ($0.name, [$0.value]) }) }
        return try cookiePairs([(name, members.flatMap { [$0.name, $0.value] })])
    }

    /// `name=a,b` for each pair, each piece checked, joined by `; `.
    private static func cookiePairs(_ pairs: [(name: String, values: [String])]) throws -> String {
        try pairs.map { pair in
            guard isCookieOctets(pair.name), !pair.name.contains("="), pair.values.allSatisfy(isCookieOctets) else {
                throw APIError.invalidHeaderValue(name: "Cookie")
            }
            return pair.name + "=" + pair.values.joined(separator: ",")
        }.joined(separator: "; ")
    }

    /// Whether `text` is RFC 6265 `cookie-octet`s: visible ASCII but for `"`, `,`, `;` and `\` (a name also may
    /// not hold `=`).
    private static func isCookieOctets(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ",")
                && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "\\")
        }
    }

    /// An `in: querystring` parameter of `application/x-www-form-urlencoded`: `a=1&tags=x&tags=y`, the members of
    /// `value` written as a form body is (each member `form` exploded unless its entry in `fields` says otherwise).
    public static func queryString(form value: some Encodable, fields: [String: FormField] = [:]) throws -> String {
        String(decoding: try BodyEncoding.formURLEncoded(value, fields: fields), as: UTF8.self)
    }

    /// An `in: querystring` parameter of a JSON media type: the value's JSON text, percent-encoded.
    public static func queryString(json value: some Encodable) throws -> String {
        PathEncoding.queryComponent(String(decoding: try JSONCoding.requestEncoder().encode(value), as: UTF8.self))
    }

    /// An `in: querystring` parameter of another media type (`text/plain`, a JSONPath): its text, percent-encoded.
    public static func queryString(text value: some ParameterValue) -> String {
        PathEncoding.queryComponent(value.parameterValue)
    }
}
