import Diagnostics
import Foundation
import Generator
import SwiftEmitter
import SwiftPlanning
import Testing

/// The server side of specs built to hold every construct: generated with the exerciser, compiled (Swift 6, warnings
/// as errors) and run, every call with every argument goes through the generated `APIRouter` in-process once per
/// documented response; the handler compares the `Input` it decoded with the arguments field by field.
@Suite struct ServerRoundTripTests {
    @Test(
        "every parameter style, body kind, status kind and auth scheme round-trips through the generated router",
        arguments: [
            ("kitchen sink", kitchenSinkSpec), ("styles", styleSpec), ("requests", requestSpec),
            ("outcomes", outcomesSpec), ("headers", headerSpec), ("bodies of other types", otherBodiesSpec),
            ("a multipart part of a media type gen does not write", xmlPartSpec),
            ("operations secured by mutual TLS", mutualTLSSpec),
            ("a discriminated oneOf whose alternative lacks the property", discriminatorElsewhereSpec),
        ])
    func roundTrips(name: String, spec: String) throws {
        var options = EmitOptions(exerciser: true)
        options.server = true
        let dir = try generateToDisk(spec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.contains("Server.swift") && files.contains("MockHandler.swift"), "\(files)")
        try exerciserMain.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "RoundTrip", "-o", "exercise"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        #expect(build.output.isEmpty, "\(build.output.prefix(4000))")
        guard build.status == 0 else { return }
        let output = try runProgram("exercise", in: dir)
        let summary = try #require(exerciserSummary(output), "\(output)")
        #expect(summary.failures == 0, "\(output.prefix(6000))")
        #expect(summary.inputs >= summary.operations, "\(output.suffix(300))")
    }

    @Test("a mutual TLS scheme's operations reach the authenticator, which decides with the request in view")
    func mutualTLS() throws {
        var options = EmitOptions()
        options.server = true
        let dir = try generateToDisk(mutualTLSSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation

        /// Trusts what a TLS-terminating proxy says about the client's certificate.
        struct ProxyCertificates: APIAuthenticator {
            func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool {
                guard case .mutualTLS = credential.value else { return false }
                return ServerRequest.current?.header("X-Client-Verify") == "SUCCESS"
            }
        }
        struct Handler: APIHandler {
            func listSecrets(_ input: Operations.ListSecrets.Input) async throws -> Operations.ListSecrets.Response {
                .ok(["a"])
            }
            func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Response { .noContent }
        }
        let router = APIRouter(handler: Handler(), authenticator: ProxyCertificates())
        for headers in [["X-Client-Verify": "SUCCESS"], ["X-Client-Verify": "NONE"], [:]] {
            let response = await router.respond(
                to: HTTPRequest(method: "GET", url: URL(string: "https://vault/secrets")!, headers: headers))
            print(headers.values.first ?? "-", response.statusCode, response.headers["WWW-Authenticate"] ?? "")
        }
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Vault", "-o", "vault"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        let output = try runProgram("vault", in: dir)
        #expect(output == "SUCCESS 200 \nNONE 401 \n- 401 \n", "\(output)")
    }

    @Test("a structured multipart part under a media type gen does not write is sent as JSON, with a warning")
    func partWrittenAsJSON() throws {
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        var options = EmitOptions()
        options.server = true
        let result = Generator.generate(
            specText: xmlPartSpec, specPath: "spec.yaml", templates: templates, options: options)
        #expect(
            result.diagnostics.map(\.description) == [
                "spec.yaml:10:11: warning: multipart part 'meta' is encoded as 'application/xml', which gen does not write; it is sent and read as application/json"
            ])
        let client = try #require(result.files.first { $0.path == "Client+U.swift" }?.contents)
        // Text and bytes keep the media types the spec gives them.
        #expect(
            client.contains(
                #"fields: ["meta": FormField(contentType: "application/json"), "note": FormField(contentType: "text/markdown"), "file": FormField(contentType: "image/png")]"#
            ))
    }
}

/// A multipart part holding an object under `application/xml`, which gen does not write: sent and read as JSON (with
/// a warning), so the server decodes what the client sends (it came back as a string before).
let xmlPartSpec = """
    openapi: 3.1.0
    info: {title: Upload, version: '1'}
    paths:
      /upload:
        post:
          operationId: upload
          requestBody:
            required: true
            content:
              multipart/form-data:
                schema:
                  type: object
                  required: [meta]
                  properties:
                    meta: {type: object, properties: {name: {type: string}, size: {type: integer}}}
                    note: {type: string}
                    file: {type: string, format: binary}
                encoding:
                  meta: {contentType: application/xml}
                  note: {contentType: text/markdown}
                  file: {contentType: image/png}
          responses:
            '204': {description: Uploaded.}
    """

