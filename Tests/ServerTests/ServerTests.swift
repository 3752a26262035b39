import Foundation
import Testing

@testable import RunsServerAPI

/// Whoever calls: a bearer token for `bearerAuth`.
let authorized = ["Authorization": "Bearer token"]

func request(
    _ method: String, _ target: String, headers: [String: String] = authorized, body: String? = nil
) -> HTTPRequest {
    HTTPRequest(
        method: method, url: URL(string: "https://app.coalescesoftware.io" + target)!, headers: headers,
        body: body.map { Data($0.utf8) })
}

/// The problem document of an answer.
func problem(_ response: HTTPResponse) throws -> [String: JSONValue] {
    #expect(response.header("Content-Type") == "application/problem+json")
    guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: response.body) else {
        throw CocoaError(.coderReadCorrupt)
    }
    return members
}

/// The refusal of a request in the shape api/runs.yaml documents for its status (`ErrorResponse`, as JSON): the
/// error string, which carries the problem's detail.
func refusal(_ response: HTTPResponse) throws -> String {
    #expect(response.header("Content-Type") == "application/json")
    guard case .object(let body) = try JSONDecoder().decode(JSONValue.self, from: response.body),
        case .object(let error)? = body["error"], case .string(let text)? = error["errorString"]
    else { throw CocoaError(.coderReadCorrupt) }
    return text
}

/// Records the inputs it gets and answers from the mock.
final class Recorder: APIHandler, @unchecked Sendable {
    let lock = NSLock()
    var inputs: [any Sendable] = []
    let mock = MockHandler()
    /// Whether refusals are answered in the spec's error shape (the default requirement's), or left to the
    /// router's problem documents (by throwing).
    let mapsRefusals: Bool

    init(mapsRefusals: Bool = true) { self.mapsRefusals = mapsRefusals }

    func errorResponse(for problem: RequestError, operation: OperationID) throws -> ErrorResponse {
        guard mapsRefusals else { throw problem }
        return try mock.errorResponse(for: problem, operation: operation)
    }

    func record(_ input: any Sendable) { lock.withLock { inputs.append(input) } }
    var last: (any Sendable)? { lock.withLock { inputs.last } }

    func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Response {
        record(input)
        return try await mock.listRuns(input)
    }
    func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Response {
        record(input)
        if input.runID == 13 { throw CocoaError(.fileReadNoPermission, userInfo: ["secret": "do not leak"]) }
        return try await mock.getRun(input)
    }
    func listRunResults(_ input: Operations.ListRunResults.Input) async throws -> Operations.ListRunResults.Response {
        record(input)
        return try await mock.listRunResults(input)
    }
    func startRun(_ input: Operations.StartRun.Input) async throws -> Operations.StartRun.Response {
        record(input)
        return try await mock.startRun(input)
    }
    func rerun(_ input: Operations.Rerun.Input) async throws -> Operations.Rerun.Response {
        record(input)
        return try await mock.rerun(input)
    }
    func getRunStatus(_ input: Operations.GetRunStatus.Input) async throws -> Operations.GetRunStatus.Response {
        record(input)
        return try await mock.getRunStatus(input)
    }
    func cancelRun(_ input: Operations.CancelRun.Input) async throws -> Operations.CancelRun.Response {
        record(input)
        return try await mock.cancelRun(input)
    }
}

@Suite struct RouterTests {
    let recorder = Recorder()
    var router: APIRouter<Recorder> { APIRouter(handler: recorder, authenticator: AnyPresentCredential()) }

    @Test("a request is routed to its operation with its parameters decoded")
    func routes() async throws {
        let response = await router.respond(
            to: request("GET", "/api/v1/runs?limit=5&orderBy=runStartTime&runStatus=failed&detail=true"))
        #expect(response.statusCode == 200)
        let input = try #require(recorder.last as? Operations.ListRuns.Input)
        #expect(input == Operations.ListRuns.Input(limit: 5, orderBy: .runStartTime, runStatus: .failed, detail: true))
        _ = await router.respond(to: request("GET", "/api/v1/runs/42/results"))
        #expect(recorder.last as? Operations.ListRunResults.Input == Operations.ListRunResults.Input(runID: 42))
    }

