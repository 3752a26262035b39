import Foundation
import Testing

@testable import GenRuntime

/// Routing, and the answers to what reaches no operation: the problem documents a generated server sends.
@Suite struct RouteTableTests {
    private static let routes = [
        ServerRoute(
            OperationID(rawValue: "listRuns"), method: "GET", template: "/runs", produces: ["application/json"]),
        ServerRoute(OperationID(rawValue: "getRun"), method: "GET", template: "/runs/{id}"),
        ServerRoute(OperationID(rawValue: "latestRun"), method: "GET", template: "/runs/latest"),
        ServerRoute(OperationID(rawValue: "deleteRun"), method: "DELETE", template: "/runs/{id}"),
        ServerRoute(
            OperationID(rawValue: "createRun"), method: "POST", template: "/runs", consumes: ["application/json"],
            requiresBody: true),
        ServerRoute(OperationID(rawValue: "file"), method: "GET", template: "/files/{name}.{ext}"),
        ServerRoute(
            OperationID(rawValue: "secret"), method: "GET", template: "/secret", security: [["apiKey"]]),
    ]

    /// What each request was routed to: the operation and its path parameters.
    private final class Calls: @unchecked Sendable {
        var seen: [(operation: String, path: [String: String])] = []
        var errors: [String] = []
    }

    private func table(_ calls: Calls) -> RouteTable {
        RouteTable(
            routes: Self.routes, basePath: "/api/v1", schemes: ["apiKey": .apiKey(name: "X-Key", in: .header)],
            authenticator: AnyPresentCredential(), onError: { error, _ in calls.errors.append("\(error)") })
    }

    private func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil,
        to table: RouteTable, _ calls: Calls, handler: @escaping @Sendable () throws -> Void = {}
    ) async -> HTTPResponse {
        let request = HTTPRequest(
            method: method, url: URL(string: "http://localhost" + path)!, headers: headers, body: body)
        let answer = await table.respond(to: request) { index, served in
            calls.seen.append((Self.routes[index].operation.rawValue, served.pathParameters))
            try handler()
            return StreamedResponse(HTTPResponse(statusCode: 200, headers: [:], body: Data()))
        }
        return (try? await answer.collected(upTo: .max)) ?? HTTPResponse(statusCode: 0)
    }

    private func problem(_ response: HTTPResponse) throws -> [String: JSONValue] {
        #expect(response.header("Content-Type") == "application/problem+json")
        guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: response.body) else {
            Issue.record("not an object")
            return [:]
        }
        return members
    }

    @Test func aLiteralSegmentWinsOverAVariable() async {
        let calls = Calls()
        let table = table(calls)
        _ = await send("GET", "/api/v1/runs/latest", to: table, calls)
        _ = await send("GET", "/api/v1/runs/42", to: table, calls)
        _ = await send("GET", "/api/v1/files/report.pdf", to: table, calls)
        #expect(calls.seen.map(\.operation) == ["latestRun", "getRun", "file"])
        #expect(calls.seen[1].path == ["id": "42"])
        #expect(calls.seen[2].path == ["name": "report", "ext": "pdf"])
    }

    @Test func anUnknownPathIs404AndAnotherMethodIs405WithAllow() async throws {
        let calls = Calls()
        let table = table(calls)
        let missing = await send("GET", "/api/v1/nothing", to: table, calls)
        #expect(missing.statusCode == 404)
        #expect(try problem(missing)["title"] == .string("Not Found"))
        let wrongMethod = await send("PATCH", "/api/v1/runs/1", to: table, calls)
        #expect(wrongMethod.statusCode == 405)
        #expect(wrongMethod.header("Allow") == "DELETE, GET")
        let outsideBase = await send("GET", "/runs", to: table, calls)
        #expect(outsideBase.statusCode == 404)
        #expect(calls.seen.isEmpty)
    }

    @Test func mediaTypesAndCredentialsAreCheckedBeforeTheHandler() async throws {
        let calls = Calls()
        let table = table(calls)
        let wrongType = await send(
            "POST", "/api/v1/runs", headers: ["Content-Type": "text/plain"], body: Data("x".utf8), to: table, calls)
        #expect(wrongType.statusCode == 415)
        let notAcceptable = await send("GET", "/api/v1/runs", headers: ["Accept": "text/csv"], to: table, calls)
        #expect(notAcceptable.statusCode == 406)
        let anonymous = await send("GET", "/api/v1/secret", to: table, calls)
        #expect(anonymous.statusCode == 401)
        #expect(try problem(anonymous)["status"] == .integer(401))
        #expect(calls.seen.isEmpty)
        let withKey = await send("GET", "/api/v1/secret", headers: ["X-Key": "k"], to: table, calls)
        #expect(withKey.statusCode == 200)
        #expect(calls.seen.map(\.operation) == ["secret"])
    }

    @Test func aHandlersErrorIs500WithoutItsDescription() async throws {
        struct Leak: Error, CustomStringConvertible { var description: String { "password=hunter2" } }
        let calls = Calls()
        let table = table(calls)
        let response = await send("GET", "/api/v1/runs", to: table, calls) { throw Leak() }
        #expect(response.statusCode == 500)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("hunter2"))
        #expect(calls.errors == ["password=hunter2"])
    }

    @Test func aRequestErrorThrownByTheHandlerIsAnsweredAsItSays() async throws {
        let calls = Calls()
        let table = table(calls)
        let response = await send("GET", "/api/v1/runs", to: table, calls) {
            throw RequestError(
                status: 400, detail: "limit is too large", parameter: "limit", location: .query, codingPath: "limit")
        }
        #expect(response.statusCode == 400)
        #expect(
            try problem(response) == [
                "title": .string("Bad Request"), "status": .integer(400), "detail": .string("limit is too large"),
                "parameter": .string("limit"), "location": .string("query"), "codingPath": .string("limit"),
            ])
        #expect(calls.errors.isEmpty)
    }
}
