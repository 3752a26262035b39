import APIModel
import Diagnostics
import OpenAPIReader
import Testing
import YAMLNodes

/// Reads a spec given as text; returns the document and the sorted diagnostics.
func read(_ yaml: String) -> (APIDocument?, [Diagnostic]) {
    let sink = DiagnosticCollector()
    guard let root = YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink) else { return (nil, sink.sorted) }
    let document = OpenAPIReader.read(root, file: "t.yaml", diagnostics: sink)
    return (document, sink.sorted)
}

func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: "t.yaml", line: line, column: column)
}

let header = """
    openapi: 3.1.0
    info: {title: T, version: '1'}

    """

@Suite struct OpenAPIReaderTests {
    @Test("a requirement naming an undeclared scheme is left out with a warning; with none left, security is inherited")
    func undeclaredSchemes() throws {
        let (document, diagnostics) = read(
            header + """
                security: [{key: []}, {key: [], nope: []}]
                paths:
                  /a:
                    get:
                      security: [{ghost: []}]
                      responses: {'204': {description: ok}}
                  /b:
                    get:
                      security: [{ghost: []}, {}]
                      responses: {'204': {description: ok}}
                  /c:
                    get:
                      security: []
                      responses: {'204': {description: ok}}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-Key}
                """)
        #expect(diagnostics.map(\.severity) == [.warning, .warning, .warning])
        #expect(diagnostics.map(\.location) == [at(3, 33), at(7, 19), at(11, 19)])
        #expect(
            diagnostics.first?.message
                == "security requirement names 'nope', which is not defined in components.securitySchemes; the "
                + "requirement is left out")
        let read = try #require(document)
        #expect(read.security == [SecurityRequirement(schemeNames: ["key"])])
        let operations = read.operations
        #expect(operations[0].security == nil)  // as if not written: the document's requirement applies
        #expect(operations[1].security == [SecurityRequirement(schemeNames: [])])  // optional credentials
        #expect(operations[2].security == [])  // none needed, as written
    }

    @Test("3.1 needs one of paths, components and webhooks: without them, a warning and no operations; 3.0 needs paths")
    func nothingToGenerate() throws {
        let (document, diagnostics) = read("openapi: 3.1.0\ninfo: {title: T, version: '1'}\nservers: [{url: /}]\n")
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(document?.operations.isEmpty == true)
        let (_, old) = read("openapi: 3.0.3\ninfo: {title: T, version: '1'}\n")
        #expect(old.map(\.message) == ["the OpenAPI document is missing the required key 'paths'"])
    }

    @Test("operations, parameters and responses are read in document order with their locations")
    func operations() throws {
        let (document, diagnostics) = read(
            header + """
                paths:
                  /runs/{runID}:
                    parameters:
                      - {name: runID, in: path, required: true, schema: {type: integer}}
                    get:
                      operationId: getRun
                      parameters:
                        - {name: detail, in: query, schema: {type: boolean}}
                      responses:
                        '200': {description: ok}
                        '404': {description: missing}
                        default: {description: other}
                    delete:
                      responses:
                        2XX: {description: gone}
                """)
        #expect(diagnostics.isEmpty)
        let operations = try #require(document?.operations)
        #expect(operations.map(\.method) == [.get, .delete])
        #expect(operations[0].operationID == "getRun")
        #expect(operations[0].parameters.map(\.name) == ["runID", "detail"])
        #expect(operations[0].parameters.map(\.location) == [.path, .query])
        #expect(operations[0].responses.map(\.status) == [.code(200), .code(404), .default])
        #expect(operations[1].responses.map(\.status) == [.range(2)])
        #expect(operations[0].location == at(8, 7))
        #expect(operations[0].specPath == "#/paths/~1runs~1{runID}/get")
    }

    @Test("schemas: types, formats, nullability (3.0 and 3.1), enums, references and compositions")
    func schemas() throws {
        let (document, diagnostics) = read(
            header + """
                paths: {}
                components:
                  schemas:
                    A:
                      type: object
                      required: [id]
                      properties:
                        id: {type: integer, format: int64}
                        when: {type: [string, 'null'], format: date-time}
                        old: {type: string, nullable: true}
                        status: {type: string, enum: [a, b, a, null]}
                        b: {$ref: '#/components/schemas/B'}
                        free: {type: object, additionalProperties: true}
                    B:
                      anyOf:
                        - {$ref: '#/components/schemas/A'}
                        - {type: 'null'}
                        - {type: string}
                """)
        #expect(diagnostics.isEmpty)
        let schemas = try #require(document?.schemas)
        guard case .object(let a) = schemas[0].schema.kind else {
            Issue.record("A is not an object")
            return
        }
        #expect(a.properties.map(\.name) == ["id", "when", "old", "status", "b", "free"])
        #expect(a.properties[0].isRequired && !a.properties[1].isRequired)
        #expect(a.properties[0].schema.kind == .integer(format: "int64"))
        #expect(a.properties[1].schema.kind == .string(format: "date-time") && a.properties[1].schema.isNullable)
        #expect(a.properties[2].schema.isNullable)
        guard case .enumeration(let values) = a.properties[3].schema.kind else {
            Issue.record("no enum")
            return
        }
        #expect(values.values.map(\.raw) == ["a", "b"])
        #expect(a.properties[3].schema.isNullable)
        #expect(a.properties[4].schema.kind == .reference(SchemaReference(name: "B", ref: "#/components/schemas/B")))
        guard case .object(let free) = a.properties[5].schema.kind else {
            Issue.record("free")
            return
        }
        #expect(free.additionalProperties == .any)
        guard case .anyOf(let parts) = schemas[1].schema.kind else {
            Issue.record("B is not anyOf")
            return
        }
        #expect(parts.count == 2)
        #expect(schemas[1].schema.isNullable)
    }

    @Test("local $refs to responses and parameters are followed, and cycles are reported")
    func references() throws {
        let (document, diagnostics) = read(
            header + """
                paths:
                  /x:
                    get:
                      parameters: [{$ref: '#/components/parameters/Limit'}]
                      responses:
                        '400': {$ref: '#/components/responses/Bad'}
                        '500': {$ref: '#/components/responses/Loop'}
                components:
                  parameters:
                    Limit: {name: limit, in: query, schema: {type: integer}}
                  responses:
                    Bad: {description: bad request}
                    Loop: {$ref: '#/components/responses/Loop'}
                """)
        let operation = try #require(document?.operations.first)
        #expect(operation.parameters.map(\.name) == ["limit"])
        #expect(operation.responses.map(\.description) == ["bad request"])
        #expect(diagnostics == [.referenceCycle("#/components/responses/Loop", at: at(15, 18))])
    }

    @Test("mistakes are reported at the offending key or value, all in one run")
    func diagnosticsForMistakes() {
        let (_, diagnostics) = read(
            header + """
                paths:
                  /runs/{runID}:
                    get:
                      operationId: getRun
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: integer}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Nope'}
                  /other:
                    get:
                      operationId: getRun
                      responses: {}
                components:
                  schemas:
                    S:
                      type: object
                      requird: [a]
                      properties:
                        a: {type: strin}
                """)
        #expect(
            diagnostics == [
                .templateVariableWithoutParameter("runID", path: "/runs/{runID}", at: at(4, 3)),
                .pathParameterNotInTemplate("id", path: "/runs/{runID}", at: at(8, 11)),
                .unresolvedReference(
                    "#/components/schemas/Nope", reason: "no schema named 'Nope' in components.schemas",
                    at: at(14, 30)),
                .duplicateOperationID("getRun", at: at(17, 20), firstAt: at(6, 20)),
                .unknownKey("requird", in: "schema '#/components/schemas/S'", suggestion: "required", at: at(23, 7)),
                .wrongType(
                    "'type'", expected: "one of array, boolean, integer, null, number, object, string",
                    found: "'strin'", at: at(25, 19)),
            ])
    }

    @Test("Swagger 2.0, other versions and missing required keys are clear errors")
    func documentErrors() {
        #expect(read("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n").1 == [.swagger2(at: at(1, 10))])
        #expect(read("openapi: 2.5.0\n").1 == [.unsupportedVersion("2.5.0", at: at(1, 10))])
        #expect(
            read("openapi: 3.0.3\npaths: {}\n").1 == [.missingKey("info", in: "the OpenAPI document", at: at(1, 1))])
        #expect(read("- a\n- b\n").1.first?.message.hasPrefix("an OpenAPI document must be a mapping") == true)
    }

    @Test("x- extensions are allowed anywhere; webhooks are ignored with a warning")
    func extensionsAndWebhooks() {
        let (_, diagnostics) = read(
            header + """
                x-internal: true
                paths:
                  x-note: hi
                  /a:
                    x-owner: me
                    get: {x-rate: 5, responses: {'204': {description: none}}}
                webhooks:
                  ping: {}
                """)
        #expect(diagnostics == [.unsupported("'webhooks'", at: at(10, 3))])
    }
}
