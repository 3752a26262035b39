import Foundation
import SwiftEmitter
import SwiftPlanning
import Testing

/// List items and map values whose schema allows `null` (GitHub's `classifications: [null]`, a gist's
/// `files: {"x": null}`), found by Scripts/conformance.sh: they decode into optional elements and encode back as
/// `null`; a query parameter's list of them is sent with an empty value for `nil`; the server side reads them too.
@Suite struct NullableElementsTests {
    @Test("nullable list items and map values round-trip as null, on the client and through the router")
    func nullableElements() throws {
        var options = EmitOptions()
        options.exerciser = true
        options.server = true
        let dir = try generateToDisk(nullableElementsSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            (#"""
        import Foundation
        let json = #"{"labels":["a",null],"files":{"x":null,"y":{"size":1}},"counts":[[1,null]]}"#
        let alert = try JSONDecoder().decode(Alert.self, from: Data(json.utf8))
        print(alert.labels ?? [], alert.files?["x"] as Any, alert.files?["y"]??.size as Any, alert.counts ?? [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        print(String(decoding: try encoder.encode(alert), as: UTF8.self))
        """# + "\n" + exerciserMain).write(
            to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Alerts", "-o", "alerts"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("alerts", in: dir)
        #expect(
            output.hasPrefix(
                """
                [Optional("a"), nil] Optional(nil) Optional(1) [[Optional(1), nil]]
                {"counts":[[1,null]],"files":{"x":null,"y":{"size":1}},"labels":["a",null]}

                """), "\(output)")
        #expect(output.contains(", 0 failures"), "\(output)")
    }
}

private let nullableElementsSpec = """
    openapi: 3.1.0
    info: {title: Alerts, version: '1'}
    paths:
      /alerts:
        get:
          operationId: listAlerts
          parameters:
            - name: labels
              in: query
              schema: {type: array, items: {type: [string, 'null']}}
          responses:
            '200':
              description: the alerts
              content: {application/json: {schema: {$ref: '#/components/schemas/Alert'}}}
    components:
      schemas:
        Alert:
          type: object
          properties:
            labels: {type: array, items: {type: [string, 'null']}}
            files:
              type: object
              additionalProperties:
                anyOf:
                  - $ref: '#/components/schemas/File'
                  - type: 'null'
            counts:
              type: array
              items: {type: array, items: {type: integer, nullable: true}}
        File:
          type: object
          properties:
            size: {type: integer}
    """
