import Foundation
import Generator
import SwiftEmitter
import SwiftPlanning
import Testing

/// Generates Swift from `spec` (with `Exerciser.swift` when `exerciser` is set, or with `options`), writes it to a
/// fresh folder and returns the folder.
func generateToDisk(_ spec: String, exerciser: Bool = false, options: EmitOptions? = nil) throws -> URL {
    let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
    let result = Generator.generate(
        specText: spec, specPath: "spec.yaml", templates: templates,
        options: options ?? EmitOptions(exerciser: exerciser))
    #expect(!result.hasErrors, "\(result.diagnostics)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-compile-\(UUID().uuidString)")
    for file in result.files where file.path.hasSuffix(".swift") {
        let url = dir.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
}

/// Runs `swiftc` with `arguments` on the Swift files in `dir`; returns its exit status and output.
func swiftc(_ arguments: [String], in dir: URL) throws -> (status: Int32, output: String) {
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        ["swiftc", "-swift-version", "6", "-strict-concurrency=complete", "-warnings-as-errors"]
        + arguments + files
    process.currentDirectoryURL = dir
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// The `main.swift` that runs the generated exerciser and prints its failures and summary.
let exerciserMain = """
    let report = await Exerciser.run()
    for failure in report.failures { print("FAIL " + failure) }
    print("exerciser: " + report.summary)

    """

/// Runs the program `name` built in `dir` and returns what it printed.
func runProgram(_ name: String, in dir: URL) throws -> String {
    let run = Process()
    run.executableURL = dir.appendingPathComponent(name)
    let pipe = Pipe()
    run.standardOutput = pipe
    try run.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    run.waitUntilExit()
    return output
}

/// Specs that use many constructs at once compile without warnings in Swift 6 mode.
@Suite struct CompileTests {
    @Test("a kitchen-sink spec (every auth scheme, parameter style, body kind, status kind, composition) compiles")
    func kitchenSink() throws {
        let dir = try generateToDisk(kitchenSinkSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = try #require(generatedFiles(in: dir).client)
        for factory in [
            "bearer(token: String)", "bearer(tokenProvider:", "basic(username: String, password: String)",
            "apiKeyHeader(apiKey key: String)", "apiKeyQuery(apiKey key: String)", "oauth(token: String)",
        ] {
            #expect(client.contains("public static func " + factory), "missing Authentication.\(factory)")
        }
        #expect(client.contains("case status4XX(statusCode: Int, ErrorBody<Problem>)"))
        #expect(client.contains("case other(statusCode: Int, ErrorBody<Problem>)"))
        let result = try swiftc(["-typecheck", "-module-name", "KitchenSink"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
    }

    @Test(
        "without URLSession (urlSession: false) the kitchen sink, server side too, builds and links no FoundationNetworking"
    )
    func withoutURLSession() throws {
        var options = EmitOptions()
        options.server = true
        options.urlSession = false
        let dir = try generateToDisk(kitchenSinkSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        import Foundation
        struct NotFound: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                HTTPResponse(statusCode: 404, headers: [:], body: Data())
            }
        }
        print(Client(transport: NotFound()).serverURL)
        """.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let result = try swiftc(["-module-name", "KitchenSink", "-o", "sink"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "\(result.output)")
        #expect(!(try runProgram("sink", in: dir)).isEmpty)
        // The program's libraries: Foundation's, not FoundationNetworking's (nor libcurl).
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ldd.arguments = ["ldd", dir.appendingPathComponent("sink").path]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        try ldd.run()
        let libraries = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(libraries.contains("libFoundation"), "\(libraries)")
        #expect(!libraries.contains("FoundationNetworking") && !libraries.contains("curl"), "\(libraries)")
    }

    @Test("recursive and mutually recursive schemas compile, with indirection only on cycles, and round-trip")
    func recursion() throws {
        let dir = try generateToDisk(recursionSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = try #require(generatedFiles(in: dir).models)
        #expect(models.contains("    @Indirect\n    public var parent: Node? = nil\n"))
        #expect(models.contains("    public var children: [Node]?\n"), "arrays need no indirection")
        #expect(models.contains("public indirect enum Expr:"))
        #expect(
            models.contains("public struct Plain: Codable, Equatable, Sendable {\n    public var a: A?\n"),
            "a type off the cycle gets no indirection")
        try #"""
        import Foundation
        let json = #"{"value":1,"parent":{"value":0},"children":[{"value":2,"children":[]}]}"#
        let node = try JSONDecoder().decode(Node.self, from: Data(json.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        print(node.parent?.value ?? -1, node.parent?.parent == nil, node.children?.first?.value ?? -1)
        print(String(decoding: try encoder.encode(node), as: UTF8.self))
        let expr = try JSONDecoder().decode(Expr.self, from: Data(#"{"left":{"value":1},"right":{"left":{"value":2},"right":{"value":3}}}"#.utf8))
        if case .add(let add) = expr, case .add(let inner) = add.right { print("nested add", inner.left) }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Recursion", "-o", "recursion"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("recursion", in: dir)
        #expect(
            output == """
                0 true 2
                {"children":[{"children":[],"value":2}],"parent":{"value":0},"value":1}
                nested add lit(Recursion.Lit(value: 2.0))

                """)
    }
}

let kitchenSinkSpec = #"""
    openapi: 3.1.0
    info: {title: Kitchen Sink, version: '2.0'}
    servers:
      - url: https://api.example.com/v1
      - url: https://{region}.example.com
        variables: {region: {default: eu, enum: [eu, us]}}
    security: [{bearer: []}]
    paths:
      /items/{item-id}:
        parameters:
          - {name: item-id, in: path, required: true, schema: {type: string}}
        get:
          operationId: get_item
          security: [{apiKeyHeader: []}, {apiKeyQuery: []}]
          parameters:
            - {name: tags, in: query, schema: {type: array, items: {type: string}}}
            - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
            - {name: mode, in: query, schema: {type: string, enum: [fast, slow]}}
            - {name: X-Trace-Count, in: header, schema: {type: integer}}
            - {name: since, in: query, schema: {type: string, format: date-time}}
            - {name: session, in: cookie, schema: {type: string}}
          responses:
            '200':
              description: ok
              headers: {X-Rate: {schema: {type: integer}}}
              content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
            4XX: {description: client error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
            default: {description: other, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        put:
          security: [{basic: []}]
          requestBody:
            required: true
            content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
          responses:
            '204': {description: updated}
            '404': {description: missing}
        delete:
          security: []
          responses:
            2XX: {description: deleted}
      /items:
        post:
          operationId: createItem
          security: [{oauth: [write]}]
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    kind: {type: string, enum: [a, b], default: a}
                    labels: {type: object, additionalProperties: {type: string}}
          responses:
            '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
      /upload:
        post:
          operationId: upload
          requestBody:
            required: true
            content: {application/octet-stream: {schema: {type: string, format: binary}}}
          responses:
            '200': {description: ok, content: {application/json: {schema: {type: array, items: {type: integer, format: int64}}}}}
    components:
      securitySchemes:
        bearer: {type: http, scheme: bearer}
        basic: {type: http, scheme: basic}
        apiKeyHeader: {type: apiKey, in: header, name: X-API-Key}
        apiKeyQuery: {type: apiKey, in: query, name: api_key}
        oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x/token', scopes: {write: w}}}}
      schemas:
        Item:
          type: object
          required: [id, kind]
          properties:
            id: {type: string, format: uuid}
            kind: {$ref: '#/components/schemas/Kind'}
            price: {type: [number, 'null'], format: float}
            size: {type: integer, enum: [1, 2, 3]}
            created: {type: string, format: date-time, readOnly: true}
            history: {type: array, items: {type: string, format: date-time}}
            meta: {}
            shape: {$ref: '#/components/schemas/Shape'}
            extra: {$ref: '#/components/schemas/Extra'}
            mixed: {anyOf: [{type: string}, {type: integer}]}
            self: {type: string}
            Type: {type: string}
            default: {type: boolean, default: false}
        Kind: {type: string, enum: [book, 'e-book', 2nd, class, unknown]}
        Shape:
          oneOf:
            - {$ref: '#/components/schemas/Circle'}
            - {$ref: '#/components/schemas/Square'}
          discriminator: {propertyName: type}
        Circle: {type: object, required: [type, r], properties: {type: {type: string}, r: {type: number}}}
        Square: {type: object, required: [type, side], properties: {type: {type: string}, side: {type: number}}}
        Extra:
          allOf:
            - {$ref: '#/components/schemas/Circle'}
            - {type: object, properties: {note: {type: string}}}
        Problem: {type: object, properties: {title: {type: string}, status: {type: integer}}}
        Names: {type: array, items: {type: string}}
        Code: {type: integer, format: int32}
        AnyThing: {}
    """#

let recursionSpec = #"""
    openapi: 3.1.0
    info: {title: Rec, version: '1'}
    paths: {}
    components:
      schemas:
        Node:
          type: object
          properties:
            value: {type: integer}
            parent: {$ref: '#/components/schemas/Node'}
            children: {type: array, items: {$ref: '#/components/schemas/Node'}}
            owner: {type: object, properties: {node: {$ref: '#/components/schemas/Node'}}}
        A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, n: {type: string}}}
        B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
        Expr: {oneOf: [{$ref: '#/components/schemas/Lit'}, {$ref: '#/components/schemas/Add'}]}
        Add: {type: object, required: [left, right], properties: {left: {$ref: '#/components/schemas/Expr'}, right: {$ref: '#/components/schemas/Expr'}}}
        Lit: {type: object, required: [value], properties: {value: {type: number}}}
        Plain: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
    """#
