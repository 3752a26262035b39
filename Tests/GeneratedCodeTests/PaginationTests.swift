import Foundation
import RunsAPI
import Testing

@Suite struct PaginationTests {
    /// Two pages of runs, then the empty page, as the spec's named examples give them.
    func pagedClient() -> (Client, RecordingTransport) {
        let replay = ReplayTransport(sequences: [
            .listRuns: [
                Fixtures.ListRuns.ok.response, Fixtures.ListRuns.okSecondPage.response,
                Fixtures.ListRuns.okLastPage.response,
            ]
        ])
        let recorder = RecordingTransport(next: replay)
        return (Client(transport: recorder), recorder)
    }

    @Test("allRuns lists runs across pages, following startingFrom from each page's last run")
    func runsAcrossPages() async throws {
        let (client, recorder) = pagedClient()
        var ids: [Int] = []
        for try await run in client.allRuns(limit: 2).items(as: RunSummary.self) {
            ids.append(run.id)
        }
        #expect(ids == [4, 3, 2, 1])
        #expect(
            recorder.requests.map { $0.url.query } == ["limit=2", "limit=2&startingFrom=3", "limit=2&startingFrom=1"])
    }

    @Test("pages come as decoded responses; the empty page ends the sequence")
    func pages() async throws {
        let (client, recorder) = pagedClient()
        var pages: [RunsResponse] = []
        for try await page in client.allRuns(limit: 2) { pages.append(page) }
        #expect(pages.count == 2)
        #expect(pages.map(\.limit) == [2, 2])
        #expect(recorder.requests.count == 3)
    }

    @Test("ordered by runStartTime, the cursor is the last run's start time")
    func cursorFollowsOrderBy() async throws {
        let (client, recorder) = pagedClient()
        var count = 0
        for try await _ in client.allRuns(limit: 2, orderBy: .runStartTime).items(as: RunSummary.self) { count += 1 }
        #expect(count == 4)
        #expect(
            recorder.requests.map { $0.url.query } == [
                "limit=2&orderBy=runStartTime",
                "limit=2&startingFrom=2019-08-24T14%3A35%3A22Z&orderBy=runStartTime",
                "limit=2&startingFrom=2019-08-24T14%3A05%3A22Z&orderBy=runStartTime",
            ])
    }

    @Test("a server that ignores the cursor cannot make the sequence loop forever")
    func stuckCursor() async throws {
        let client = Client(transport: ReplayTransport(sequences: [.listRuns: [Fixtures.ListRuns.ok.response]]))
        var pages = 0
        for try await _ in client.allRuns(limit: 2) { pages += 1 }
        #expect(pages == 2)  // the first page, then the same page again: its cursor did not move, so iteration ends
    }

    @Test("allRuns(detail: true) pages through RunInfo items, fields RunSummary does not have included")
    func detailPages() async throws {
        // Pages of full runs (the fixture of getRun with other ids), then the empty page.
        guard case .object(var run) = try JSONDecoder().decode(JSONValue.self, from: Fixtures.GetRun.ok.data) else {
            Issue.record("the getRun fixture is not an object")
            return
        }
        func page(_ ids: [Int]) throws -> HTTPResponse {
            let items = ids.map { id -> JSONValue in
                run["id"] = .integer(id)
                return .object(run)
            }
            let body: JSONValue = .object([
                "limit": .integer(2), "orderBy": .string("id"), "orderByDirection": .string("desc"),
                "data": .array(items),
            ])
            return HTTPResponse(
                statusCode: 200, headers: ["Content-Type": "application/json"], body: try JSONEncoder().encode(body))
        }
        let replay = ReplayTransport(sequences: [.listRuns: [try page([9, 8]), try page([7]), try page([])]])
        let recorder = RecordingTransport(next: replay)
        let client = Client(transport: recorder)
        var runs: [RunInfo] = []
        for try await item in client.allRuns(limit: 2, detail: true).items(as: RunInfo.self) { runs.append(item) }
        #expect(runs.map(\.id) == [9, 8, 7])
        let expected = try Fixtures.GetRun.ok.decoded()
        #expect(
            runs.allSatisfy {
                $0.runDetails == expected.runDetails && $0.runTimeParameters == expected.runTimeParameters
            })
        #expect(
            recorder.requests.map { $0.url.query } == [
                "limit=2&detail=true", "limit=2&startingFrom=8&detail=true", "limit=2&startingFrom=7&detail=true",
            ])
    }
}
