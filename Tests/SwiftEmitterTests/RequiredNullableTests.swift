import Foundation
import SwiftPlanning
import Testing

/// A required member that may be `null` decodes as `nil` when absent (servers leave such members out), so a
/// composition must not take a value of one alternative for another that merely lacks its required members
/// (GitHub's project card read as an issue, its `content_id` lost); and a request body whose schema allows `null`
/// is read as no body. A member an `allOf` part requires and another part declares nullable is sent as `null`.
private let spec = """
    openapi: 3.0.3
    info: {title: Cards, version: "1"}
    paths:
      /lock:
        put:
          operationId: lock
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Lock'}
          responses:
            '200':
              description: What the lock holds.
              content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
      /unlock:
        put:
          operationId: unlock
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Lock'}
          responses:
            '204': {description: Unlocked.}
    components:
      schemas:
        Lock:
          type: object
          nullable: true
          properties:
            lock_reason: {type: string, enum: [spam, resolved]}
        Issue:
          type: object
          required: [lock_reason]
          properties:
            lock_reason: {type: string, nullable: true}
            title: {type: string}
        Card:
          type: object
          required: [content_id]
          properties:
            content_id: {type: integer, nullable: true}
            note: {type: string}
        Item:
          oneOf:
            - $ref: '#/components/schemas/Issue'
            - $ref: '#/components/schemas/Card'
        Either:
          anyOf:
            - $ref: '#/components/schemas/Issue'
            - $ref: '#/components/schemas/Card'
        IssueEvent:
          type: object
          required: [kind, lock_reason]
          properties:
            kind: {type: string, enum: [changed]}
            lock_reason: {type: string, nullable: true}
        CardEvent:
          type: object
          required: [kind, content_id]
          properties:
            kind: {type: string, enum: [changed]}
            content_id: {type: integer, nullable: true}
        Event:
          oneOf:
            - $ref: '#/components/schemas/IssueEvent'
            - $ref: '#/components/schemas/CardEvent'
          discriminator: {propertyName: kind}
        CodeTool:
          type: object
          required: [type]
          properties:
            type: {type: string, enum: [code_interpreter]}
        FunctionTool:
          type: object
          required: [type]
          properties:
            type: {type: string, enum: [function]}
            function: {type: object, properties: {name: {type: string}}}
        Tool:
          oneOf:
            - $ref: '#/components/schemas/CodeTool'
            - $ref: '#/components/schemas/FunctionTool'
        Record:
          type: object
          properties:
            data: {type: string}
            priority: {type: integer, nullable: true}
            ttl: {type: integer, nullable: true}
        MXRecord:
          allOf:
            - $ref: '#/components/schemas/Record'
            - required: [data, priority]
    """

