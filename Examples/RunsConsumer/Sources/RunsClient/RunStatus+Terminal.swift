// Hand-written code beside the generated client: it extends the generated types like any other Swift code.

extension RunStatus {
    /// Whether a run in this status will not change any more.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .canceled: true
        case .initializing, .rendering, .running, .waitingToRun, .unknown: false
        }
    }
}
