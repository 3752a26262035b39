import Foundation
import RunsAPI
import RunsService
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs a Hummingbird server with `handler` on a free loopback port for the duration of `body`.
func withHummingbird<Handler: APIHandler>(
    _ handler: Handler, authenticator: any APIAuthenticator, _ body: (Int) async throws -> Void
) async throws {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = Task {
        try await HummingbirdServer.run(handler, authenticator: authenticator, port: 0) { continuation.yield($0) }
    }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())
    try await body(port)
}

/// A client of the server on `port`.
func client(port: Int, token: String? = "secret") -> Client {
    Client(
        serverURL: URL(string: "http://127.0.0.1:\(port)")!, authentication: token.map { .bearerAuth(token: $0) },
        retryPolicy: .none)
}

/// A request sent as it is, for what the generated client never sends; returns the status, headers and JSON.
func send(
    _ method: String, _ path: String, port: Int, body: String? = nil, headers: [String: String] = [:]
) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    request.httpMethod = method
    request.setValue("Bearer secret", forHTTPHeaderField: "Authorization")
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = body.map { Data($0.utf8) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = "\(value)" }
    let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return (http.statusCode, fields, json)
}

@Suite(.serialized) struct HummingbirdTests {
    @Test("the generated client calls all seven operations of the Hummingbird server over loopback")
    func everyOperation() async throws {
        try await withHummingbird(try RunsService(), authenticator: TokenAuthenticator(token: "secret")) { port in
            let api = client(port: port)
            let first = try Fixtures.GetRun.ok.decoded()
            #expect(try await api.getRun(runID: first.id) == first)
            let started = try await api.startRun(
                body: StartRunRequest(runDetails: .init(environmentID: "env-1", jobID: "7")))
            let id = try #require(started.runCounter)
            let run = try await api.getRun(runID: id)
            #expect(run.runStatus == .running)
            #expect(run.runDetails.refreshRunDetails?.environmentID == "env-1")
            #expect(run.runDetails.refreshRunDetails?.jobID == 7)
            let status = try await api.getRunStatus(runCounter: id)
            #expect(status.runStatus == .running)
            let page = try await api.listRuns(limit: 10, orderByDirection: .desc, detail: true)
            #expect(page.data.runInfo?.map(\.id) == [id, first.id])
            let summaries = try await api.listRuns(limit: 1)
            #expect(summaries.data.runSummary?.map(\.id) == [first.id])
            #expect(try await api.listRunResults(runID: id).data.isEmpty)
            let rerun = try await api.rerun(
                body: RerunRequest(
                    runDetails: .init(runID: String(id)), userCredentials: JobUserCredentials(snowflakeUsername: "u")))
            let rerunID = try #require(rerun.runCounter)
            #expect(try await api.getRun(runID: rerunID).reRunID == String(id))
            try await api.cancelRun(body: CancelRunRequest(runID: id))
            #expect(try await api.getRunStatus(runCounter: id).runStatus == .canceled)
            // A documented error answered by the handler: the client throws the operation's typed error.
            await #expect(
                throws: GetRunError.notFound(.decoded(ErrorResponse(error: ErrorModel(errorString: "no run 999999"))))
            ) {
                try await api.getRun(runID: 999_999)
            }
        }
    }

    @Test("requests that do not fit the spec are refused in its documented error shape, else with a problem document")
    func badRequests() async throws {
        /// The error string of api/runs.yaml's `ErrorResponse`, which carries the refusal's detail.
        func errorString(_ answer: (status: Int, headers: [String: String], json: [String: Any])) -> String? {
            #expect(answer.headers["content-type"] == "application/json")
            return (answer.json["error"] as? [String: Any])?["errorString"] as? String
        }
        try await withHummingbird(try RunsService(), authenticator: TokenAuthenticator(token: "secret")) { port in
            let notInteger = try await send("GET", "/api/v1/runs/abc", port: port)
            #expect(notInteger.status == 400)
            #expect(errorString(notInteger)?.hasPrefix("parameter 'runID' (path): ") == true)
            #expect(errorString(notInteger)?.contains("'abc' is not a valid Int") == true)

            let missing = try await send("GET", "/scheduler/runStatus", port: port)
            #expect(missing.status == 400)
            #expect(errorString(missing) == "required parameter 'runCounter' (query) is missing")

            let wrongQuery = try await send("GET", "/scheduler/runStatus?runCounter=x1", port: port)
            #expect(wrongQuery.status == 400)
            #expect(errorString(wrongQuery)?.hasPrefix("parameter 'runCounter' (query)") == true)

            let tooMany = try await send("GET", "/api/v1/runs?limit=5000", port: port)
            #expect(tooMany.status == 400)
            #expect(errorString(tooMany) == "parameter 'limit' (query): 5000 is greater than the maximum 1000")

            let undecodable = try await send(
                "POST", "/scheduler/startRun", port: port, body: #"{"runDetails": {"environmentID": 5}}"#,
                headers: ["Content-Type": "application/json"])
            #expect(undecodable.status == 400)
            #expect(errorString(undecodable)?.contains("runDetails.environmentID") == true)

            let notJSON = try await send(
                "POST", "/scheduler/startRun", port: port, body: "{", headers: ["Content-Type": "application/json"])
            #expect(notJSON.status == 400)

            let noBody = try await send("POST", "/scheduler/startRun", port: port)
            #expect(noBody.status == 400)
            #expect(errorString(noBody) == "the request body is required")

            let unknown = try await send("GET", "/api/v1/nothing/here", port: port)
            #expect(unknown.status == 404)
            #expect(unknown.json["title"] as? String == "Not Found")

            let wrongMethod = try await send("DELETE", "/api/v1/runs/1", port: port)
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "GET")

            let wrongType = try await send(
                "POST", "/scheduler/startRun", port: port, body: "environmentID=1",
                headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(wrongType.status == 415)

            let notAcceptable = try await send("GET", "/api/v1/runs/1", port: port, headers: ["Accept": "text/html"])
            #expect(notAcceptable.status == 406)

            let wrongToken = try await send(
                "GET", "/api/v1/runs/1", port: port, headers: ["Authorization": "Bearer guess"])
            #expect(wrongToken.status == 401)
            #expect(wrongToken.headers["www-authenticate"] == "Bearer")
            // The answer never echoes the credential.
            #expect(errorString(wrongToken)?.contains("guess") == false)
        }
    }

    @Test("an error the handler throws is answered with 500 and no description")
    func handlerError() async throws {
        struct Failing: APIHandler {
            struct Secret: Error {}
            let service: RunsService
            func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Response {
                throw Secret()
            }
            func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Response {
                try await service.getRun(input)
            }
            func listRunResults(
                _ input: Operations.ListRunResults.Input
            ) async throws -> Operations.ListRunResults.Response {
                try await service.listRunResults(input)
            }
            func startRun(_ input: Operations.StartRun.Input) async throws -> Operations.StartRun.Response {
                try await service.startRun(input)
            }
            func rerun(_ input: Operations.Rerun.Input) async throws -> Operations.Rerun.Response {
                try await service.rerun(input)
            }
            func getRunStatus(_ input: Operations.GetRunStatus.Input) async throws -> Operations.GetRunStatus.Response {
                try await service.getRunStatus(input)
            }
            func cancelRun(_ input: Operations.CancelRun.Input) async throws -> Operations.CancelRun.Response {
                try await service.cancelRun(input)
            }
        }
        try await withHummingbird(
            Failing(service: try RunsService()), authenticator: TokenAuthenticator(token: "secret")
        ) { port in
            let answer = try await send("GET", "/api/v1/runs", port: port)
            #expect(answer.status == 500)
            // In the shape the spec documents for 500 (`ErrorResponse`).
            #expect((answer.json["error"] as? [String: Any])?["errorString"] as? String == "the operation failed")
            #expect(!"\(answer.json)".contains("Secret"))
        }
    }

    @Test("the mock server answers every documented status of every operation on request (Prefer: code=…)")
    func mockServer() async throws {
        try await withHummingbird(MockHandler(), authenticator: AnyPresentCredential()) { port in
            let api = client(port: port, token: "anything")
            // By default: the first documented success, the fixture.
            #expect(try await api.getRun(runID: 1) == Fixtures.GetRun.ok.decoded())
            var answered = 0
            for route in ServerRoute.all {
                let statuses = try #require(Self.documented[route.operation.rawValue], "\(route.operation)")
                for status in statuses {
                    var path = route.template.replacingOccurrences(of: "{runID}", with: "1")
                    if route.operation == .getRunStatus { path += "?runCounter=1" }
                    let body: String? = route.method == "POST" ? try Self.validBody(route.operation) : nil
                    let answer = try await send(
                        route.method, path, port: port, body: body,
                        headers: ["Prefer": "code=\(status)", "Content-Type": "application/json"])
                    #expect(answer.status == status, "\(route.operation) \(status)")
                    answered += 1
                }
            }
            #expect(answered == 38)
            // Through the client: a documented error comes back as the typed error carrying the fixture.
            let notFound = try Fixtures.GetRun.notFound.decoded()
            await #expect(throws: GetRunError.notFound(.decoded(notFound))) {
                try await api.getRun(runID: 1, options: RequestOptions(headers: ["Prefer": "code=404"]))
            }
            // A status the operation does not document: 400 with the reason, in the shape getRun documents for 400.
            let undocumented = try await send("GET", "/api/v1/runs/1", port: port, headers: ["Prefer": "code=418"])
            #expect(undocumented.status == 400)
            let reason = (undocumented.json["error"] as? [String: Any])?["errorString"] as? String
            #expect(reason?.contains("418") == true)
        }
    }

    /// Every documented status per operation, read from the spec through the generated fixtures' routes.
    static let documented: [String: [Int]] = [
        "listRuns": [200, 400, 401, 403, 500, 502, 503, 504],
        "getRun": [200, 400, 401, 403, 404, 500, 502, 503, 504],
        "listRunResults": [200, 400, 401, 403, 404, 500, 502, 503, 504],
        "startRun": [200, 400, 401],
        "rerun": [200, 400, 401],
        "getRunStatus": [200, 400, 401],
        "cancelRun": [204, 400, 401],
    ]

    static func validBody(_ operation: OperationID) throws -> String {
        let encoder = JSONEncoder()
        switch operation {
        case .startRun:
            return String(
                decoding: try encoder.encode(StartRunRequest(runDetails: .init(environmentID: "1"))), as: UTF8.self)
        case .rerun:
            return String(
                decoding: try encoder.encode(
                    RerunRequest(runDetails: .init(runID: "1"), userCredentials: JobUserCredentials())),
                as: UTF8.self)
        default:
            return String(decoding: try encoder.encode(CancelRunRequest(runID: 1)), as: UTF8.self)
        }
    }
}

@Suite struct VaporTests {
    @Test("the Vapor adapter serves the spec's paths and passes the application's own routes on")
    func vapor() async throws {
        let server = try await VaporServer(
            try RunsService(), authenticator: TokenAuthenticator(token: "secret"), port: 0)
        do {
            let api = client(port: server.port)
            let first = try Fixtures.GetRun.ok.decoded()
            #expect(try await api.getRun(runID: first.id) == first)
            let started = try await api.startRun(body: StartRunRequest(runDetails: .init(environmentID: "env-2")))
            #expect(try await api.getRunStatus(runCounter: try #require(started.runCounter)).runStatus == .running)
            let wrongMethod = try await send("DELETE", "/api/v1/runs/1", port: server.port)
            #expect(wrongMethod.status == 405)
            let health = try await send("GET", "/health", port: server.port)
            #expect(health.status == 200)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }
}