/// Operations secured by mutual TLS, alone or as an alternative to a token: the router hands them to the
/// authenticator (it answered `401` "the operation needs credentials", as no header carries a certificate).
let mutualTLSSpec = """
    openapi: 3.1.0
    info: {title: Vault, version: '1'}
    paths:
      /secrets:
        get:
          operationId: listSecrets
          security:
            - clientCert: []
          responses:
            '200':
              description: Names.
              content: {application/json: {schema: {type: array, items: {type: string}}}}
            '401': {description: No certificate.}
      /health:
        get:
          operationId: health
          security:
            - clientCert: []
            - token: []
          responses:
            '204': {description: Fine.}
    components:
      securitySchemes:
        clientCert: {type: mutualTLS}
        token: {type: http, scheme: bearer}
    """

/// Coalesce's `Node`: a `oneOf` listing one schema twice, discriminated by `type`, which that schema does not declare,
/// with a `mapping` naming two others. The handler's `BaseNode` was encoded without `type`, so the client could not
/// decode the server's answer; it is now encoded with the value that selects it.
let discriminatorElsewhereSpec = """
    openapi: 3.0.3
    info: {title: Nodes, version: '1'}
    paths:
      /nodes/{id}:
        get:
          operationId: getNode
          parameters:
            - {name: id, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: A node.
              content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}
    components:
      schemas:
        BaseNode:
          type: object
          required: [id]
          properties:
            id: {type: string}
            name: {type: string}
        SQLNode:
          type: object
          required: [id, type]
          properties:
            id: {type: string}
            type: {type: string}
            sql: {type: string}
        SourceNode:
          type: object
          required: [id, type]
          properties:
            id: {type: string}
            type: {type: string}
            table: {type: string}
        Node:
          oneOf:
            - $ref: '#/components/schemas/BaseNode'
            - $ref: '#/components/schemas/BaseNode'
          discriminator:
            propertyName: type
            mapping:
              sql: '#/components/schemas/SQLNode'
              source: '#/components/schemas/SourceNode'
    """

/// Typed response headers on the server side: every status that documents headers has them in its `Response` case
/// (a status with the same headers as another shares its struct), and the mock answers with values built from
/// their schemas.
@Suite struct ServerHeaderTests {
    @Test("every status's documented headers are typed in its case; the mock sends them, values from the schemas")
    func statusHeaders() throws {
        var options = EmitOptions(exerciser: true)
        options.server = true
        let dir = try generateToDisk(headerSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try String(contentsOf: dir.appendingPathComponent("Server+G.swift"), encoding: .utf8)
        // 429 documents the headers 200 does (names differ only in case): one struct for both.
        #expect(server.contains("case ok(String, headers: Operations.GetLimits.OkHeaders = .init())"))
        #expect(server.contains("case tooManyRequests(headers: Operations.GetLimits.OkHeaders = .init())"))
        #expect(server.contains("case other(statusCode: Int, headers: Operations.GetLimits.OtherHeaders = .init())"))
        try """
        import Foundation

        let router = APIRouter(handler: MockHandler(), authenticator: AnyPresentCredential())
        for code in ["200", "429", "503"] {
            let request = HTTPRequest(
                method: "GET", url: URL(string: "https://h/limits")!, headers: ["Prefer": "code=" + code], body: nil)
            let response = await router.respond(to: request)
            let fields = response.headers.sorted { $0.key < $1.key }.map { "\\($0.key): \\($0.value)" }
            print(response.statusCode, fields.joined(separator: ", "))
        }
        // A handler's answer: the headers it gives are sent.
        let answer = try Operations.GetLimits.Response.other(
            statusCode: 503, headers: .init(retryAfter: 120)).httpResponse()
        print(answer.statusCode, Operations.GetLimits.OtherHeaders(response: answer).retryAfter ?? -1)

        """.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "StatusHeaders", "-o", "headers"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        guard build.status == 0 else { return }
        #expect(
            try runProgram("headers", in: dir) == """
                200 Content-Type: application/json, X-Rate-Limit-Remaining: 42
                429 X-Rate-Limit-Remaining: 42
                503 Retry-After: 30
                503 120

                """)
    }
}

/// A request body offered as JSON, multipart and raw bytes, each a different Swift type: the client sends each with
/// its own overload (`body:`, `multipartBody:`, `applicationOctetStreamBody:`), and the server reads each into its own
/// `Input` field by the request's `Content-Type`.
let otherBodiesSpec = #"""
    openapi: 3.1.0
    info: {title: Bodies, version: '1'}
    paths:
      /uploads/{folder}:
        post:
          operationId: upload
          parameters:
            - {name: folder, in: path, required: true, schema: {type: string}}
            - {name: overwrite, in: query, schema: {type: boolean}}
          requestBody:
            required: true
            content:
              application/json:
                schema: {type: object, required: [url], properties: {url: {type: string}, note: {type: string}}}
              multipart/form-data:
                schema:
                  type: object
                  required: [file]
                  properties:
                    file: {type: string, format: binary}
                    note: {type: string}
                    tags: {type: array, items: {type: string}}
                    # One file or several, as OpenAI's image edits take them: a single part reads as both.
                    extra:
                      anyOf:
                        - {type: string, format: binary}
                        - {type: array, items: {type: string, format: binary}}
              application/octet-stream:
                schema: {type: string, format: binary}
          responses:
            '201':
              description: created
              content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}
    """#
