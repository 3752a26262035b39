public import Diagnostics

extension Diagnostic {
    /// libyaml could not set up a parser (out of memory).
    public static let parserAllocationFailed = Diagnostic.error("libyaml could not allocate a parser", at: nil)

    /// A libyaml syntax error, with a note where the enclosing construct began.
    public static func yamlSyntax(
        _ problem: String, at location: SourceLocation, notes: [Diagnostic] = []
    ) -> Diagnostic {
        .error("YAML syntax error: \(problem)", at: location, notes: notes)
    }

    /// The file holds no YAML document at all.
    public static func emptyDocument(file: String) -> Diagnostic {
        .error(
            "the file is empty; expected an OpenAPI document (a mapping with 'openapi', 'info' and 'paths')",
            at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// A second `---` document in the file.
    public static func multipleDocuments(at location: SourceLocation) -> Diagnostic {
        .error("the file holds more than one YAML document; an OpenAPI description is a single document", at: location)
    }

    /// `*name` with no `&name` before it.
    public static func undefinedAlias(_ name: String, at location: SourceLocation) -> Diagnostic {
        .error("alias '*\(name)' refers to no anchor defined before it", at: location)
    }

    /// The same key twice in one mapping.
    public static func duplicateKey(
        _ key: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .error(
            "duplicate key '\(key)' in mapping; YAML keys must be unique",
            at: location, notes: [.note("'\(key)' first defined here", at: first)])
    }

    /// Nesting deeper than the limit.
    public static func nestingTooDeep(limit: Int, at location: SourceLocation) -> Diagnostic {
        .error(
            "nesting is deeper than \(limit) levels; raise the limit with --max-depth if this is intended", at: location
        )
    }

    /// More nodes than the limit, aliases expanded.
    public static func tooManyNodes(limit: Int, at location: SourceLocation) -> Diagnostic {
        .error(
            "the document expands to more than \(limit) nodes (aliases counted in full, as in a 'billion laughs' document); raise the limit with --max-nodes if this is intended",
            at: location)
    }

    /// `!!int abc` and the like.
    public static func invalidTaggedScalar(_ text: String, tag: String, at location: SourceLocation) -> Diagnostic {
        .warning("'\(text)' is not a valid value for tag '\(tag)'; read as a string", at: location)
    }
}
