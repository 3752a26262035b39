public import Diagnostics

extension Diagnostic {
    /// Two schemas whose names map to one Swift type name.
    public static func typeNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .warning("schema '\(name)' maps to the Swift type name '\(swiftName)', which another schema already uses; generated as '\(renamed)'",
                 at: location, notes: [.note("'\(swiftName)' first used here", at: first)])
    }

    /// Two properties whose names map to one Swift property name.
    public static func memberNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .warning("property '\(name)' maps to the Swift name '\(swiftName)', which another property already uses; generated as '\(renamed)'",
                 at: location, notes: [.note("'\(swiftName)' first used here", at: first)])
    }

    /// Two enum values whose names map to one Swift case name.
    public static func enumCaseCollision(
        _ value: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .warning("enum value '\(value)' maps to the Swift case '\(swiftName)', which another value already uses; generated as '\(renamed)'",
                 at: location, notes: [.note("'\(swiftName)' first used here", at: first)])
    }

    /// Two operations whose names map to one Swift method name.
    public static func operationNameCollision(
        _ name: String, swiftName: String, renamed: String, at location: SourceLocation, firstAt first: SourceLocation
    ) -> Diagnostic {
        .warning("operation '\(name)' maps to the Swift method '\(swiftName)', which another operation already uses; generated as '\(renamed)'",
                 at: location, notes: [.note("'\(swiftName)' first used here", at: first)])
    }

    /// A template that does not parse.
    public static func templateError(_ message: String, at location: SourceLocation) -> Diagnostic {
        .error("template error: \(message)", at: location)
    }

    /// A template the emitter needs is missing from the templates folder.
    public static func missingTemplate(_ name: String, in directory: String) -> Diagnostic {
        .error("template '\(name).mustache' is missing from '\(directory)'", at: nil)
    }
}
