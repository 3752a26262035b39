package import Diagnostics

extension Diagnostic {
    /// A `pattern` outside the subset values are built for (lookarounds, backreferences, Unicode classes): the
    /// exerciser's and fixtures' values of the schema may not match it.
    package static func patternNotSynthesized(_ pattern: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "cannot build a value matching the pattern '\(pattern)'; the exerciser and fixtures use a plain string "
                + "here, which the server may reject", at: location)
    }
}
