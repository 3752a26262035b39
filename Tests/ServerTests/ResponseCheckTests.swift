import Foundation
import Testing

@testable import RunsServerAPI

/// Answers as a buggy handler would: what the mock answers, with one thing the spec does not allow.
struct Faulty: APIHandler {
    let mock = MockHandler()

    func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Response {
        guard case .ok(var body) = try await mock.listRuns(input) else { throw CocoaError(.featureUnsupported) }
        // An open enum's unknown case: a client decodes it, the spec does not allow it.
        body.orderByDirection = .unknown("sideways")
        return .ok(body)
    }
    func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Response {
        .undocumented(HTTPResponse(statusCode: 418, headers: [:], body: Data()))
    }
    func listRunResults(_ input: Operations.ListRunResults.Input) async throws -> Operations.ListRunResults.Response {
        .undocumented(
            HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/json"], body: Data("{oops".utf8)))
    }
    func startRun(_ input: Operations.StartRun.Input) async throws -> Operations.StartRun.Response {
        try await mock.startRun(input)
    }
    func rerun(_ input: Operations.Rerun.Input) async throws -> Operations.Rerun.Response {
        try await mock.rerun(input)
    }
    func getRunStatus(_ input: Operations.GetRunStatus.Input) async throws -> Operations.GetRunStatus.Response {
        .undocumented(
            HTTPResponse(statusCode: 200, headers: ["Content-Type": "text/plain"], body: Data("running".utf8)))
    }
    func cancelRun(_ input: Operations.CancelRun.Input) async throws -> Operations.CancelRun.Response {
        .undocumented(HTTPResponse(statusCode: 204, headers: [:], body: Data("gone".utf8)))
    }
}

@Suite struct ResponseCheckTests {
    let checking = APIRouter(handler: Faulty(), authenticator: AnyPresentCredential(), checksResponses: true)

    /// The detail of the 500 that replaces an answer breaking the spec.
    func violation(_ method: String, _ target: String, body: String? = nil) async throws -> String {
        let headers = body == nil ? authorized : authorized.merging(["Content-Type": "application/json"]) { a, _ in a }
        let response = await checking.respond(to: request(method, target, headers: headers, body: body))
        #expect(response.statusCode == 500)
        guard case .string(let detail)? = try problem(response)["detail"] else { return "" }
        return detail
    }

    @Test("an answer outside the spec's enum is 500 naming the coding path and the rule")
    func enumeration() async throws {
        let detail = try await violation("GET", "/api/v1/runs")
        #expect(detail.hasPrefix("the handler's answer breaks the spec: the 200 body breaks its schema"))
        #expect(detail.contains("'orderByDirection'"))
        #expect(detail.contains("'sideways'"))
    }

    @Test("an undocumented status, a body where none is documented, another media type, or a body that is not JSON")
    func shapes() async throws {
        #expect(try await violation("GET", "/api/v1/runs/1").contains("status 418 is not documented"))
        #expect(
            try await violation("POST", "/scheduler/cancelRun", body: "{}").contains("204 documents no body"))
        #expect(
            try await violation("GET", "/scheduler/runStatus?runCounter=1")
                .contains("200 is documented as application/json, but the answer is text/plain"))
        #expect(try await violation("GET", "/api/v1/runs/1/results").contains("the 200 body is not JSON"))
    }

    @Test("without checksResponses the answer goes out as the handler gave it; the mock's answers pass the checks")
    func offByDefault() async throws {
        let plain = APIRouter(handler: Faulty(), authenticator: AnyPresentCredential())
        #expect(await plain.respond(to: request("GET", "/api/v1/runs/1")).statusCode == 418)
        let mock = APIRouter(handler: MockHandler(), authenticator: AnyPresentCredential(), checksResponses: true)
        for target in ["/api/v1/runs", "/api/v1/runs/1", "/api/v1/runs/1/results", "/scheduler/runStatus?runCounter=1"]
        {
            for code in [200, 400, 401] {
                let headers = authorized.merging(["Prefer": "code=\(code)"]) { first, _ in first }
                let response = await mock.respond(to: request("GET", target, headers: headers))
                #expect(
                    response.statusCode == code, "\(target) \(code): \(String(decoding: response.body, as: UTF8.self))")
            }
        }
    }
}
