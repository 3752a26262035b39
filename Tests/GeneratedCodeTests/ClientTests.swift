import Foundation
import RunsAPI
import Testing

/// Records the requests a client sends and answers through another transport.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    let next: any HTTPTransport

    init(next: any HTTPTransport = ReplayTransport()) { self.next = next }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return try await next.send(request)
    }
}

@Suite struct ClientTests {
    @Test("getRun returns the run for 200")
    func ok() async throws {
        let client = Client(transport: ReplayTransport())
        let run = try await client.getRun(runID: 0)
        #expect(run == (try Fixtures.GetRun.ok.decoded()))
    }

    @Test(
        "each documented error status throws the typed error with the decoded body",
        arguments: [400, 401, 403, 404, 500, 502, 503, 504])
    func documentedErrors(status: Int) async throws {
        let client = Client(transport: ReplayTransport(statuses: [.getRun: status]))
        let expectedBody = ErrorBody.decoded(
            ErrorResponse(error: ErrorModel(errorString: "string", errorDetail: "string")))
        do {
            _ = try await client.getRun(runID: 1)
            Issue.record("expected an error for \(status)")
        } catch let error as GetRunError {
            #expect(error.statusCode == status)
            let expected: GetRunError =
                switch status {
                case 400: .badRequest(expectedBody)
                case 401: .unauthorized(expectedBody)
                case 403: .forbidden(expectedBody)
                case 404: .notFound(expectedBody)
                case 500: .internalServerError(expectedBody)
                case 502: .badGateway(expectedBody)
                case 503: .serviceUnavailable(expectedBody)
                default: .gatewayTimeout(expectedBody)
                }
            #expect(error == expected)
        }
    }

    @Test("an undocumented status is an error with the status and the raw body")
    func undocumentedStatus() async throws {
        let response = HTTPResponse(statusCode: 418, body: Data("teapot".utf8))
        let client = Client(transport: ReplayTransport(overrides: [.getRun: response]))
        await #expect {
            _ = try await client.getRun(runID: 1)
        } throws: { error in
            guard case APIError.unexpectedStatus(418, let body) = error else { return false }
            return body == Data("teapot".utf8)
        }
    }

    @Test("a documented error status whose body is empty or HTML still throws its typed case, with the raw body")
    func undecodableErrorBodies() async throws {
        let html = HTTPResponse(
            statusCode: 502, headers: ["Content-Type": "text/html"], body: Data("<html>Bad Gateway</html>".utf8))
        await #expect(throws: GetRunError.badGateway(.undecoded(html.body))) {
            _ = try await Client(transport: ReplayTransport(overrides: [.getRun: html])).getRun(runID: 1)
        }
        let empty = HTTPResponse(statusCode: 401)
        await #expect(throws: GetRunError.unauthorized(.undecoded(Data()))) {
            _ = try await Client(transport: ReplayTransport(overrides: [.getRun: empty])).getRun(runID: 1)
        }
        #expect(GetRunError.unauthorized(.undecoded(Data())).statusCode == 401)
    }

    @Test("a success body that is not the documented JSON is an error with the status, raw body and failing path")
    func invalidBody() async throws {
        let missingField = HTTPResponse(
            statusCode: 200,
            body: Data(
                #"{"id": 1, "runDetails": {"environmentID": "e"}, "runStatus": "running", "runType": "deploy"}"#.utf8))
        let client2 = Client(transport: ReplayTransport(overrides: [.getRun: missingField]))
        await #expect {
            _ = try await client2.getRun(runID: 1)
        } throws: { error in
            guard case APIError.invalidResponseBody(200, _, let path, let reason) = error else { return false }
            return path == "runTimeParameters" && reason.contains("runTimeParameters")
        }
    }

    @Test("a runID that looks like a path arrives as one encoded segment")
    func pathInjection() async throws {
        // runID is an integer in the spec; a string path parameter goes through the same encoder.
        #expect(PathEncoding.segment("../admin?x=1#y") == "..%2Fadmin%3Fx%3D1%23y")
        #expect(PathEncoding.segment("..") == "%2E%2E")
        #expect(PathEncoding.segment("ä b") == "%C3%A4%20b")
        let transport = RecordingTransport()
        let client = Client(serverURL: URL(string: "https://api.example.com/base/")!, transport: transport)
        _ = try await client.getRun(runID: -5)
        let url = try #require(transport.requests.first?.url)
        #expect(url.absoluteString == "https://api.example.com/base/api/v1/runs/-5")
        let components = try #require(
            URLComponents(
                url: URL(string: "https://h/api/v1/runs/" + PathEncoding.segment("../admin?x=1#y"))!,
                resolvingAgainstBaseURL: false))
        #expect(components.percentEncodedPath == "/api/v1/runs/..%2Fadmin%3Fx%3D1%23y")
        #expect(components.query == nil)
        #expect(components.fragment == nil)
    }

    @Test("the bearer token is sent and never printed")
    func bearerToken() async throws {
        let transport = RecordingTransport()
        let client = Client(authentication: .bearerAuth(token: "s3cret"), transport: transport)
        _ = try await client.getRun(runID: 3)
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == "Bearer s3cret")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["User-Agent"] == "CoalesceRunsAPI/1.0.0 (generated by gen)")
        #expect(request.method == "GET")
        #expect(!request.description.contains("s3cret"))
        #expect(!request.debugDescription.contains("s3cret"))
        #expect(request.debugDescription.contains("Authorization: <redacted>"))
    }

    @Test("a token provider is asked before each request")
    func tokenProvider() async throws {
        let transport = RecordingTransport()
        let counter = Counter()
        let client = Client(
            authentication: .bearerAuth(tokenProvider: { "token-\(counter.next())" }), transport: transport)
        _ = try await client.getRun(runID: 1)
        _ = try await client.getRun(runID: 2)
        #expect(transport.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
    }

    @Test("servers are the documented hosts, and an SSO subdomain can be put in front")
    func servers() {
        #expect(Servers.usPrimary.absoluteString == "https://app.coalescesoftware.io")
        #expect(Servers.europePrimaryEuropeWest3.absoluteString == "https://app.eu.coalescesoftware.io")
        #expect(
            Servers.ssoSubdomain(subdomain: "abcompany", host: "app.eu.coalescesoftware.io")?.absoluteString
                == "https://abcompany.app.eu.coalescesoftware.io")
    }

    @Test("a transport failure is wrapped with the underlying error")
    func transportFailure() async {
        struct Down: Error {}
        struct FailingTransport: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw Down() }
        }
        await #expect {
            _ = try await Client(transport: FailingTransport()).getRun(runID: 1)
        } throws: { error in
            guard case APIError.transport(let underlying) = error else { return false }
            return underlying is Down
        }
    }

    @Test("ReplayTransport matches operations by method and path template")
    func replayRouting() throws {
        let get = HTTPRequest(method: "GET", url: URL(string: "https://h/api/v1/runs/42")!)
        #expect(ReplayTransport.operation(for: get) == .getRun)
        let post = HTTPRequest(method: "POST", url: URL(string: "https://h/api/v1/runs/42")!)
        #expect(ReplayTransport.operation(for: post) == nil)
        let list = HTTPRequest(method: "GET", url: URL(string: "https://h/api/v1/runs?limit=2")!)
        #expect(ReplayTransport.operation(for: list) == .listRuns)
        let other = HTTPRequest(method: "GET", url: URL(string: "https://h/api/v2/runs/1")!)
        #expect(ReplayTransport.operation(for: other) == nil)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
