import Foundation
import Testing

/// The exerciser's table of decoded types, which Scripts/conformance.py feeds values from an independent JSON Schema
/// generator, and the coding it checks.
@Suite struct ConformanceTableTests {
    static let spec = #"""
        openapi: 3.0.3
        info: {title: Table, version: '1'}
        paths:
          /things/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            put:
              operationId: putThing
              requestBody:
                content:
                  application/merge-patch+json: {schema: {$ref: '#/components/schemas/Thing'}}
              responses:
                '200':
                  description: the thing
                  content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
                4XX:
                  description: a problem
                  content: {application/problem+json: {schema: {type: object, properties: {title: {type: string}}}}}
                '204': {description: nothing}
        components:
          schemas:
            Thing:
              type: object
              required: [id, note, seen, when]
              properties:
                id: {type: string, readOnly: true}
                note: {type: string, nullable: true}
                seen: {type: array, nullable: true, items: {type: string, format: date-time}}
                when: {type: string, format: date-time, nullable: true}
                size: {type: integer}
            Maybe: {type: string, nullable: true}
        """#

    /// Each component schema and JSON body has a key; values decode and encode back (a request without read-only
    /// members), a required member's null kept.
    @Test("the decoded types' table: a key per schema and body, values decoded and encoded back")
    func table() throws {
        let dir = try generateToDisk(Self.spec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation
        for key in Exerciser.decodedTypeKeys { print(key, Exerciser.decodedType(key).map { String(describing: $0) } ?? "-") }
        let values = [
            ("schema #/components/schemas/Thing", #"{"id":"t","note":null,"seen":null,"when":null}"#),
            ("schema #/components/schemas/Thing", #"{"id":"t","note":"n","seen":["2020-01-01T00:00:00Z"],"when":"2020-01-01T01:00:00+01:00","size":3}"#),
            ("request PUT /things/{id} application/merge-patch+json", #"{"id":"t","note":null,"seen":[],"when":null}"#),
            ("schema #/components/schemas/Maybe", "null"),
            ("schema #/components/schemas/Thing", #"{"id":"t","note":5,"seen":null,"when":null}"#),
            ("schema #/nowhere", "{}"),
        ]
        for (key, json) in values {
            do {
                print(String(decoding: try Exerciser.reencode(key, Data(json.utf8)), as: UTF8.self))
            } catch {
                print("error")
            }
        }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Table", "-o", "table"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(
            try runProgram("table", in: dir) == #"""
                schema #/components/schemas/Thing Thing
                schema #/components/schemas/Maybe Optional<String>
                request PUT /things/{id} application/merge-patch+json Thing
                response PUT /things/{id} 200 application/json Thing
                response PUT /things/{id} 4XX application/problem+json Status4XXBody
                {"id":"t","note":null,"seen":null,"when":null}
                {"id":"t","note":"n","seen":["2020-01-01T00:00:00Z"],"size":3,"when":"2020-01-01T00:00:00Z"}
                {"note":null,"seen":[],"when":null}
                null
                error
                error

                """#)
    }
}
