public import Diagnostics

extension Diagnostic {
    /// A server URL without variables that is not absolute: nothing to declare in `Servers`.
    package static func relativeServerURL(_ url: String, at location: SourceLocation) -> Diagnostic {
        .warning("server URL '\(url)' is not an absolute URL; skipped", at: location)
    }

    /// gen-config's `eventStreams.operations.<id>.schema` naming no component schema.
    package static func unknownEventSchema(
        _ name: String, operation: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        .warning(
            "gen-config's event schema '\(name)' for operation '\(operation)' is not in components.schemas; the stream's events are read as the spec says",
            at: location)
    }

    /// A multipart part of a structured value whose `encoding` asks for a media type gen does not write.
    package static func partWrittenAsJSON(
        _ name: String, contentType: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        .warning(
            "multipart part '\(name)' is encoded as '\(contentType)', which gen does not write; it is sent and read as application/json",
            at: location)
    }

    /// A filter of the configuration naming an operation, tag or path the spec does not have.
    package static func filterMatchesNothing(
        _ what: String, _ value: String, at location: SourceLocation?
    ) -> Diagnostic {
        .warning("filter lists the \(what) '\(value)', which no operation of the spec has", at: location)
    }

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
}
