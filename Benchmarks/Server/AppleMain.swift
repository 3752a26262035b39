// The Runs API's getRun and getRunStatus served through Apple's swift-openapi-generator (types and server from
// api/runs.yaml) and swift-openapi-hummingbird, with the same handler logic as Examples/RunsServer's RunsService:
// the runs in an actor, the getRun fixture's run in it. Built by Scripts/server-benchmark.sh outside this repository.
import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

actor Store {
    private var runs: [Int: Components.Schemas.RunInfo] = [:]
    init(first: Components.Schemas.RunInfo) { runs[first.id] = first }
    func run(_ id: Int) -> Components.Schemas.RunInfo? { runs[id] }
}

struct Handler: APIProtocol {
    let store: Store

    func getRun(_ input: Operations.getRun.Input) async throws -> Operations.getRun.Output {
        guard let run = await store.run(input.path.runID) else {
            return .notFound(.init(body: .json(.init(error: .init(errorString: "no run \(input.path.runID)")))))
        }
        return .ok(.init(body: .json(run)))
    }

    func getRunStatus(_ input: Operations.getRunStatus.Input) async throws -> Operations.getRunStatus.Output {
        guard let run = await store.run(Int(input.query.runCounter)) else {
            return .badRequest(.init(body: .json(.init(error: .init(errorString: "no run \(input.query.runCounter)")))))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        runStatus: .init(rawValue: run.runStatus.rawValue),
                        runType: .init(rawValue: run.runType.rawValue),
                        runLink: "https://app.example/runs/\(run.id)"))))
    }

    func listRuns(_ input: Operations.listRuns.Input) async throws -> Operations.listRuns.Output {
        .undocumented(statusCode: 501, .init())
    }
    func listRunResults(_ input: Operations.listRunResults.Input) async throws -> Operations.listRunResults.Output {
        .undocumented(statusCode: 501, .init())
    }
    func startRun(_ input: Operations.startRun.Input) async throws -> Operations.startRun.Output {
        .undocumented(statusCode: 501, .init())
    }
    func rerun(_ input: Operations.rerun.Input) async throws -> Operations.rerun.Output {
        .undocumented(statusCode: 501, .init())
    }
    func cancelRun(_ input: Operations.cancelRun.Input) async throws -> Operations.cancelRun.Output {
        .undocumented(statusCode: 501, .init())
    }
}

let arguments = CommandLine.arguments
let port = arguments.firstIndex(of: "--port").flatMap { Int(arguments[$0 + 1]) } ?? 8081
let fixture = try Data(contentsOf: URL(fileURLWithPath: arguments[arguments.firstIndex(of: "--run")! + 1]))
let decoder = JSONDecoder()
decoder.dateDecodingStrategy = .iso8601
let router = Router()
try Handler(store: Store(first: try decoder.decode(Components.Schemas.RunInfo.self, from: fixture)))
    .registerHandlers(on: router, serverURL: URL(string: "/")!)
// Hummingbird logs no request by default (no LogRequestMiddleware), on either side.
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { _ in print("apple-runs: listening on \(port)") })
try await app.runService()
