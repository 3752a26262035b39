public import Diagnostics

extension Int {
    /// `1,000,000`: the number with thousands separated, the same in every locale.
    fileprivate var formatted: String {
        var digits = Array(String(self))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

extension Diagnostic {
    /// A key that OpenAPI does not define for this object (extensions `x-…` are always allowed).
    public static func unknownKey(
        _ key: String, in object: String, suggestion: String?, at location: SourceLocation
    ) -> Diagnostic {
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; it is ignored (vendor extensions start with 'x-')"
        return .warning("unknown key '\(key)' in \(object)\(hint)", at: location)
    }

    /// A required key is missing.
    public static func missingKey(_ key: String, in object: String, at location: SourceLocation) -> Diagnostic {
        .error("\(object) is missing the required key '\(key)'", at: location)
    }

    /// A 3.1 document with none of `paths`, `components` and `webhooks`.
    public static func nothingToGenerate(at location: SourceLocation) -> Diagnostic {
        .warning(
            "the OpenAPI document has none of 'paths', 'components' and 'webhooks' (OpenAPI 3.1 needs one); the "
                + "client has no operations", at: location)
    }

    /// A value of the wrong kind for a known key.
    public static func wrongType(
        _ what: String, expected: String, found: String, at location: SourceLocation
    ) -> Diagnostic {
        .error("\(what) must be \(expected), found \(found)", at: location)
    }

    /// An optional list or mapping written with nothing after the key (`parameters:`), which YAML reads as null.
    public static func emptyValue(_ what: String, at location: SourceLocation) -> Diagnostic {
        .warning("\(what) is empty (null); read as absent", at: location)
    }

    /// A value of the wrong type whose key has a default (`required: optional`): the default is used.
    public static func wrongTypeUsingDefault(
        _ what: String, expected: String, found: String, at location: SourceLocation
    ) -> Diagnostic {
        .warning("\(what) must be \(expected), found \(found); the default is used", at: location)
    }

    /// `"true"` or `"false"` written as a string where a Boolean belongs: taken at its word.
    public static func booleanAsString(_ what: String, value: Bool, at location: SourceLocation) -> Diagnostic {
        .warning("\(what) must be true or false, found the string '\(value)'; read as \(value)", at: location)
    }

    /// A `$ref` to a URL: gen never fetches over the network.
    public static func remoteReference(_ ref: String, isNeeded: Bool, at location: SourceLocation) -> Diagnostic {
        isNeeded
            ? .error(
                "$ref '\(ref)' points to a URL, and gen never fetches over the network during a build; download the file next to the spec and refer to it by a relative path ($ref: 'file.yaml#/…')",
                at: location)
            : .warning(
                "$ref '\(ref)' points to a URL, which gen never fetches; ignored (nothing generated depends on it)",
                at: location)
    }

    /// A `$ref` whose target does not exist.
    public static func unresolvedReference(_ ref: String, reason: String, at location: SourceLocation) -> Diagnostic {
        .error("$ref '\(ref)' does not resolve: \(reason)", at: location)
    }

    /// A `$ref` that refers back to itself through other references without ever reaching a value.
    public static func referenceCycle(_ ref: String, at location: SourceLocation) -> Diagnostic {
        .error("$ref '\(ref)' is part of a reference cycle that never reaches a definition", at: location)
    }

    /// Named schemas that are only references to each other, so none of them has a definition.
    public static func schemaCycle(_ names: [String], at location: SourceLocation) -> Diagnostic {
        .error(
            "schemas \(names.map { "'\($0)'" }.joined(separator: " → ")) only refer to each other and never reach a definition; give one of them a type or properties",
            at: location)
    }

    /// A `$ref` to another file, which this version reads only through the multi-file loader.
    public static func externalReferenceNotFound(_ ref: String, at location: SourceLocation) -> Diagnostic {
        .error("$ref '\(ref)' points into another file that could not be loaded", at: location)
    }

    /// A Swagger 2.0 document.
    public static func swagger2(at location: SourceLocation) -> Diagnostic {
        .error(
            "this is a Swagger 2.0 document; gen reads OpenAPI 3.0, 3.1 and 3.2 (convert it first, e.g. with swagger2openapi)",
            at: location)
    }

    /// An `openapi` version gen does not read.
    public static func unsupportedVersion(_ version: String, at location: SourceLocation) -> Diagnostic {
        .error("unsupported OpenAPI version '\(version)'; gen reads 3.0.x, 3.1.x and 3.2.x", at: location)
    }

    /// An Example with `value` beside 3.2's `dataValue` or `serializedValue`.
    public static func valueBesideDataValue(_ key: String, example: String, at location: SourceLocation) -> Diagnostic {
        .error("example '\(example)' has both 'value' and '\(key)'; OpenAPI 3.2 allows one of them", at: location)
    }

    /// A 3.2 media type with `encoding` beside `prefixEncoding` or `itemEncoding`.
    public static func encodingBeside(_ key: String, mediaType: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "media type '\(mediaType)' has both 'encoding' and '\(key)'; OpenAPI 3.2 allows 'encoding' only without them",
            at: location)
    }

    /// A `$self` with a fragment, which OpenAPI 3.2 forbids.
    public static func selfWithFragment(_ text: String, at location: SourceLocation) -> Diagnostic {
        .error("'$self' '\(text)' has a fragment; OpenAPI 3.2 requires a URI without one", at: location)
    }

    /// A second `in: querystring` parameter.
    public static func secondQueryString(at location: SourceLocation) -> Diagnostic {
        .error("a second 'in: querystring' parameter; OpenAPI 3.2 allows one, the whole query string", at: location)
    }

    /// An `in: querystring` parameter with a `schema`, or without `content`.
    public static func queryStringWithoutContent(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "'in: querystring' parameter '\(name)' needs 'content' (the media type that serializes the whole query string) and no 'schema'",
            at: location)
    }

