import Foundation
import Testing

@testable import RunWatcher

/// Answers every request with one run status.
struct StatusTransport: HTTPTransport {
    var status: String

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(
            statusCode: 200, headers: ["Content-Type": "application/json"],
            body: Data(#"{"runStatus":"\#(status)","runType":"deploy"}"#.utf8))
    }
}

@Suite struct RunWatcherTests {
    @Test("the internal, filtered client answers for its target")
    func finished() async throws {
        #expect(
            try await RunWatcher(client: Client(transport: StatusTransport(status: "completed"))).isFinished(
                runCounter: 7))
        #expect(
            try await !RunWatcher(client: Client(transport: StatusTransport(status: "running"))).isFinished(
                runCounter: 7))
    }

    @Test("the fixtures generated into this test target replay the documented example")
    func replaysTheExample() async throws {
        let documented = try Fixtures.GetRunStatus.ok.decoded()
        let watcher = RunWatcher(client: Client(transport: ReplayTransport()))
        #expect(try await watcher.isFinished(runCounter: 3) == (documented.runStatus == .completed))
        #expect(documented.runStatus == .running)
    }
}
