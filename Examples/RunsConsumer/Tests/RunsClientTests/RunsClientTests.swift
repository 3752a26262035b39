import RunsClient
import Testing

@Suite struct RunsClientTests {
    @Test("the plugin-generated client fetches a run through the replaying transport")
    func fetchesARun() async throws {
        let client = Client(authentication: .bearerAuth(token: "t"), transport: ReplayTransport())
        let run = try await client.getRun(runID: 1)
        #expect(run.runType == .deploy)
        #expect(run.runStatus.isTerminal)
    }

    @Test("documented errors arrive typed")
    func notFound() async throws {
        let client = Client(transport: ReplayTransport(statuses: [.getRun: 404]))
        await #expect(throws: GetRunError.self) { try await client.getRun(runID: 1) }
    }
}