    /// `in: querystring` beside `in: query` parameters.
    public static func queryStringBesideQuery(at location: SourceLocation) -> Diagnostic {
        .error(
            "an 'in: querystring' parameter beside 'in: query' ones; OpenAPI 3.2 allows either the whole query string or its parameters",
            at: location)
    }

    /// A server variable whose `enum` lists nothing, so no value is allowed.
    public static func emptyServerVariableEnum(_ name: String, at location: SourceLocation) -> Diagnostic {
        .warning("the 'enum' of server variable '\(name)' is empty; its default is used", at: location)
    }

    /// A key OpenAPI 3.2 deprecates.
    public static func deprecated32(_ key: String, in what: String, at location: SourceLocation) -> Diagnostic {
        .warning("\(key) in \(what) is deprecated in OpenAPI 3.2", at: location)
    }

    /// A 3.2 tag whose `parent` names no tag.
    public static func unknownParentTag(_ parent: String, of tag: String, at location: SourceLocation) -> Diagnostic {
        .warning("tag '\(tag)' has the parent '\(parent)', which is not a tag of the document", at: location)
    }

    /// 3.2 tags whose parents lead back to the first.
    public static func tagCycle(_ chain: [String], at location: SourceLocation) -> Diagnostic {
        .warning(
            "the parents of tag '\(chain[0])' form a cycle: \(chain.map { "'\($0)'" }.joined(separator: " → "))",
            at: location)
    }

