/// Something that receives diagnostics as a stage finds them.
///
/// Stages report recoverable problems and keep going, so one run reports every problem it can.
public protocol DiagnosticSink: AnyObject {
    /// Records one diagnostic.
    func emit(_ diagnostic: Diagnostic)
}

/// A sink that keeps every diagnostic, for the pipeline and for tests.
public final class DiagnosticCollector: DiagnosticSink {
    /// Everything emitted so far, in the order it was emitted (use `sorted` for output).
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Whether any error was emitted (warnings do not count).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics sorted by position then message, without exact repeats.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted().filter { seen.insert($0).inserted }
    }
}
