import Foundation
import SwiftPlanning
import Testing

/// A list with no items is no field at all in a form or multipart body, so the server reads a required list that
/// has no field as empty: what the generated client sends for `[]` reaches the handler (OpenAI's `images/edits`
/// requires `image`, a list of files).
@Suite("Empty lists in forms and multipart bodies")
struct EmptyListTests {
    @Test("a required list sent empty, as multipart and as a form, reaches the handler; minItems still applies")
    func roundTrip() async throws {
        var options = EmitOptions()
        options.server = true
        let dir = try generateToDisk(
            """
            openapi: 3.0.3
            info: {title: Uploads, version: "1"}
            paths:
              /uploads:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [images, name]
                          properties:
                            images: {type: array, items: {type: string, format: binary}}
                            name: {type: string}
                  responses:
                    '200': {description: Count., content: {application/json: {schema: {type: integer}}}}
              /tags:
                post:
                  operationId: tag
                  requestBody:
                    required: true
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [tags]
                          properties:
                            tags: {type: array, items: {type: string}, minItems: 1}
                  responses:
                    '200': {description: Count., content: {application/json: {schema: {type: integer}}}}
            """, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation

        struct Handler: APIHandler {
            func upload(_ input: Operations.Upload.Input) async throws -> Operations.Upload.Response {
                .ok(input.body.images.count)
            }
            func tag(_ input: Operations.Tag.Input) async throws -> Operations.Tag.Response { .ok(input.body.tags.count) }
        }
        let client = Client(transport: APIRouter(handler: Handler(), authenticator: AnyPresentCredential()))
        print("no images:", try await client.upload(body: .init(images: [], name: "n")))
        print("two images:", try await client.upload(body: .init(images: [Data([1]), Data([2])], name: "n")))
        print("one tag:", try await client.tag(body: .init(tags: ["a"])))
        do {
            _ = try await client.tag(body: .init(tags: []))
        } catch APIError.unexpectedStatus(let status, let body) {
            print("no tags:", status, String(decoding: body, as: UTF8.self).contains("minItems"))
        }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Uploads", "-o", "uploads"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        let output = try runProgram("uploads", in: dir)
        #expect(
            output == """
                no images: 0
                two images: 2
                one tag: 1
                no tags: 400 true

                """)
    }
}
