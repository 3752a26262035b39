import Foundation
import Testing

/// Vendors write fixed query items into path keys (OpenAI's `/responses?beta=true` beside `/responses`): the client
/// sends them, and `ReplayTransport` tells the two routes apart by them.
@Suite struct FixedQueryTests {
    @Test("a path key with fixed query items is its own route, with its parameters' query added after them")
    func fixedQueryItems() throws {
        let dir = try generateToDisk(fixedQuerySpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            (#"""
        import Foundation
        final class Capture: HTTPTransport, @unchecked Sendable {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                print(request.method, request.url.absoluteString)
                return HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/json"], body: Data(#"{"beta":true}"#.utf8))
            }
        }
        let client = Client(serverURL: URL(string: "https://h/v1")!, transport: Capture())
        _ = try await client.betaListItems(limit: 5)
        _ = try await client.betaListItems()
        """# + "\n" + exerciserMain).write(
            to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "FixedQuery", "-o", "fixed-query"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("fixed-query", in: dir)
        #expect(
            output == """
                GET https://h/v1/items?beta=true&limit=5
                GET https://h/v1/items?beta=true
                exerciser: 2 operations, 4 responses checked, 0 failures

                """)
    }
}

/// Two routes on one path, told apart by a fixed query item, answering different bodies.
private let fixedQuerySpec = """
    openapi: 3.1.0
    info: {title: Items, version: '1'}
    paths:
      /items:
        get:
          operationId: listItems
          responses:
            '200':
              description: stable
              content: {application/json: {schema: {type: object, required: [stable], properties: {stable: {type: boolean}}}}}
      /items?beta=true:
        get:
          operationId: betaListItems
          parameters:
            - {name: limit, in: query, schema: {type: integer}}
          responses:
            '200':
              description: beta
              content: {application/json: {schema: {type: object, required: [beta], properties: {beta: {type: boolean}}}}}
    """
