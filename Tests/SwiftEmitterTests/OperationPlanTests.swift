import APIModel
import Diagnostics
import ExampleValues
import Foundation
import Generator
import OpenAPIReader
import Testing
import YAMLNodes

@testable import SwiftEmitter
@testable import SwiftPlanning

/// Plans, the naming pass and the outcomes they decide, checked as values; then the generated code is run.
@Suite struct OperationPlanTests {
    func plans(_ yaml: String) throws -> (plans: [OperationPlan], models: String) {
        let sink = DiagnosticCollector()
        let root = try #require(YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink))
        let document = try #require(OpenAPIReader.read(root, file: "t.yaml", diagnostics: sink))
        let types = TypeBuilder(document: document, diagnostics: sink)
        _ = types.componentTypes()
        let plans = OperationPlanner(document: document, types: types, diagnostics: sink).planOperations().plans
        #expect(sink.sorted.isEmpty, "\(sink.sorted)")
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let files = SwiftEmitter.emit(document, specName: "t.yaml", templates: templates, diagnostics: sink)
        let models = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) }).models ?? ""
        return (plans, models)
    }

    @Test("an inline response schema is named once and its 200 returns the decoded body")
    func inlineResponseSchema() throws {
        let (plans, models) = try plans(inlineResponseSpec)
        let body = SwiftType.named("OkBody", qualifier: "Operations.GetThing.")
        #expect(plans[0].returns == .value(.json(body)))
        #expect(plans[0].responses.map(\.outcome) == [.returnBody(.json(body))])
        #expect(models.components(separatedBy: "public struct OkBody").count == 2, "declared exactly once")
        #expect(!models.contains("OkBody2"))
    }

    @Test("differing successes return an Output enum; documented errors throw typed cases with their bodies")
    func outcomes() throws {
        let plans = try Dictionary(uniqueKeysWithValues: plans(outcomesSpec).plans.map { ($0.name, $0) })
        let makeThing = try #require(plans["makeThing"])
        let findThing = try #require(plans["findThing"])
        let upload = try #require(plans["upload"])
        let listShapes = try #require(plans["listShapes"])
        let thing = SwiftType.named("Thing")
        let problem = SwiftType.named("Problem")
        #expect(makeThing.returns == .choice(enumName: "Output"))
        #expect(
            makeThing.responses.map(\.outcome) == [
                .returnCase(caseName: "ok", body: .json(thing)),
                .returnCase(caseName: "accepted", body: .bytes),
                .returnCase(caseName: "noContent", body: .none),
                .throwDocumented(caseName: "notFound", body: .json(problem), carriesStatus: false),
                .throwDocumented(caseName: "status5XX", body: .bytes, carriesStatus: true),
                .throwDocumented(caseName: "other", body: .none, carriesStatus: true),
            ])
        #expect(makeThing.errorTypeName == "MakeThingError")
        // A body and no body: the body is optional.
        #expect(findThing.returns == .optionalValue(.json(thing)))
        #expect(findThing.responses.map(\.outcome) == [.returnBody(.json(thing)), .returnNil])
        // Only statuses without content: nothing to return.
        #expect(upload.returns == .nothing)
        #expect(
            upload.body
                == BodyPlan(
                    encoding: .raw(contentType: "application/octet-stream"), type: .data,
                    isRequired: true, schema: nil))
        // The same $ref on two statuses is one return type.
        #expect(listShapes.returns == .value(.json(thing)))
        #expect(
            listShapes.responses.last?.outcome
                == .throwDocumented(caseName: "status4XX", body: .json(problem), carriesStatus: true))
    }

    @Test(
        "the outcomes spec's generated client passes its exerciser (empty and HTML error bodies, and paths with literal text around variables or characters that are percent-encoded, included)"
    )
    func outcomesExercised() throws {
        let dir = try generateToDisk(outcomesSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try exerciserMain.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Outcomes", "-o", "outcomes"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(build.output.isEmpty, "\(build.output)")
        let output = try runProgram("outcomes", in: dir)
        #expect(output.hasSuffix("exerciser: 6 operations, 25 responses checked, 0 failures\n"), "\(output)")
    }

    @Test("an example that contradicts its schema is reported at the example, and the fixture is built from the schema")
    func contradictoryExample() throws {
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(specText: contradictoryExampleSpec, specPath: "t.yaml", templates: templates)
        #expect(
            result.diagnostics.map(\.description) == [
                "t.yaml:15:26: warning: example 'fetch' of response 200 of 'getPrice' does not match its schema "
                    + "(at 'items[1].price': expected a number, found a string); the fixture is built from the schema instead",
                "t.yaml:17:26: warning: example 'second' of response 200 of 'getPrice' does not match its schema "
                    + "(required property 'items' is missing); the fixture is built from the schema instead",
            ])
        let fixture = try #require(result.files.first { $0.path == "Fixtures/getPrice/200.json" }?.contents)
        #expect(fixture.filter { !$0.isWhitespace } == #"{"items":[{"price":0.0,"currency":"string"}]}"#, "\(fixture)")
        let fixtures = try #require(result.files.first { $0.path == "Fixtures.swift" }?.contents)
        #expect(!fixtures.contains("okSecond"), "a further example that does not decode gets no fixture")
    }

    @Test("a required property that refers to a nullable component is optional, and null validates")
    func requiredNullableReference() throws {
        let yaml = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                NullableTeam: {type: object, nullable: true, properties: {id: {type: integer}}}
                Team:
                  type: object
                  required: [parent]
                  properties: {parent: {$ref: '#/components/schemas/NullableTeam'}}
            """
        let (_, models) = try plans(yaml)
        #expect(models.contains("public var parent: NullableTeam?\n"), "\(models)")
        let sink = DiagnosticCollector()
        let document = try #require(
            YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink).flatMap {
                OpenAPIReader.read($0, file: "t.yaml", diagnostics: sink)
            })
        let schemas = Dictionary(uniqueKeysWithValues: document.schemas.map { ($0.name, $0.schema) })
        #expect(
            ExampleValidator(schemas: schemas).mismatch(.object([JSONMember("parent", .null)]), schemas["Team"]!) == nil
        )
    }

    @Test("the validator decides as the models decode")
    func validator() {
        let validator = ExampleValidator(schemas: [:])
        let location = SourceLocation(file: "t.yaml", line: 1, column: 1)
        func schema(_ kind: Schema.Kind, nullable: Bool = false) -> Schema {
            Schema(kind: kind, isNullable: nullable, location: location, specPath: "#")
        }
        #expect(validator.mismatch(.string("2024-01-01T00:00:00.5+02:00"), schema(.string(format: "date-time"))) == nil)
        #expect(
            validator.mismatch(.string("2024-01-01"), schema(.string(format: "date-time")))
                == "'2024-01-01' is not an RFC 3339 date-time")
        #expect(
            validator.mismatch(.number(1.5), schema(.integer(format: "int32"))) == "expected an integer, found a number"
        )
        #expect(validator.mismatch(.integer(1), schema(.number(format: nil))) == nil)
        #expect(
            validator.mismatch(
                .string("x"),
                schema(.oneOf([schema(.integer(format: nil)), schema(.string(format: nil))], discriminator: nil)))
                == nil)
        let object = schema(
            .object(
                ObjectSchema(properties: [
                    Property(name: "a", schema: schema(.string(format: nil)), isRequired: true, location: location),
                    Property(
                        name: "b", schema: schema(.string(format: nil), nullable: true), isRequired: true,
                        location: location),
                ])))
        #expect(validator.mismatch(.object([JSONMember("a", .string("x")), JSONMember("b", .null)]), object) == nil)
        #expect(
            validator.mismatch(.object([JSONMember("a", .null)]), object) == "at 'a': expected a string, found null")
        #expect(
            validator.mismatch(.object([JSONMember("b", .string("y"))]), object) == "required property 'a' is missing")
        #expect(
            validator.mismatch(
                .array([.string("x"), .integer(1)]), schema(.array(items: schema(.string(format: nil)))))
                == "at '[1]': expected a string, found an integer")
    }

    @Test("a oneOf listing a schema twice with a discriminator mapping: one case per target, the mapping's keys decode")
    func duplicatedOneOfWithMapping() throws {
        let dir = try generateToDisk(nodeSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = try #require(generatedFiles(in: dir).models)
        #expect(
            models.contains(
                """
                        case "BaseNode": self = .baseNode(try decodeValue(BaseNode.self, from: decoder))
                        case "Source", "sourceNode": self = .sourceNode(try decodeValue(SourceNode.self, from: decoder))
                        case "View": self = .viewNode(try decodeValue(ViewNode.self, from: decoder))
                """), "\(models)")
        try #"""
        import Foundation
        for json in [#"{"nodeType":"Source","name":"a","table":"t"}"#, #"{"nodeType":"sourceNode","name":"b","table":"u"}"#,
                     #"{"nodeType":"View","name":"c","sql":"select"}"#, #"{"nodeType":"BaseNode","name":"d"}"#] {
            switch try JSONDecoder().decode(Node.self, from: Data(json.utf8)) {
            case .baseNode(let node): print("base", node.name)
            case .sourceNode(let node): print("source", node.name, node.table)
            case .viewNode(let node): print("view", node.name, node.sql)
            }
        }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Nodes", "-o", "nodes"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(build.output.isEmpty, "no duplicate case patterns: \(build.output)")
        #expect(try runProgram("nodes", in: dir) == "source a t\nsource b u\nview c select\nbase d\n")
    }

    @Test("models code their dates as RFC 3339 without changing how the module's other types code dates")
    func datesLeaveOtherTypesAlone() throws {
        let dir = try generateToDisk(datesSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation
        struct Mine: Codable { var at: Date; var all: [Date] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let mine = try decoder.decode(Mine.self, from: Data(#"{"at":86400,"all":[0]}"#.utf8))
        print(mine.at.timeIntervalSince1970, mine.all)
        let event = try decoder.decode(Event.self, from: Data(#"{"at":"1970-01-02T00:00:00Z","all":["1970-01-01T00:00:01Z"],"byName":{"a":"1970-01-01T00:00:02Z"}}"#.utf8))
        print(event.at.timeIntervalSince1970, event.all?.first?.timeIntervalSince1970 ?? -1, event.byName?["a"]?.timeIntervalSince1970 ?? -1)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        print(String(decoding: try encoder.encode(mine), as: UTF8.self))
        print(String(decoding: try encoder.encode(event), as: UTF8.self))
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Dates", "-o", "dates"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(
            try runProgram("dates", in: dir) == """
                86400.0 [1970-01-01 00:00:00 +0000]
                86400.0 1.0 2.0
                {"all":[0],"at":86400}
                {"all":["1970-01-01T00:00:01Z"],"at":"1970-01-02T00:00:00Z","byName":{"a":"1970-01-01T00:00:02Z"}}

                """)
    }

    @Test("an inline type beside a component of its name takes its parent's name, not a number")
    func inlineNamesTakeTheParentsName() throws {
        let (_, models) = try plans(namesSpec)
        #expect(models.contains("public var details: Details?\n"), "the component itself")
        #expect(models.contains("public var runDetails: StartRequestRunDetails\n"))
        #expect(models.contains("public struct StartRequestRunDetails: Codable"))
        #expect(models.contains("public var data: ListResponseData\n"))
        #expect(!models.contains("Details2") && !models.contains("Data2"))
    }

    @Test("composites of objects are not parameter values; composites of simple values are, without casts")
    func parameterValueConformance() throws {
        let (_, models) = try plans(outcomesSpec)
        #expect(!models.contains("as Any as?"))
        #expect(models.contains("public enum IDOrName: Codable, Equatable, Sendable, ParameterValue {"))
        #expect(models.contains("public enum Shape: Codable, Equatable, Sendable {"))
    }
}

let inlineResponseSpec = #"""
    openapi: 3.0.3
    info: {title: Probe, version: "1"}
    paths:
      /things/{id}:
        get:
          operationId: getThing
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          responses:
            "200":
              description: ok
              content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}}}}}
    """#

let outcomesSpec = #"""
    openapi: 3.0.3
    info: {title: Outcomes, version: "1"}
    paths:
      /things/{key}:
        post:
          operationId: makeThing
          parameters:
            - {name: key, in: path, required: true, schema: {$ref: '#/components/schemas/IDOrName'}}
            - {name: at, in: query, required: true, schema: {type: string, format: date-time}}
          requestBody:
            required: true
            content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
          responses:
            "200": {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            "202": {description: queued, content: {text/plain: {schema: {type: string}}}}
            "204": {description: nothing to do}
            "404": {description: no such thing, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}
            "5XX": {description: server trouble, content: {text/plain: {schema: {type: string}}}}
            default: {description: anything else}
        get:
          operationId: findThing
          deprecated: true
          parameters:
            - {name: key, in: path, required: true, schema: {type: string}}
            - {name: fields, in: query, schema: {type: array, items: {type: string}}}
          responses:
            "200": {description: found, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            "204": {description: not there}
      /uploads:
        put:
          operationId: upload
          requestBody: {required: true, content: {application/octet-stream: {schema: {type: string, format: binary}}}}
          responses:
            "201": {description: stored}
            "401": {description: who are you}
      /files/{name}.{extension}:
        get:
          operationId: getFile
          parameters:
            - {name: name, in: path, required: true, schema: {type: string}}
            - {name: extension, in: path, required: true, schema: {type: string}}
          responses:
            "200": {description: the file's record, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
      /<upload_url>:
        put:
          operationId: uploadToURL
          responses:
            "200": {description: uploaded}
      /shapes:
        get:
          operationId: listShapes
          responses:
            "200": {description: shapes, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            "203": {description: cached shapes, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            "4XX": {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
    components:
      schemas:
        IDOrName:
          oneOf: [{type: integer}, {type: string}]
        Shape:
          oneOf:
            - {type: object, required: [radius], properties: {radius: {type: number}}}
            - {type: object, required: [side], properties: {side: {type: number}}}
        Thing:
          type: object
          required: [name]
          properties:
            name: {type: string}
            made: {type: string, format: date-time}
            shape: {$ref: '#/components/schemas/Shape'}
        Problem:
          type: object
          required: [title]
          properties: {title: {type: string}, status: {type: integer}}
    """#

let nodeSpec = #"""
    openapi: 3.1.0
    info: {title: Nodes, version: "1"}
    paths: {}
    components:
      schemas:
        Node:
          oneOf:
            - $ref: '#/components/schemas/BaseNode'
            - $ref: '#/components/schemas/BaseNode'
          discriminator:
            propertyName: nodeType
            mapping:
              Source: '#/components/schemas/SourceNode'
              sourceNode: '#/components/schemas/SourceNode'
              View: '#/components/schemas/ViewNode'
        BaseNode:
          type: object
          required: [nodeType, name]
          properties: {nodeType: {type: string}, name: {type: string}}
        SourceNode:
          allOf:
            - $ref: '#/components/schemas/BaseNode'
            - {type: object, required: [table], properties: {table: {type: string}}}
        ViewNode:
          allOf:
            - $ref: '#/components/schemas/BaseNode'
            - {type: object, required: [sql], properties: {sql: {type: string}}}
    """#

let datesSpec = #"""
    openapi: 3.0.3
    info: {title: Dates, version: "1"}
    paths: {}
    components:
      schemas:
        Event:
          type: object
          required: [at]
          properties:
            at: {type: string, format: date-time}
            all: {type: array, items: {type: string, format: date-time}}
            byName: {type: object, additionalProperties: {type: string, format: date-time}}
    """#

let namesSpec = #"""
    openapi: 3.0.3
    info: {title: Names, version: "1"}
    paths: {}
    components:
      schemas:
        Details:
          type: object
          properties: {id: {type: integer}}
        RunDetails:
          type: object
          properties: {id: {type: integer}}
        StartRequest:
          type: object
          required: [runDetails]
          properties:
            details: {$ref: '#/components/schemas/Details'}
            runDetails: {type: object, properties: {environmentID: {type: string}}}
        ListResponse:
          type: object
          required: [data]
          properties:
            data: {anyOf: [{type: array, items: {$ref: '#/components/schemas/Details'}}, {type: array, items: {type: string}}]}
    """#

let contradictoryExampleSpec = #"""
    openapi: 3.0.3
    info: {title: Prices, version: "1"}
    paths:
      /price:
        get:
          operationId: getPrice
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Prices'}
                  examples:
                    fetch:
                      value: {items: [{price: 1.5, currency: USD}, {price: "-0.200", currency: USD}]}
                    second:
                      value: {prices: []}
    components:
      schemas:
        Prices:
          type: object
          required: [items]
          properties:
            items:
              type: array
              items: {type: object, required: [price], properties: {price: {type: number}, currency: {type: string}}}
    """#