    @Test(
        "a value the spec forbids is 400 naming the parameter, the rule and the bound; the handler never sees it",
        arguments: [
            ("limit=5000", "limit", "maximum", "5000 is greater than the maximum 1000"),
            ("limit=-3", "limit", "minimum", "-3 is less than the minimum 0"),
            ("startingFrom=-1", "startingFrom", "minimum", "-1 is less than the minimum 0"),
            ("orderByDirection=sideways", "orderByDirection", "enum", "'sideways' is not one of 'asc', 'desc'"),
            ("runStatus=bogus", "runStatus", "enum", "'bogus' is not one of 'canceled', 'completed', 'failed'"),
        ])
    func forbiddenValues(query: String, parameter: String, rule: String, detail: String) async throws {
        let response = await router.respond(to: request("GET", "/api/v1/runs?" + query))
        #expect(response.statusCode == 400)
        // In the shape the spec documents for 400 (`ErrorResponse`), the detail as its error string.
        let text = try refusal(response)
        #expect(text.hasPrefix("parameter '\(parameter)' (query): " + detail), "\(text)")
        // Without a documented shape (a handler that maps nothing, here by throwing), the problem document names
        // the parameter, where it is and the rule.
        let plain = await APIRouter(handler: Recorder(mapsRefusals: false), authenticator: AnyPresentCredential())
            .respond(to: request("GET", "/api/v1/runs?" + query))
        let problem = try problem(plain)
        #expect(problem["parameter"] == .string(parameter))
        #expect(problem["location"] == .string("query"))
        #expect(problem["rule"] == .string(rule))
        #expect(recorder.last == nil)
        // Values inside the rules still reach the handler, a date for startingFrom included.
        for allowed in [
            "limit=1000", "limit=0", "startingFrom=0", "startingFrom=2024-01-01T00:00:00Z", "orderByDirection=asc",
        ] {
            #expect(await router.respond(to: request("GET", "/api/v1/runs?" + allowed)).statusCode == 200, "\(allowed)")
        }
    }

