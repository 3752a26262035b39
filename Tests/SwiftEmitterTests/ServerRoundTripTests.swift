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
            ("bodies that stream both ways", streamedBodiesSpec),
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

    @Test("a handler streams events and bytes, reads a body as it comes, and only bodies read first are capped")
    func streamedBodies() throws {
        var options = EmitOptions()
        options.server = true
        let dir = try generateToDisk(streamedBodiesSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation

        struct Handler: APIHandler {
            func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Response {
                guard input.topic != "none" else { return .notFound(Problem(message: "no topic")) }
                return .ok(
                    EventBody(
                        events: AsyncStream { continuation in
                            continuation.yield(.comment("first"))
                            continuation.yield(EventBody.Event(Event(id: 1, kind: .created), event: "change", id: "a"))
                            continuation.yield(EventBody.Event(Event(id: 2, kind: .deleted)))
                            continuation.finish()
                        }))
            }
            func complete(_ input: Operations.Complete.Input) async throws -> Operations.Complete.Response {
                guard input.body.stream == true else { return .ok(.init(text: "whole")) }
                return .okStream(EventBody([Event(id: 7, kind: .created)]))
            }
            func listRecords(_ input: Operations.ListRecords.Input) async throws -> Operations.ListRecords.Response {
                .ok(EventBody([JSONValue.integer(1), .string("two"), .object(["three": .bool(true)])]))
            }
            func chat(_ input: Operations.Chat.Input) async throws -> Operations.Chat.Response {
                .ok(EventBody(input.body.map { Event(id: $0.id * 10, kind: $0.kind) }))
            }
            func importEvents(_ input: Operations.ImportEvents.Input) async throws -> Operations.ImportEvents.Response {
                var count = input.body?.count ?? 0
                if let events = input.applicationXNdjsonBody { for try await _ in events { count += 1 } }
                print("imported", count)
                return .noContent
            }
            func download(_ input: Operations.Download.Input) async throws -> Operations.Download.Response {
                .ok(ByteStream(Data(repeating: 7, count: 3 << 20), contentType: "application/octet-stream"))
            }
            func store(_ input: Operations.Store.Input) async throws -> Operations.Store.Response {
                .created(.init(size: try await input.body.collect(upTo: .max).count))
            }
        }

        // Bodies read before the handler are capped at 1 KiB; those that stream are not.
        let router = APIRouter(handler: Handler(), authenticator: AnyPresentCredential(), maxBodySize: 1024)
        let client = Client(transport: router)
        // The second event has no `id` of its own: the last event ID carries over (WHATWG).
        for try await event in try await client.listEventsStream().events {
            print(event.value.id, event.value.kind, event.event ?? "-", event.id ?? "-")
        }
        print(String(decoding: try await client.listEvents(), as: UTF8.self), terminator: "")
        do {
            _ = try await client.listEventsStream(topic: "none")
        } catch let error as ListEventsError {
            print("404", error)
        }
        for try await record in try await client.listRecordsStream() { print(record) }
        print(try await client.complete(body: .init(prompt: "p")).text)
        for try await event in try await client.completeStream(body: .init(prompt: "p", stream: true)) {
            print("streamed", event.id)
        }
        let replies = try await client.chatStream(
            body: EventBody([Event(id: 1, kind: .created), Event(id: 2, kind: .deleted)]))
        for try await reply in replies { print("reply", reply.id, reply.kind) }
        print("download", try await client.downloadBytes(name: "f").collect(upTo: .max).count)
        print("store", try await client.store(name: "f", body: Data(repeating: 1, count: 2 << 20)).size)
        let many = (0..<100).map { Event(id: $0, kind: .created) }
        try await client.importEvents(applicationXNdjsonBody: EventBody(many))
        do {
            try await client.importEvents(body: many)
        } catch APIError.unexpectedStatus(let status, let body) {
            print(status, String(decoding: body, as: UTF8.self).contains("larger than 1024 bytes"))
        }
        // An event of the request that does not decode: 400 naming it, before the handler answered.
        let bad = try await router.respond(
            to: HTTPRequest(
                method: "POST", url: URL(string: "http://h/import")!, headers: ["Content-Type": "application/x-ndjson"],
                body: Data("{\"id\":1,\"kind\":\"created\"}\n{\"id\":\"x\"}\n".utf8)), body: nil
        ).collected(upTo: .max)
        print(bad.statusCode, String(decoding: bad.body, as: UTF8.self).contains("the body's event 1 does not decode"))

        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Streamed", "-o", "streamed"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        guard build.status == 0 else { return }
        let output = try runProgram("streamed", in: dir)
        #expect(
            output == """
                1 created change a
                2 deleted - a
                : first
                event: change
                id: a
                data: {"id":1,"kind":"created"}

                data: {"id":2,"kind":"deleted"}

                data: [DONE]

                404 notFound(Streamed.ErrorBody<Streamed.Problem>.decoded(Streamed.Problem(message: Optional("no topic"))))
                integer(1)
                string("two")
                object(["three": Streamed.JSONValue.bool(true)])
                whole
                streamed 7
                reply 10 created
                reply 20 deleted
                download 3145728
                store 2097152
                imported 100
                413 true
                400 true

                """, "\(output)")
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
        let answer = try await Operations.GetLimits.Response.other(
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

/// Bodies a server streams: events in each framing (typed, untyped, with a terminator), bytes down and up, a two-way
/// stream, and a body of events beside a JSON one.
let streamedBodiesSpec = #"""
    openapi: 3.1.0
    info: {title: Streamed, version: '1'}
    paths:
      /events:
        get:
          operationId: listEvents
          parameters:
            - {name: topic, in: query, schema: {type: string}}
          responses:
            '200':
              description: events
              content:
                text/event-stream:
                  schema: {$ref: '#/components/schemas/Event'}
                  example: "data: {\"id\": 1, \"kind\": \"created\"}\n\ndata: [DONE]\n\n"
            '404':
              description: no such topic
              content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}
      /completions:
        post:
          operationId: complete
          requestBody:
            required: true
            content:
              application/json: {schema: {type: object, required: [prompt], properties: {prompt: {type: string}, stream: {type: boolean}}}}
          responses:
            '200':
              description: the completion, whole or as events
              content:
                application/json: {schema: {type: object, required: [text], properties: {text: {type: string}}}}
                text/event-stream: {schema: {$ref: '#/components/schemas/Event'}}
      /records:
        get:
          operationId: listRecords
          responses:
            '200':
              description: records, untyped
              content: {application/json-seq: {}}
      /chat:
        post:
          operationId: chat
          requestBody:
            required: true
            content:
              application/jsonl: {schema: {$ref: '#/components/schemas/Event'}}
          responses:
            '200':
              description: answers
              content: {application/x-ndjson: {schema: {$ref: '#/components/schemas/Event'}}}
      /import:
        post:
          operationId: importEvents
          requestBody:
            content:
              application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Event'}}}
              application/x-ndjson: {schema: {$ref: '#/components/schemas/Event'}}
          responses:
            '204': {description: imported}
      /files/{name}:
        get:
          operationId: download
          parameters:
            - {name: name, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: the file
              content: {application/octet-stream: {schema: {type: string, format: binary}}}
        put:
          operationId: store
          parameters:
            - {name: name, in: path, required: true, schema: {type: string}}
          requestBody:
            required: true
            content:
              application/octet-stream: {schema: {type: string, format: binary}}
          responses:
            '201':
              description: stored
              content: {application/json: {schema: {type: object, required: [size], properties: {size: {type: integer}}}}}
    components:
      schemas:
        Event:
          type: object
          required: [id, kind]
          properties:
            id: {type: integer}
            kind: {type: string, enum: [created, deleted]}
        Problem:
          type: object
          properties: {message: {type: string}}
    """#
