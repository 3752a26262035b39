import Foundation
import Testing

/// A `oneOf` with a discriminator whose alternatives are inline objects (OpenAI's turn detection): each is selected
/// by the values its own discriminator property allows (`const`/`enum`), since it has no name to be selected by.
@Suite struct InlineDiscriminatorTests {
    @Test("inline alternatives are selected by their discriminator property's const or enum")
    func inlineAlternatives() throws {
        let dir = try generateToDisk(inlineDiscriminatorSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            (#"""
        import Foundation
        for json in [#"{"type":"server_vad","threshold":0.5}"#, #"{"type":"semantic_vad","eagerness":"high"}"#,
                     #"{"type":"manual"}"#, #"{"type":"other"}"#] {
            do {
                switch try JSONDecoder().decode(TurnDetection.self, from: Data(json.utf8)) {
                case .value1(let vad): print("server", vad.threshold ?? -1)
                case .value2(let vad): print("semantic", vad.eagerness ?? "-")
                }
            } catch {
                print("rejected", json)
            }
        }
        """# + "\n" + exerciserMain).write(
            to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Turns", "-o", "turns"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("turns", in: dir)
        #expect(
            output == """
                server 0.5
                semantic high
                semantic -
                rejected {"type":"other"}
                exerciser: 1 operations, 2 responses checked, 0 failures

                """)
    }
}

private let inlineDiscriminatorSpec = """
    openapi: 3.1.0
    info: {title: Turns, version: '1'}
    paths:
      /turns:
        post:
          operationId: setTurnDetection
          requestBody:
            required: true
            content: {application/json: {schema: {$ref: '#/components/schemas/TurnDetection'}}}
          responses:
            '200':
              description: the detection in force
              content: {application/json: {schema: {$ref: '#/components/schemas/TurnDetection'}}}
    components:
      schemas:
        TurnDetection:
          discriminator: {propertyName: type}
          oneOf:
            - type: object
              title: Server VAD
              required: [type]
              properties:
                type: {type: string, const: server_vad}
                threshold: {type: number}
            - type: object
              title: Semantic VAD
              required: [type]
              properties:
                type: {type: string, enum: [semantic_vad, manual]}
                eagerness: {type: string}
    """