    @Test("a body that breaks its schema's rules is 400 with the coding path and the rule")
    func forbiddenBodyValues() async throws {
        let json = ["Content-Type": "application/json"].merging(authorized) { $1 }
        let response = await router.respond(
            to: request(
                "POST", "/scheduler/startRun", headers: json,
                body: #"{"runDetails":{"environmentID":"7"},"userCredentials":{"snowflakeAuthType":"Magic"}}"#))
        #expect(response.statusCode == 400)
        #expect(
            try refusal(response)
                == "the body breaks a rule of its schema: at 'userCredentials.snowflakeAuthType': 'Magic' is not one "
                + "of 'Basic', 'KeyPair', 'OAuth'")
        #expect(recorder.last == nil)
    }

    @Test("no route is 404, another method of a known path is 405 with Allow")
    func notFoundAndMethod() async throws {
        let missing = await router.respond(to: request("GET", "/api/v1/nothing"))
        #expect(missing.statusCode == 404)
        #expect(try problem(missing)["title"] == .string("Not Found"))
        let method = await router.respond(to: request("PUT", "/api/v1/runs/1"))
        #expect(method.statusCode == 405)
        #expect(method.header("Allow") == "GET")
        #expect(recorder.last == nil)
    }

    @Test("a parameter that does not decode, or a missing one, is 400 naming it")
    func badParameters() async throws {
        let path = await router.respond(to: request("GET", "/api/v1/runs/abc"))
        #expect(path.statusCode == 400)
        #expect(try refusal(path).hasPrefix("parameter 'runID' (path): "))
        let query = await router.respond(to: request("GET", "/api/v1/runs?limit=many"))
        #expect(try refusal(query).hasPrefix("parameter 'limit' (query): "))
        let missing = await router.respond(to: request("GET", "/scheduler/runStatus"))
        #expect(missing.statusCode == 400)
        #expect(try refusal(missing) == "required parameter 'runCounter' (query) is missing")
        #expect(recorder.last == nil)
    }

    @Test("a body that does not decode is 400 with its coding path; a missing required body is 400")
    func badBodies() async throws {
        let json = ["Content-Type": "application/json"].merging(authorized) { $1 }
        let wrongType = await router.respond(
            to: request("POST", "/scheduler/startRun", headers: json, body: #"{"runDetails":{"environmentID":7}}"#))
        #expect(wrongType.statusCode == 400)
        #expect(try refusal(wrongType).contains("runDetails.environmentID"))
        let missingKey = await router.respond(
            to: request("POST", "/scheduler/startRun", headers: json, body: #"{"runDetails":{}}"#))
        #expect(try refusal(missingKey).contains("'environmentID'"))
        let notJSON = await router.respond(to: request("POST", "/scheduler/startRun", headers: json, body: "{"))
        #expect(notJSON.statusCode == 400)
        let none = await router.respond(to: request("POST", "/scheduler/startRun", headers: json))
        #expect(none.statusCode == 400)
        #expect(try refusal(none) == "the request body is required")
        #expect(recorder.last == nil)
    }

    @Test("a body of another media type is 415; an Accept that allows no answer is 406")
    func mediaTypes() async throws {
        let form = ["Content-Type": "text/plain"].merging(authorized) { $1 }
        let unsupported = await router.respond(to: request("POST", "/scheduler/cancelRun", headers: form, body: "1"))
        #expect(unsupported.statusCode == 415)
        let html = ["Accept": "text/html"].merging(authorized) { $1 }
        #expect(await router.respond(to: request("GET", "/api/v1/runs/1", headers: html)).statusCode == 406)
        for accept in ["application/*", "*/*", "text/html, application/json;q=0.5", "application/json; charset=utf-8"] {
            let headers = ["Accept": accept].merging(authorized) { $1 }
            #expect(await router.respond(to: request("GET", "/api/v1/runs/1", headers: headers)).statusCode == 200)
        }
        let refused = ["Accept": "application/json;q=0"].merging(authorized) { $1 }
        #expect(await router.respond(to: request("GET", "/api/v1/runs/1", headers: refused)).statusCode == 406)
    }

    @Test("without the credentials the operation requires: 401 with a challenge; the authenticator sees each")
    func security() async throws {
        let anonymous = await router.respond(to: request("GET", "/api/v1/runs/1", headers: [:]))
        #expect(anonymous.statusCode == 401)
        #expect(anonymous.header("WWW-Authenticate") == "Bearer")
        #expect(recorder.last == nil)

        struct OnlyToken: APIAuthenticator {
            func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool {
                if case .bearer("good") = credential.value { return operation == .getRun }
                return false
            }
        }
        let checked = APIRouter(handler: recorder, authenticator: OnlyToken())
        let good = ["Authorization": "Bearer good"]
        #expect(await checked.respond(to: request("GET", "/api/v1/runs/1", headers: good)).statusCode == 200)
        #expect(await checked.respond(to: request("GET", "/api/v1/runs", headers: good)).statusCode == 401)
        let bad = await checked.respond(to: request("GET", "/api/v1/runs/1", headers: ["Authorization": "Bearer bad"]))
        #expect(bad.statusCode == 401)
        // A credential's description never shows the secret.
        let credential = Credential(scheme: "bearerAuth", value: .bearer("s3cret"))
        #expect(!"\(credential)".contains("s3cret"))
        #expect(!String(reflecting: credential).contains("s3cret"))
    }

    @Test("an error the handler throws is 500 without its description; onError gets it")
    func handlerError() async throws {
        let seen = Recorder()
        let router = APIRouter(handler: recorder, authenticator: AnyPresentCredential()) { error, request in
            seen.record("\(request.operation): \(error)")
        }
        let response = await router.respond(to: request("GET", "/api/v1/runs/13"))
        #expect(response.statusCode == 500)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("leak"))
        #expect((seen.last as? String)?.hasPrefix("getRun: ") == true)
    }

    /// GitHub's `markdown/render` types its answer's `Content-Type` header: what the handler sets is sent.
    @Test("an answer's typed headers are sent; a typed Content-Type wins over the spec's media type")
    func answerHeaders() throws {
        let json = try ResponseEncoding.json(
            200, ["a": 1], contentType: "application/json", headers: ["X-Rate-Limit": "5"])
        #expect(json.head.headers == ["Content-Type": "application/json", "X-Rate-Limit": "5"])
        let html = ResponseEncoding.bytes(
            200, ByteStream(Data("<p>".utf8)), contentType: "text/html",
            headers: ["content-type": "text/html; charset=utf-8"])
        #expect(html.head.headers == ["content-type": "text/html; charset=utf-8"])
    }

    @Test("the base path is removed before matching")
    func basePath() async throws {
        let router = APIRouter(handler: recorder, authenticator: AnyPresentCredential(), basePath: "/v2")
        #expect(await router.respond(to: request("GET", "/v2/api/v1/runs/1")).statusCode == 200)
        #expect(await router.respond(to: request("GET", "/api/v1/runs/1")).statusCode == 404)
        #expect(router.hasRoute(forPath: "/v2/api/v1/runs/7/results"))
        #expect(!router.hasRoute(forPath: "/v2/health"))
    }

    @Test("the client calls the handler in-process through the router: every documented status of every operation")
    func mockThroughClient() async throws {
        let client = Client(
            authentication: .bearerAuth(token: "t"),
            transport: APIRouter(handler: MockHandler(), authenticator: AnyPresentCredential()), retryPolicy: .none)
        #expect(try await client.getRun(runID: 1) == Fixtures.GetRun.ok.decoded())
        let prefer = { (code: Int) in RequestOptions(headers: ["Prefer": "code=\(code)"]) }
        await #expect(throws: GetRunError.notFound(.decoded(try Fixtures.GetRun.notFound.decoded()))) {
            try await client.getRun(runID: 1, options: prefer(404))
        }
        await #expect(
            throws: GetRunStatusError.unauthorized(.decoded(try Fixtures.GetRunStatus.unauthorized.decoded()))
        ) {
            try await client.getRunStatus(runCounter: 1, options: prefer(401))
        }
        // Per operation, without a header.
        let configured = Client(
            authentication: .bearerAuth(token: "t"),
            transport: APIRouter(
                handler: MockHandler(statuses: [.listRunResults: 503]), authenticator: AnyPresentCredential()),
            retryPolicy: .none)
        await #expect(
            throws: ListRunResultsError.serviceUnavailable(
                .decoded(try Fixtures.ListRunResults.serviceUnavailable.decoded()))
        ) {
            try await configured.listRunResults(runID: 1)
        }
        // A status the operation does not document: 400 with the reason, in the error shape getRun documents for 400.
        do {
            _ = try await client.getRun(runID: 1, options: prefer(418))
            Issue.record("Prefer: code=418 was answered")
        } catch GetRunError.badRequest(.decoded(let body)) {
            #expect(body.error.errorString == "getRun documents no response with status 418")
        }
    }
}

@Suite struct RouteTableTests {
    struct Nobody: APIAuthenticator {
        func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool { false }
    }

    func table(_ routes: [ServerRoute], basePath: String = "") -> RouteTable {
        RouteTable(routes: routes, basePath: basePath, schemes: [:], authenticator: Nobody()) { _, _ in }
    }

    /// What `table` answers: 200 plus the index of the route it dispatched to, or its error status.
    func status(_ table: RouteTable, _ method: String, _ path: String) async -> Int {
        await table.respond(to: request(method, path)) { index, _ in
            StreamedResponse(HTTPResponse(statusCode: 200 + index))
        }.head.statusCode
    }

    /// Which route answers each path: literal segments win over variables, a variable can sit inside a segment.
    @Test("literal segments take precedence over variables; percent-encoded paths match their decoded literal")
    func precedence() async throws {
        let table = RouteTable(
            routes: [
                ServerRoute(.getRun, method: "GET", template: "/items/{id}"),
                ServerRoute(.listRuns, method: "GET", template: "/items/mine"),
                ServerRoute(.listRunResults, method: "GET", template: "/files/{name}.json"),
                ServerRoute(.rerun, method: "GET", template: "/a b/{x}"),
            ],
            basePath: "", schemes: [:], authenticator: Nobody()
        ) { _, _ in }
        func route(_ path: String) async throws -> String {
            let response = try await table.respond(to: request("GET", path)) { index, request in
                StreamedResponse(
                    HTTPResponse(
                        statusCode: 200,
                        body: Data("\(index) \(request.pathParameters.sorted { $0.key < $1.key })".utf8)))
            }.collected(upTo: .max)
            return response.statusCode == 200
                ? String(decoding: response.body, as: UTF8.self) : "\(response.statusCode)"
        }
        #expect(try await route("/items/mine") == "1 []")
        #expect(try await route("/items/7") == #"0 [(key: "id", value: "7")]"#)
        #expect(try await route("/items/a%2Fb") == #"0 [(key: "id", value: "a%2Fb")]"#)
        #expect(try await route("/files/report.json") == #"2 [(key: "name", value: "report")]"#)
        #expect(try await route("/files/report.xml") == "404")
        #expect(try await route("/a%20b/1") == #"3 [(key: "x", value: "1")]"#)
        #expect(try await route("/items") == "404")
        #expect(try await route("/items/7/more") == "404")
    }

    @Test("an operation with a server of its own is matched below that server's path, the others below the base path")
    func ownServer() async throws {
        let table = table(
            [
                ServerRoute(.getRun, method: "GET", template: "/items/{id}"),
                ServerRoute(.startRun, method: "POST", template: "/uploads", basePath: ""),
            ],
            basePath: "/v2")
        func status(_ method: String, _ path: String) async -> Int { await self.status(table, method, path) }
        #expect(await status("GET", "/v2/items/1") == 200)
        #expect(await status("POST", "/uploads") == 201)
        #expect(await status("GET", "/uploads") == 405)
        #expect(await status("POST", "/v2/uploads") == 404)
        #expect(await status("GET", "/items/1") == 404)
        #expect(table.hasRoute(forPath: "/uploads") && table.hasRoute(forPath: "/v2/items/3"))
    }

    @Test("a request's path and query are read from its URL as URLComponents reads them, still percent-encoded")
    func target() throws {
        for text in [
            "https://h/a/b?x=1&y=%20#f", "https://h", "https://h?x=1", "https://h:8080/a%2Fb/c?", "/runs/1?x=a%7Cb",
            "http://localhost/p%5B0%5D?q%5Ba%5D=1", "https://user@h/a#only",
        ] {
            let url = try #require(URL(string: text))
            let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
            let read = RouteTable.target(of: url)
            #expect(read.path == components.percentEncodedPath, "\(text)")
            #expect(read.query == components.percentEncodedQuery, "\(text)")
        }
    }

    /// OpenAI's spec has both `/responses` and `/responses?beta=true` as path keys, with the same methods.
    @Test("a path key with a fixed query answers only requests carrying those items, before the same path without")
    func fixedQuery() async throws {
        let table = table([
            ServerRoute(.getRun, method: "POST", template: "/responses"),
            ServerRoute(.startRun, method: "POST", template: "/responses?beta=true"),
            ServerRoute(.rerun, method: "GET", template: "/responses/{id}?beta=true&v=a%20b"),
        ])
        func status(_ method: String, _ path: String) async -> Int { await self.status(table, method, path) }
        #expect(await status("POST", "/responses") == 200)
        #expect(await status("POST", "/responses?beta=true") == 201)
        #expect(await status("POST", "/responses?stream=1&beta=true") == 201)
        #expect(await status("POST", "/responses?beta=false") == 200)
        #expect(await status("GET", "/responses/1?v=a+b&beta=true") == 202)
        #expect(await status("GET", "/responses/1?beta=true") == 404)
        #expect(await status("GET", "/responses") == 405)
        #expect(table.hasRoute(forPath: "/responses/1"))
    }
}

@Suite struct ParameterDecodingTests {
    func served(_ target: String, path: [String: String] = [:], headers: [String: String] = [:]) -> ServerRequest {
        let url = ServerRequest.url(target: target)!
        return ServerRequest(
            http: HTTPRequest(method: "GET", url: url, headers: headers), operation: .getRun, pathParameters: path,
            query: URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery)
    }

    struct Point: Codable, Equatable, Sendable {
        var x: Int
        var label: String?
    }

    @Test("path parameters in every style, with percent-encoded values split only at real delimiters")
    func pathStyles() throws {
        let request = served(
            "/", path: ["s": "a%2Cb", "l": ".3.4", "m": ";m=3;m=4", "o": "x=1,label=a%3Db", "mo": ";x=2;label=z"])
        #expect(
            try request.parameter("s", in: .path, style: .simple, explode: false, shape: .scalar, as: String.self)
                == "a,b")
        #expect(
            try request.parameter("l", in: .path, style: .label, explode: true, shape: .array, as: [Int].self) == [
                3, 4,
            ])
        #expect(
            try request.parameter("m", in: .path, style: .matrix, explode: true, shape: .array, as: [Int].self) == [
                3, 4,
            ])
        #expect(
            try request.parameter("o", in: .path, style: .simple, explode: true, shape: .object, as: Point.self)
                == Point(x: 1, label: "a=b"))
        #expect(
            try request.parameter("mo", in: .path, style: .matrix, explode: true, shape: .object, as: Point.self)
                == Point(x: 2, label: "z"))
    }

    @Test("query parameters: exploded and joined lists, delimited styles, deepObject, exploded objects")
    func queryStyles() throws {
        let request = served(
            "/?ids=1&ids=2&csv=1,2&pipes=1%7C2&spaces=1%202&p[x]=5&p[label]=q&x=9&other=1&when=2024-01-02T03:04:05Z")
        #expect(
            try request.parameter("ids", in: .query, style: .form, explode: true, shape: .array, as: [Int].self) == [
                1, 2,
            ])
        #expect(
            try request.parameter("csv", in: .query, style: .form, explode: false, shape: .array, as: [Int].self) == [
                1, 2,
            ])
        #expect(
            try request.parameter(
                "pipes", in: .query, style: .pipeDelimited, explode: false, shape: .array, as: [Int].self)
                == [1, 2])
        #expect(
            try request.parameter(
                "spaces", in: .query, style: .spaceDelimited, explode: false, shape: .array, as: [Int].self)
                == [1, 2])
        #expect(
            try request.parameter("p", in: .query, style: .deepObject, explode: true, shape: .object, as: Point.self)
                == Point(x: 5, label: "q"))
        let siblings: Set<String> = ["ids", "csv", "pipes", "spaces", "p[x]", "p[label]", "other", "when"]
        #expect(
            try request.parameter(
                "point", in: .query, style: .form, explode: true, shape: .object, as: Point.self, siblings: siblings)
                == Point(x: 9))
        #expect(
            try request.parameter("when", in: .query, style: .form, explode: true, shape: .scalar, as: Date.self)
                == Date(timeIntervalSince1970: 1_704_164_645))
        #expect(
            try request.parameter("pipes", in: .query, style: .form, explode: true, shape: .scalar, as: String.self)
                == "1|2")
        #expect(
            try request.parameter("none", in: .query, style: .form, explode: true, shape: .scalar, as: Int.self) == nil)
    }

    @Test("headers and cookies")
    func headersAndCookies() throws {
        let request = served(
            "/", headers: ["x-ids": "1, 2", "X-Point": "x=3,label=b", "Cookie": "session=abc; ids=4,5; enc=a%20b"])
        #expect(
            try request.parameter("X-Ids", in: .header, style: .simple, explode: false, shape: .array, as: [Int].self)
                == [1, 2])
        #expect(
            try request.parameter("x-point", in: .header, style: .simple, explode: true, shape: .object, as: Point.self)
                == Point(x: 3, label: "b"))
        #expect(
            try request.parameter("ids", in: .cookie, style: .form, explode: false, shape: .array, as: [Int].self) == [
                4, 5,
            ])
        #expect(
            try request.parameter("enc", in: .cookie, style: .form, explode: false, shape: .scalar, as: String.self)
                == "a b")
    }

    struct Upload: Codable, Equatable, Sendable {
        var name: String
        var count: Int
        var tags: [String]?
        var file: Data?
        var meta: Point?
        var sdp: String?
    }

    @Test("form and multipart bodies decode into the model, files as bytes")
    func bodies() throws {
        func body(_ text: Data, contentType: String) -> ServerRequest {
            ServerRequest(
                http: HTTPRequest(
                    method: "POST", url: URL(string: "https://h/")!, headers: ["Content-Type": contentType], body: text),
                operation: .startRun, pathParameters: [:], query: nil)
        }
        let form = body(
            Data("name=a+b&count=2&tags=x&tags=y%26z&meta=%7B%22x%22%3A1%7D".utf8),
            contentType: "application/x-www-form-urlencoded")
        #expect(
            try form.body(Upload.self, formats: [("application/x-www-form-urlencoded", .form(fields: [:]))])
                == Upload(name: "a b", count: 2, tags: ["x", "y&z"], meta: Point(x: 1)))
        let bytes = Data([0, 1, 2, 255])
        var multipart = Data()
        for (name, value, file) in [
            ("name", Data("n".utf8), false), ("count", Data("3".utf8), false),
            ("tags", Data("t1".utf8), false), ("tags", Data("t2".utf8), false),
            ("file", bytes, true),
        ] {
            multipart += Data(
                "--B\r\nContent-Disposition: form-data; name=\"\(name)\"\(file ? "; filename=\"f\"" : "")\r\n\r\n".utf8)
            multipart += value + Data("\r\n".utf8)
        }
        // A text member sent with a content type that is not text, and with a file name: still its text.
        multipart += Data(
            "--B\r\nContent-Disposition: form-data; name=\"sdp\"; filename=\"offer.sdp\"\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"
                .utf8)
        multipart += Data(
            "--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"x\":4,\"label\":\"m\"}\r\n--B--\r\n"
                .utf8)
        let decoded = try body(multipart, contentType: "multipart/form-data; boundary=B").body(
            Upload.self, formats: [("multipart/form-data", .multipart(binaryFields: ["file"]))])
        #expect(
            decoded
                == Upload(
                    name: "n", count: 3, tags: ["t1", "t2"], file: bytes, meta: Point(x: 4, label: "m"), sdp: "v=0"))
        // Wrong content for a field: 400 naming it.
        #expect(throws: RequestError.self) {
            try body(Data("name=a&count=two".utf8), contentType: "application/x-www-form-urlencoded").body(
                Upload.self, formats: [("application/x-www-form-urlencoded", .form(fields: [:]))])
        }
    }
}
