/// How bad a problem is: errors make `gen` exit with status 1 and write nothing; warnings never change the exit code.
public enum Severity: String, Hashable, Sendable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in a spec, printed as `path:line:column: error: message`.
///
/// Messages are built by named factories (see `Diagnostic+Messages.swift`) so tests assert with the same
/// factories and wording changes in one place.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Error, warning or note.
    public var severity: Severity
    /// What is wrong, and what to do about it.
    public var message: String
    /// Where it is; `nil` for problems that are not tied to a place in a file (e.g. an unreadable file).
    public var location: SourceLocation?
    /// Further places that explain the problem (e.g. "first defined here").
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// An error at `location`.
    public static func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    /// A warning at `location`.
    public static func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) -> Diagnostic
    {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    /// A note at `location`, attached to another diagnostic.
    public static func note(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    /// The one standard shape for a spec feature gen knows but does not generate code for.
    public static func unsupported(_ feature: String, at location: SourceLocation) -> Diagnostic {
        .warning("\(feature) is not supported; ignored", at: location)
    }

    /// The one-line form `path:line:column: severity: message` (notes not included).
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "gen: \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, line, column, then message, so output never depends on the order problems were found.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (l?, r?) where l != r: return l < r
        default: return (lhs.message, lhs.severity.rawValue) < (rhs.message, rhs.severity.rawValue)
        }
    }
}
