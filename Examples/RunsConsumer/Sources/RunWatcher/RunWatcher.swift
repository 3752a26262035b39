// A target that keeps its generated client to itself: callers see only this type, not the client.

/// Tells whether a run has finished, through the internal client gen generates from the same spec.
public struct RunWatcher: Sendable {
    let client: Client

    /// Creates a watcher that authenticates with `token`.
    public init(token: String) {
        self.init(client: Client(authentication: .bearerAuth(token: token)))
    }

    init(client: Client) {
        self.client = client
    }

    /// Whether the run `runCounter` will not change any more.
    public func isFinished(runCounter: Int32) async throws -> Bool {
        switch try await client.getRunStatus(runCounter: runCounter).runStatus {
        case .completed?, .failed?, .canceled?: true
        case .initializing?, .rendering?, .running?, .waitingToRun?, .unknown?, nil: false
        }
    }
}