    /// A key of 3.2's `additionalOperations` that the Path Item has a field for.
    public static func fixedMethodInAdditionalOperations(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "'additionalOperations' may not list '\(name)': write it as the path item's '\(name.lowercased())'",
            at: location)
    }

    /// A key of `additionalOperations` that is no HTTP method.
    public static func notAMethod(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error(
            "'\(name)' in 'additionalOperations' is not an HTTP method (a token: letters, digits, !#$%&'*+-.^_`|~)",
            at: location)
    }

    /// A key or value OpenAPI 3.2 adds that gen reads but does not act on yet.
    public static func notActedOn32(_ feature: String, in what: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "gen does not act on OpenAPI 3.2's \(feature) in \(what) yet; the code is generated as if it were not "
                + "there", at: location)
    }

    /// A path parameter declared but absent from the path template: there is nowhere to send it.
    public static func pathParameterNotInTemplate(
        _ name: String, path: String, at location: SourceLocation
    ) -> Diagnostic {
        .warning("path parameter '\(name)' does not appear in the path template '\(path)'; ignored", at: location)
    }

    /// A value that is not one of the names the OpenAPI specification enumerates for `what`; an error, since
    /// nothing sensible can be generated without it.
    public static func unknownValue(
        _ value: String, of what: String, expected: [String], suggestion: String?, at location: SourceLocation
    ) -> Diagnostic {
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
        return .error(
            "\(what) must be one of \(expected.joined(separator: ", ")), found '\(value)'\(hint)", at: location)
    }

    /// A `style` that OpenAPI does not define: the parameter is sent in its location's default style.
    public static func unknownStyle(
        _ style: String, parameter: String, suggestion: String?, defaultStyle: String, at location: SourceLocation
    ) -> Diagnostic {
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return .warning(
            "unknown style '\(style)' of parameter '\(parameter)'\(hint); it is sent in the default style '\(defaultStyle)'",
            at: location)
    }

    /// A `style` that OpenAPI does not allow where the parameter goes (`matrix` in a query).
    public static func styleNotAllowed(
        _ style: String, parameter: String, location place: String, allowed: [String], defaultStyle: String,
        at location: SourceLocation
    ) -> Diagnostic {
        .warning(
            "style '\(style)' is not allowed for \(place) parameters such as '\(parameter)' (allowed: \(allowed.joined(separator: ", "))); it is sent in the default style '\(defaultStyle)'",
            at: location)
    }

    /// A `format` that differs from one the OpenAPI or JSON Schema specifications define by a typo: allowed (any
    /// format is), but it gets none of the known format's handling.
    public static func unknownFormat(_ format: String, suggestion: String, at location: SourceLocation) -> Diagnostic {
        .warning("unknown format '\(format)'; did you mean '\(suggestion)'? It is read as a plain value", at: location)
    }

    /// A `{name}` in the path template with no parameter declared for it.
    public static func templateVariableWithoutParameter(
        _ name: String, path: String, at location: SourceLocation
    ) -> Diagnostic {
        .warning(
            "path template '\(path)' uses '{\(name)}' but no path parameter named '\(name)' is declared; generated as a required String parameter",
            at: location)
    }

    /// Two operations with the same `operationId`.
    public static func duplicateOperationID(
        _ id: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .error(
            "operationId '\(id)' is used more than once; operationIds must be unique",
            at: location, notes: [.note("'\(id)' first used here", at: first)])
    }

    /// A `security` entry that names a scheme not in `components.securitySchemes`: the requirement is left out.
    public static func unknownSecurityScheme(_ name: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "security requirement names '\(name)', which is not defined in components.securitySchemes; the "
                + "requirement is left out", at: location)
    }

    /// A name in `required` that is not a declared property.
    public static func requiredPropertyNotDeclared(_ name: String, at location: SourceLocation) -> Diagnostic {
        .warning("'\(name)' is listed in 'required' but is not declared in 'properties'", at: location)
    }

    /// `x-pagination` naming a parameter the operation does not take in its query.
    public static func paginationParameterNotInQuery(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error("x-pagination names '\(name)', which is not a query parameter of this operation", at: location)
    }

    /// A path parameter without `required: true` (OpenAPI requires it).
    public static func pathParameterNotRequired(_ name: String, at location: SourceLocation) -> Diagnostic {
        .warning("path parameter '\(name)' must have 'required: true'; treated as required", at: location)
    }

    /// A chain of `$ref`s longer than the limit.
    public static func referenceTooDeep(_ ref: String, limit: Int, at location: SourceLocation) -> Diagnostic {
        .error(
            "$ref '\(ref)' is more than \(limit) references deep; simplify the chain or raise --max-ref-depth",
            at: location)
    }

    /// A spec whose schemas expand past the reading budget (aliases repeated many times).
    public static func tooManySchemas(limit: Int, at location: SourceLocation) -> Diagnostic {
        .error(
            "the spec expands to more than \(limit) schema objects (aliases repeated many times?); reading stopped",
            at: location)
    }

    /// An example that is too large (by node count) to copy, e.g. built from aliases.
    public static func exampleTooLarge(limit: Int, at location: SourceLocation) -> Diagnostic {
        .warning(
            "example is too large to use (more than \(limit.formatted) values after expanding aliases); ignored",
            at: location)
    }
}
