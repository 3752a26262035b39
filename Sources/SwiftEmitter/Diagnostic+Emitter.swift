public import Diagnostics

extension Diagnostic {
    /// The exerciser asked for without the fixtures it replays in the same module.
    static let exerciserNeedsFixtures = Diagnostic.error(
        "the exerciser replays the fixtures in the same module: leave out --exerciser, or generate the fixtures "
            + "with the client (no 'fixtures: false', no 'fixtures.module')",
        at: nil)

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

    /// A `pattern` the generated server does not check: outside the subset gen reads, or one whose matching could
    /// backtrack exponentially on what a client sends.
    static func patternNotChecked(_ pattern: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "the generated server does not check the pattern '\(pattern)' (outside the subset gen checks, or its "
                + "matching could take exponential time)", at: location)
    }
}
