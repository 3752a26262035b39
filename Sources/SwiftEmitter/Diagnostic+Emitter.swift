public import Diagnostics

extension Diagnostic {
    /// A server URL without variables that is not absolute: nothing to declare in `Servers`.
    static func relativeServerURL(_ url: String, at location: SourceLocation) -> Diagnostic {
        .warning("server URL '\(url)' is not an absolute URL; skipped", at: location)
    }

    /// A `pattern` outside the subset values are built for (lookarounds, backreferences, Unicode classes): the
    /// exerciser's and fixtures' values of the schema may not match it.
    static func patternNotSynthesized(_ pattern: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "cannot build a value matching the pattern '\(pattern)'; the exerciser and fixtures use a plain string "
                + "here, which the server may reject", at: location)
    }

    /// A filter of the configuration naming an operation, tag or path the spec does not have.
    static func filterMatchesNothing(_ what: String, _ value: String, at location: SourceLocation?) -> Diagnostic {
        .warning("filter lists the \(what) '\(value)', which no operation of the spec has", at: location)
    }

    /// The exerciser asked for without the fixtures it replays in the same module.
    static let exerciserNeedsFixtures = Diagnostic.error(
        "the exerciser replays the fixtures in the same module: leave out --exerciser, or generate the fixtures "
            + "with the client (no 'fixtures: false', no 'fixtures.module')",
        at: nil)

    /// Two schemas whose names map to one Swift type name.
    public static func typeNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        nameCollision(
            "schema '\(name)' maps to the Swift type name", swiftName, "another schema", renamed, location, first)
    }

    /// Two properties whose names map to one Swift property name.
    public static func memberNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        nameCollision(
            "property '\(name)' maps to the Swift name", swiftName, "another property", renamed, location, first)
    }

    /// Two enum values whose names map to one Swift case name.
    public static func enumCaseCollision(
        _ value: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        nameCollision(
            "enum value '\(value)' maps to the Swift case", swiftName, "another value", renamed, location, first)
    }

    /// Two operations whose names map to one Swift method name.
    public static func operationNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        nameCollision(
            "operation '\(name)' maps to the Swift method", swiftName, "another operation", renamed, location, first)
    }

    /// The one shape of every naming collision: a warning at the second use, a note at the first.
    private static func nameCollision(
        _ subject: String, _ swiftName: String, _ other: String, _ renamed: String,
        _ location: SourceLocation, _ first: SourceLocation
    ) -> Diagnostic {
        .warning(
            "\(subject) '\(swiftName)', which \(other) already uses; generated as '\(renamed)'",
            at: location, notes: [.note("'\(swiftName)' first used here", at: first)])
    }

    /// A spec example that the generated models could not decode, so no fixture is made from it.
    public static func exampleMismatch(_ what: String, problem: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "\(what) does not match its schema (\(problem)); the fixture is built from the schema instead",
            at: location)
    }

    /// A template that does not parse.
    public static func templateError(_ message: String, at location: SourceLocation) -> Diagnostic {
        .error("template error: \(message)", at: location)
    }

    /// A template the emitter needs is missing from the templates folder.
    public static func missingTemplate(_ name: String, in directory: String) -> Diagnostic {
        .error("template '\(name).mustache' is missing from '\(directory)'", at: nil)
    }

    /// A file of the runtime gen copies into every module is not where gen was installed.
    public static func missingRuntimeFile(_ path: String, in directory: String) -> Diagnostic {
        .error("runtime file '\(path)' is missing from '\(directory)'; reinstall gen", at: nil)
    }
}