@Suite("Required members that may be null")
struct RequiredNullableTests {
    @Test(
        """
        a oneOf or anyOf takes the alternatives whose required members are all there; a null body is no body, and \
        nil is sent as null where the body is required
        """)
    func compositionsAndBodies() async throws {
        var options = EmitOptions()
        options.server = true
        let dir = try generateToDisk(spec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func show<T: Codable>(_ type: T.Type, _ json: String) {
            do {
                let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
                let name = String(String(describing: value).prefix { $0 != "(" })
                print(json, "->", name, String(decoding: try encoder.encode(value), as: UTF8.self))
            } catch {
                print(json, "-> refused:", (error as? DecodingError).map { "\($0)".contains("matches none of Issue, Card") } ?? false)
            }
        }
        show(Item.self, #"{"content_id":5,"note":"n"}"#)
        show(Item.self, #"{"lock_reason":null,"title":"t"}"#)
        show(Item.self, #"{"title":"t"}"#)
        show(Item.self, #"[1]"#)
        show(Either.self, #"{"content_id":null,"note":"n"}"#)
        show(Either.self, #"{"content_id":1,"lock_reason":"spam"}"#)
        show(Either.self, #"{"note":"n"}"#)
        show(Event.self, #"{"content_id":2,"kind":"changed"}"#)
        show(Event.self, #"{"kind":"changed","lock_reason":null}"#)
        show(Tool.self, #"{"function":{"name":"f"},"type":"function"}"#)
        show(Tool.self, #"{"type":"code_interpreter"}"#)
        show(Tool.self, #"{"type":"web_search"}"#)
        show(MXRecord.self, #"{"data":"d","priority":null}"#)

        struct Handler: APIHandler {
            func lock(_ input: Operations.Lock.Input) async throws -> Operations.Lock.Response {
                .ok(.issue(Issue(lockReason: input.body.map { $0.lockReason?.rawValue ?? "none" } ?? "no body")))
            }
            func unlock(_ input: Operations.Unlock.Input) async throws -> Operations.Unlock.Response { .noContent }
        }
        let router = APIRouter(handler: Handler(), authenticator: AnyPresentCredential())
        for body in ["null", " null\n", #"{"lock_reason":"spam"}"#, "", #"{"lock_reason":3}"#, "[]"] {
            let request = HTTPRequest(
                method: "PUT", url: URL(string: "https://h/lock")!, headers: ["Content-Type": "application/json"],
                body: body.isEmpty ? nil : Data(body.utf8))
            let response = await router.respond(to: request)
            print("PUT", body.debugDescription, response.statusCode, String(decoding: response.body, as: UTF8.self).prefix(40))
        }
        // The client's nil is `null` where the body is required, else no body.
        let recorded = RecordingTransport()
        let client = Client(serverURL: URL(string: "https://h")!, transport: recorded)
        _ = try? await client.lock(body: nil)
        _ = try? await client.unlock(body: nil)
        print("client nil body:", recorded.bodies.value)

        final class RecordingTransport: HTTPTransport, @unchecked Sendable {
            let bodies = Box()
            final class Box: @unchecked Sendable { var value: [String] = [] }
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                bodies.value.append(request.body.map { String(decoding: $0, as: UTF8.self) } ?? "none")
                return HTTPResponse(statusCode: 200, headers: ["Content-Type": "application/json"], body: Data("{\"lock_reason\":null}".utf8))
            }
        }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Cards", "-o", "cards"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        let output = try runProgram("cards", in: dir)
        #expect(
            output == #"""
                {"content_id":5,"note":"n"} -> card {"content_id":5,"note":"n"}
                {"lock_reason":null,"title":"t"} -> issue {"lock_reason":null,"title":"t"}
                {"title":"t"} -> issue {"lock_reason":null,"title":"t"}
                [1] -> refused: true
                {"content_id":null,"note":"n"} -> Either {"content_id":null,"note":"n"}
                {"content_id":1,"lock_reason":"spam"} -> Either {"content_id":1,"lock_reason":"spam"}
                {"note":"n"} -> Either {"content_id":null,"lock_reason":null,"note":"n"}
                {"content_id":2,"kind":"changed"} -> cardEvent {"content_id":2,"kind":"changed"}
                {"kind":"changed","lock_reason":null} -> issueEvent {"kind":"changed","lock_reason":null}
                {"function":{"name":"f"},"type":"function"} -> functionTool {"function":{"name":"f"},"type":"function"}
                {"type":"code_interpreter"} -> codeTool {"type":"code_interpreter"}
                {"type":"web_search"} -> codeTool {"type":"web_search"}
                {"data":"d","priority":null} -> MXRecord {"data":"d","priority":null}
                PUT "null" 200 {"lock_reason":"no body"}
                PUT " null\n" 200 {"lock_reason":"no body"}
                PUT "{\"lock_reason\":\"spam\"}" 200 {"lock_reason":"spam"}
                PUT "" 200 {"lock_reason":"no body"}
                PUT "{\"lock_reason\":3}" 400 {"codingPath":"lock_reason","detail":"th
                PUT "[]" 400 {"codingPath":"(root)","detail":"the bod
                client nil body: ["null", "none"]

                """#)
    }
}
