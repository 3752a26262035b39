import Foundation
public import RunsAPI

/// The Runs API's handlers, on an in-memory store: what a team writes once gen has generated `APIHandler`. Every
/// method gets its request decoded and checked against the spec, and answers with a documented response.
public struct RunsService: APIHandler {
    private let store: RunStore

    /// Creates the service with one run in the store: the `getRun` 200 fixture's.
    public init() throws {
        store = RunStore(first: try Fixtures.GetRun.ok.decoded())
    }

    public func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Response {
        // The router has checked the spec's bounds (0 to 1000): no request outside them reaches here.
        let limit = input.limit ?? 25
        var runs = await store.all().sorted { $0.id < $1.id }
        if let status = input.runStatus { runs = runs.filter { $0.runStatus == status } }
        if let type = input.runType { runs = runs.filter { $0.runType == type } }
        if input.orderByDirection == .desc { runs.reverse() }
        let page = Array(runs.prefix(limit))
        return .ok(
            RunsResponse(
                limit: limit, orderBy: input.orderBy ?? .id, orderByDirection: input.orderByDirection ?? .asc,
                data: input.detail == true
                    ? .init(runInfo: page)
                    : .init(
                        runSummary: page.map {
                            RunSummary(
                                id: $0.id, runStartTime: $0.runStartTime, runEndTime: $0.runEndTime,
                                runType: $0.runType, runStatus: $0.runStatus)
                        })))
    }

    public func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Response {
        guard let run = await store.run(input.runID) else {
            return .notFound(ErrorResponse(error: ErrorModel(errorString: "no run \(input.runID)")))
        }
        return .ok(run)
    }

    public func listRunResults(
        _ input: Operations.ListRunResults.Input
    ) async throws -> Operations.ListRunResults.Response {
        guard await store.run(input.runID) != nil else {
            return .notFound(ErrorResponse(error: ErrorModel(errorString: "no run \(input.runID)")))
        }
        return .ok(RunResultsResponse(data: []))
    }

    public func startRun(_ input: Operations.StartRun.Input) async throws -> Operations.StartRun.Response {
        let details = input.body.runDetails
        let id = await store.add { id in
            RunInfo(
                id: id,
                runDetails: RunDetails(
                    refreshRunDetails: RefreshRunDetails(
                        environmentID: details.environmentID, excludeNodesSelector: details.excludeNodesSelector,
                        includeNodesSelector: details.includeNodesSelector, jobID: details.jobID.flatMap(Int.init))),
                runStartTime: Date(), runStatus: .running, runTimeParameters: [:], runType: .refresh)
        }
        return .ok(RunCounterResponse(runCounter: id))
    }

    public func rerun(_ input: Operations.Rerun.Input) async throws -> Operations.Rerun.Response {
        guard let previousID = Int(input.body.runDetails.runID), let previous = await store.run(previousID) else {
            return .badRequest(ErrorResponse(error: ErrorModel(errorString: "no run \(input.body.runDetails.runID)")))
        }
        let id = await store.add { id in
            var run = previous
            run.id = id
            run.reRunID = String(previousID)
            run.runStatus = .running
            run.runStartTime = Date()
            run.runEndTime = nil
            return run
        }
        return .ok(RunCounterResponse(runCounter: id))
    }

    public func getRunStatus(_ input: Operations.GetRunStatus.Input) async throws -> Operations.GetRunStatus.Response {
        guard let run = await store.run(input.runCounter) else {
            return .badRequest(ErrorResponse(error: ErrorModel(errorString: "no run \(input.runCounter)")))
        }
        return .ok(
            RunStatusResponse(
                runStatus: run.runStatus, runType: run.runType, runLink: "https://app.example/runs/\(run.id)"))
    }

    public func cancelRun(_ input: Operations.CancelRun.Input) async throws -> Operations.CancelRun.Response {
        // Without runID the request stops a node running in the Workspace `environmentID` names (Coalesce's docs,
        // "Stop a running node"); the schema requires neither. No node runs in this example: nothing to stop.
        guard let id = input.body.runID else { return .noContent }
        guard var run = await store.run(id) else {
            return .badRequest(ErrorResponse(error: ErrorModel(errorString: "no run \(id)")))
        }
        run.runStatus = .canceled
        run.runEndTime = Date()
        await store.replace(run)
        return .noContent
    }
}

/// The runs, by id.
actor RunStore {
    private var runs: [Int: RunInfo]
    private var next: Int

    init(first: RunInfo) {
        runs = [first.id: first]
        next = first.id + 1
    }

    func all() -> [RunInfo] { Array(runs.values) }
    func run(_ id: Int) -> RunInfo? { runs[id] }
    func replace(_ run: RunInfo) { runs[run.id] = run }

    func add(_ make: (Int) -> RunInfo) -> Int {
        let id = next
        next += 1
        runs[id] = make(id)
        return id
    }
}
