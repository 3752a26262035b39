import Foundation
import Generator
import SwiftEmitter
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

    @Test("a discriminator value two alternatives allow (one through allOf) selects the first that decodes")
    func sharedValues() throws {
        let dir = try generateToDisk(sharedValueSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            (#"""
        import Foundation
        for json in [#"{"type":"message","role":"user","id":"m1"}"#, #"{"type":"message","role":"assistant","text":"hi"}"#,
                     #"{"type":"function_call","name":"f"}"#, #"{"type":"InputMessageResource","role":"user","id":"m2"}"#,
                     #"{"type":"message","role":"user"}"#, #"{"type":"other"}"#] {
            do {
                switch try JSONDecoder().decode(ItemResource.self, from: Data(json.utf8)) {
                case .inputMessageResource(let message): print("input", message.id)
                case .outputMessage(let message): print("output", message.text)
                case .functionCall(let call): print("call", call.name)
                }
            } catch {
                print("rejected", json)
            }
        }
        // A choice among choices: what selects an alternative of ItemResource selects ItemResource.
        for json in [#"{"type":"function_call","name":"g"}"#, #"{"type":"message","text":"easy"}"#,
                     #"{"type":"ItemResource","name":"h"}"#] {
            switch try? JSONDecoder().decode(InputItem.self, from: Data(json.utf8)) {
            case .easyMessage(let message)?: print("easy", message.text)
            case .itemResource(let item)?: print("item", item)
            case nil: print("rejected", json)
            }
        }
        """# + "\n" + exerciserMain).write(
            to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Items", "-o", "items"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("items", in: dir)
        // The fixture of the 200 answer (checked by the exerciser) is an input message with `type: message`, the
        // value its schema allows, not its name.
        #expect(
            output == """
                input m1
                output hi
                call f
                input m2
                rejected {"type":"message","role":"user"}
                rejected {"type":"other"}
                item functionCall(Items.FunctionCall(type: Items.FunctionCallType.functionCall, name: "g"))
                easy easy
                rejected {"type":"ItemResource","name":"h"}
                exerciser: 1 operations, 2 responses checked, 0 failures

                """)
        let fixtures = try String(contentsOf: dir.appendingPathComponent("Fixtures.swift"), encoding: .utf8)
        #expect(fixtures.contains(#""type": "message""#))
        #expect(!fixtures.contains(#""type": "InputMessageResource""#))
    }

    @Test("an example of the second alternative a shared value selects is valid, and it is the fixture")
    func sharedValueExample() throws {
        let spec = sharedValueSpec.replacingOccurrences(
            of: "content: {application/json: {schema: {$ref: '#/components/schemas/ItemResource'}}}",
            with: "content: {application/json: {schema: {$ref: '#/components/schemas/ItemResource'}, "
                + "example: {type: message, role: assistant, text: hi}}}")
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(specText: spec, specPath: "t.yaml", templates: templates)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let fixture = try #require(result.files.first { $0.path == "Fixtures/getItem/200.json" }?.contents)
        #expect(fixture.contains(#""text" : "hi""#) || fixture.contains(#""text": "hi""#), "\(fixture)")
    }
}

private let sharedValueSpec = """
    openapi: 3.1.0
    info: {title: Items, version: '1'}
    paths:
      /items/{id}:
        get:
          operationId: getItem
          parameters:
            - {name: id, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: the item
              content: {application/json: {schema: {$ref: '#/components/schemas/ItemResource'}}}
    components:
      schemas:
        ItemResource:
          discriminator: {propertyName: type}
          oneOf:
            - $ref: '#/components/schemas/InputMessageResource'
            - $ref: '#/components/schemas/OutputMessage'
            - $ref: '#/components/schemas/FunctionCall'
        InputMessage:
          type: object
          required: [type, role]
          properties:
            type: {type: string, enum: [message]}
            role: {type: string, enum: [user, system]}
        InputMessageResource:
          allOf:
            - $ref: '#/components/schemas/InputMessage'
            - type: object
              required: [id]
              properties:
                id: {type: string}
        OutputMessage:
          type: object
          required: [type, role, text]
          properties:
            type: {type: string, enum: [message]}
            role: {type: string, enum: [assistant]}
            text: {type: string}
        FunctionCall:
          type: object
          required: [type, name]
          properties:
            type: {$ref: '#/components/schemas/FunctionCallType'}
            name: {type: string}
        FunctionCallType: {type: string, enum: [function_call]}
        EasyMessage:
          type: object
          required: [type, text]
          properties:
            type: {type: string, enum: [message]}
            text: {type: string}
        InputItem:
          discriminator: {propertyName: type}
          oneOf:
            - $ref: '#/components/schemas/EasyMessage'
            - $ref: '#/components/schemas/ItemResource'
    """

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
