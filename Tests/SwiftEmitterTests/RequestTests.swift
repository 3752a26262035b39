import ExampleValues
import Foundation
import Generator
import SwiftPlanning
import Testing

@testable import SwiftEmitter

/// What the client sends is what the spec asks for: arguments the exerciser builds satisfy their schemas'
/// constraints, form bodies follow the `encoding` object, read-only properties stay with the server, and requests
/// go to the spec's servers. Each is checked by running the generated client.
@Suite struct RequestTests {
    @Test("requests follow the spec: servers, read-only properties, form encoding, constrained arguments")
    func requestsFollowTheSpec() throws {
        let dir = try generateToDisk(requestSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            (#"""
        import Foundation
        final class Capture: HTTPTransport, @unchecked Sendable {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                print(request.method, request.url.absoluteString, request.body.map { String(decoding: $0, as: UTF8.self) } ?? "")
                return HTTPResponse(statusCode: 204)
            }
        }
        print("default", Client.defaultServerURL.absoluteString)
        let client = Client(transport: Capture())
        try await client.submitForm(body: .init(name: "n", tags: ["x", "y"], ids: [1, 2], filter: .init(color: "red")))
        let pet = Pet(id: 7, name: "Rex", owner: Owner(id: 9, name: "Ann", secret: "s"))
        _ = try? await client.updatePet(id: 5, body: pet)
        print("response", String(decoding: try JSONCoding.encoder().encode(pet), as: UTF8.self))
        let elsewhere = Client(serverURL: URL(string: "https://mine.test")!, transport: Capture())
        try await elsewhere.submitForm(body: .init(name: "n"))
        """# + "\n" + exerciserMain
            + #"""
            for request in report.requests {
                print("sent", request.label, request.request.url.absoluteString, request.request.body.map { String(decoding: $0, as: UTF8.self) } ?? "")
            }
            for request in report.requests { print(request.jsonLine) }
            """#).write(
                to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Requests", "-o", "requests"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let lines = try runProgram("requests", in: dir).split(separator: "\n").map(String.init)

        // The first server, its variables at their defaults; an operation's own server unless the URL is the caller's.
        #expect(lines.contains("default https://eu.example.com/v2"))
        #expect(lines.contains("POST https://mine.test/forms name=n"))
        // A form body: arrays exploded by default, or as the `encoding` object says (pipe-delimited, deepObject).
        #expect(
            lines.contains(
                "POST https://uploads.example.com/forms filter%5Bcolor%5D=red&ids=1%7C2&name=n&tags=x&tags=y"))
        // Read-only properties are not sent, at the top level or nested (one marked through its $ref); write-only
        // ones are; responses keep both.
        #expect(
            lines.contains(#"PUT https://eu.example.com/v2/pets/5 {"name":"Rex","owner":{"name":"Ann","secret":"s"}}"#))
        #expect(lines.contains(#"response {"id":7,"name":"Rex","owner":{"id":9,"name":"Ann","secret":"s"}}"#))
        // Arguments satisfy their schemas: a pattern, bounds, multipleOf, minItems with unique items, minLength.
        let sent = lines.filter { $0.hasPrefix("sent ") }
        #expect(
            sent.contains(
                "sent getAccount required https://eu.example.com/v2/accounts/AC00000000000000000000000000000000 "))
        #expect(
            sent.contains {
                $0.hasPrefix("sent getAccount all ") && $0.hasSuffix("?pageSize=1&tags=string&tags=string1 ")
            })
        #expect(sent.contains { $0.hasPrefix("sent updatePet required https://eu.example.com/v2/pets/5 ") })
        // Properties beside a oneOf are sent, with the first branch's rules (GitHub's check run).
        #expect(
            sent.contains(
                #"sent createCheckRun required https://eu.example.com/v2/check-runs {"conclusion":"success","head_sha":"string","name":"string","status":"completed"}"#
            ))
        // Alternatives that differ only by `required`: one set, never both.
        #expect(
            sent.contains(
                #"sent createVectorStore required https://eu.example.com/v2/vector-stores {"ids":["string"]}"#))
        #expect(
            sent.contains(
                #"sent createVectorStore all https://eu.example.com/v2/vector-stores {"ids":["string"],"name":"string"}"#
            ))
        // Alternatives with members of their own: the properties beside and the chosen alternative's, in one object.
        #expect(
            sent.contains(#"sent addAnimal required https://eu.example.com/v2/animals {"meows":true,"owner":"string"}"#)
        )
        #expect(sent.count == 12)
        #expect(lines.contains("exerciser: 6 operations, 12 responses checked, 0 failures"))

        // And openapi-core, an independent validator, finds every request valid (CI installs it).
        #expect(
            requestValidatorAvailable || ProcessInfo.processInfo.environment["CI"] == nil, "pip install openapi-core")
        guard requestValidatorAvailable else { return }
        let specFile = dir.appendingPathComponent("spec.yaml")
        try requestSpec.write(to: specFile, atomically: true, encoding: .utf8)
        let validation = try validateRequests(lines.joined(separator: "\n"), specPath: specFile.path)
        #expect(validation.validated == 12)
        #expect(validation.invalid.isEmpty, "\(validation.invalid.joined(separator: "\n"))")
    }
}

/// Values for `pattern`s as real specs write them: each built string matches its expression; what cannot be built
/// is nil, never a wrong value.
@Suite struct PatternSynthesizerTests {
    @Test(
        "a string matching the pattern is built, within the length bounds",
        arguments: [
            ("^AC[0-9a-fA-F]{32}$", 0, nil), ("^[a-z]+(-[a-z]+)*$", 8, nil), (#"^\d{3}-\d{4}$"#, 0, nil),
            ("^(?:v1|v2)/[^/]+$", 0, nil), (#"^[\w.+-]+@example\.com$"#, 0, nil), ("([a|b|c])(,\\1)*", 3, 20),
            ("^[A-Z]{2,3}$", 3, 3), (#"^\+?[1-9]\d{1,14}$"#, 0, nil), ("^(?<year>[0-9]{4})-[0-9]{2}$", 0, nil),
            ("^[0-9a-fA-F]+$", 40, 40),
        ] as [(String, Int, Int?)])
    func builds(pattern: String, minLength: Int, maxLength: Int?) throws {
        let text = try #require(
            PatternSynthesizer.string(matching: pattern, minLength: minLength, maxLength: maxLength))
        #expect(PatternSynthesizer.matches(text, pattern) != false, "\(text)")
        #expect(text.count >= minLength)
        #expect(text.count <= maxLength ?? .max)
    }

    @Test(
        "lookarounds, impossible lengths and huge strings are not built",
        arguments: [("^(?=a)b$", 0, nil), ("^a{2}$", 5, nil), ("((a{1000}){1000}){1000}", 0, nil)]
            as [(String, Int, Int?)])
    func refuses(pattern: String, minLength: Int, maxLength: Int?) {
        #expect(PatternSynthesizer.string(matching: pattern, minLength: minLength, maxLength: maxLength) == nil)
    }

    @Test("a pattern that could backtrack exponentially is never run against spec text")
    func noCatastrophicBacktracking() {
        #expect(PatternSynthesizer.matches(String(repeating: "a", count: 40) + "!", "^(a+)+$") == nil)
        #expect(PatternSynthesizer.matches(String(repeating: "a", count: 40) + "!", "^(a|aa)*$") == nil)
        #expect(PatternSynthesizer.matches("AC" + String(repeating: "0", count: 32), "^AC[0-9a-fA-F]{32}$") == true)
        #expect(PatternSynthesizer.matches("string", "^AC[0-9a-fA-F]{32}$") == false)
    }
}

/// A spec's constraints are untrusted too: bounds beyond every type, counts in the billions and patterns that
/// would build gigabytes or backtrack forever generate at once, with values that stay small.
@Suite struct HostileConstraintTests {
    @Test("extreme constraints generate (no trap, no hang) and build small arguments")
    func extremeConstraints() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Extreme, version: '1'}
            paths:
              /x/{a}/{b}/{c}:
                post:
                  operationId: extreme
                  parameters:
                    - {name: a, in: path, required: true, schema: {type: integer, minimum: 1e300}}
                    - {name: b, in: path, required: true, schema: {type: number, multipleOf: 1e-300, minimum: 1e300}}
                    - {name: c, in: path, required: true, schema: {type: string, minLength: 900000000}}
                    - {name: d, in: query, schema: {type: array, minItems: 900000000, items: {type: integer}}}
                    - {name: e, in: query, schema: {type: string, pattern: '((a{99999}){99999}){99999}'}}
                    - {name: f, in: query, schema: {type: string, pattern: '^(a+)+$', example: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'}}
                  responses:
                    '204': {description: done}
            """
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(
            specText: spec, specPath: "spec.yaml", templates: templates, options: EmitOptions(exerciser: true))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        // Exerciser.swift and the operation's checks in Exerciser+E.swift.
        let exerciser = result.files.filter { $0.path.hasPrefix("Exerciser") }.map(\.contents).joined()
        #expect(result.files.contains { $0.path == "Exerciser+E.swift" })
        #expect(exerciser.count < 200_000)
        #expect(exerciser.contains(#"all0 = try argument(Int.self, "9223372036854775807")"#))
    }
}

/// Servers with variables and an operation's own, read-only and write-only properties (nested too), a form body
/// with an `encoding` object, and parameters with constraints.
let requestSpec = """
    openapi: 3.0.3
    info: {title: Requests, version: '1'}
    servers:
      - url: '{scheme}://{region}.example.com/v2'
        variables:
          scheme: {default: https, enum: [https, http]}
          region: {default: eu}
    paths:
      /accounts/{accountSid}:
        get:
          operationId: getAccount
          parameters:
            - {name: accountSid, in: path, required: true, schema: {type: string, pattern: '^AC[0-9a-fA-F]{32}$'}}
            - {name: pageSize, in: query, schema: {type: integer, minimum: 1, maximum: 1000}}
            - {name: tags, in: query, schema: {type: array, minItems: 2, uniqueItems: true, items: {type: string, minLength: 3}}}
          responses:
            '200': {description: ok}
      /pets/{id}:
        put:
          operationId: updatePet
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer, multipleOf: 5, exclusiveMinimum: true, minimum: 0}}
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Pet'}
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Pet'}
      /forms:
        post:
          operationId: submitForm
          servers:
            - url: https://uploads.example.com
          requestBody:
            required: true
            content:
              application/x-www-form-urlencoded:
                schema:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    tags: {type: array, items: {type: string}}
                    ids: {type: array, items: {type: integer}}
                    filter: {type: object, properties: {color: {type: string}}}
                encoding:
                  ids: {style: pipeDelimited, explode: false}
                  filter: {style: deepObject, explode: true}
          responses:
            '204': {description: done}
      /check-runs:
        post:
          operationId: createCheckRun
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [name, head_sha]
                  properties:
                    name: {type: string}
                    head_sha: {type: string}
                    status: {type: string, enum: [queued, in_progress, completed], default: queued}
                    conclusion: {type: string, enum: [success, failure]}
                  oneOf:
                    - properties: {status: {enum: [completed]}}
                      required: [status, conclusion]
                    - properties: {status: {enum: [queued, in_progress]}}
          responses:
            '201': {description: created}
      /vector-stores:
        post:
          operationId: createVectorStore
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    ids: {type: array, items: {type: string}}
                    stores: {type: array, items: {type: string}}
                    name: {type: string}
                  oneOf:
                    - required: [ids]
                    - required: [stores]
          responses:
            '201': {description: created}
      /animals:
        post:
          operationId: addAnimal
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [owner]
                  properties:
                    owner: {type: string}
                  oneOf:
                    - {$ref: '#/components/schemas/Cat'}
                    - {$ref: '#/components/schemas/Dog'}
          responses:
            '201': {description: created}
    components:
      schemas:
        Cat:
          type: object
          required: [meows]
          properties: {meows: {type: boolean}}
        Dog:
          type: object
          required: [barks]
          properties: {barks: {type: boolean}}
        Pet:
          type: object
          required: [id, name, owner]
          properties:
            id: {type: integer, readOnly: true}
            name: {type: string}
            owner: {$ref: '#/components/schemas/Owner'}
        OwnerID: {type: integer, readOnly: true}
        Owner:
          type: object
          required: [name]
          properties:
            id: {$ref: '#/components/schemas/OwnerID'}
            name: {type: string}
            secret: {type: string, writeOnly: true}
    """
