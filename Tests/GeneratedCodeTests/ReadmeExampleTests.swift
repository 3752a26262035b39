import Foundation
import RunsAPI
import Testing

// The snippets of README.md and docs/Client.md, compiled and run here so the documentation cannot drift from the
// generated API.

/// Logs every attempt (retries included) and tags it with a request ID.
struct Logging: Middleware {
    func intercept(
        _ request: HTTPRequest, operation: OperationID, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        request.headers["X-Request-ID"] = UUID().uuidString
        let response = try await next(request)
        print(operation, request, response.statusCode)  // `request` prints method and URL, never credentials
        return response
    }
}

actor TokenStore {
    func currentToken() async throws -> String { "token" }
}

@Suite struct ReadmeExampleTests {
    @Test("configuring the client, as the README shows")
    func configuring() async throws {
        let tokenStore = TokenStore()
        var client = Client(
            serverURL: Servers.australiaPrimaryAustraliaSoutheast1,
            authentication: .bearerAuth(tokenProvider: { try await tokenStore.currentToken() }),
            timeout: .seconds(20),
            retryPolicy: RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(250)),
            middlewares: [Logging()]
        )
        client.transport = ReplayTransport()  // the README's client talks to the network; this one replays
        let status = try await client.getRunStatus(
            runCounter: 42,
            options: RequestOptions(timeout: .seconds(5), retryPolicy: RetryPolicy.none)
        )
        #expect(status.runStatus == .running)
    }

    @Test("calling the API and handling its errors, as the README shows")
    func calling() async throws {
        let client = Client(transport: ReplayTransport(statuses: [.getRun: 404]))
        do {
            let run = try await client.getRun(runID: 42)
            Issue.record("expected 404, got \(run)")
        } catch GetRunError.notFound(let body) {
            #expect(body.value?.error.errorString == "string")
        }
    }

    @Test("testing without a network, as the README shows")
    func showsNotFound() async throws {
        let client = Client(transport: ReplayTransport(statuses: [.getRun: 404]))
        await #expect(throws: GetRunError.self) { try await client.getRun(runID: 1) }
        let run = try Fixtures.GetRun.ok.decoded()
        #expect(run.runType == .deploy)
    }
}
