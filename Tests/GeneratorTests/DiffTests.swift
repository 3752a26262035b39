import Foundation
import Generator
import SwiftEmitter
import Testing

/// `gen diff OLD NEW`: the generated Swift API of two specs compared, each change classified and located.
///
/// Tests/DiffInputs/old.yaml → new.yaml makes one change of each kind gen reports (types, properties, enum cases,
/// oneOf cases, aliases, operations, parameters, bodies, return types, success and error statuses, servers,
/// authentication); expected.txt, .md and .json are the reports, reviewed line by line.
@Suite struct DiffTests {
    static let inputs = "Tests/DiffInputs"

    @Test(
        "each kind of change gives exactly the expected report",
        arguments: [("text", "txt"), ("markdown", "md"), ("json", "json")])
    func report(format: String, fileExtension: String) throws {
        let result = try run(
            genExecutable, ["diff", "\(Self.inputs)/old.yaml", "\(Self.inputs)/new.yaml", "--format", format],
            in: packageRoot)
        let expected = try String(
            contentsOf: packageRoot.appendingPathComponent("\(Self.inputs)/expected.\(fileExtension)"),
            encoding: .utf8)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        if result.stdout != expected {
            Issue.record(
                "gen diff --format \(format) differs from \(Self.inputs)/expected.\(fileExtension):\n\(LineDiff.unified(old: expected, new: result.stdout, path: "expected.\(fileExtension)"))"
            )
        }
    }

    @Test("--fail-on sets the exit status by the worst kind of change")
    func failOn() throws {
        let old = "\(Self.inputs)/old.yaml"
        let new = "\(Self.inputs)/new.yaml"
        for (kind, status) in [("breaking", Int32(1)), ("behavior", 1), ("any", 1)] {
            #expect(
                try run(genExecutable, ["diff", old, new, "--fail-on", kind], in: packageRoot).status == status,
                "\(kind)")
        }
        // A purely additive change fails only `any`.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try String(contentsOf: packageRoot.appendingPathComponent(old), encoding: .utf8)
        try base.write(to: directory.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try base.replacingOccurrences(
            of: "        legacy: {type: string}\n",
            with: "        legacy: {type: string}\n        color: {type: string}\n"
        )
        .write(to: directory.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let additive = try run(genExecutable, ["diff", "old.yaml", "new.yaml", "--fail-on", "behavior"], in: directory)
        #expect(additive.status == 0)
        #expect(
            additive.stdout == """
                Swift API changes from old.yaml to new.yaml: 0 breaking, 0 behavior, 1 additive

                new.yaml:90:9: additive: Pet.color: new property: String?

                """)
        #expect(
            try run(genExecutable, ["diff", "old.yaml", "new.yaml", "--fail-on", "any"], in: directory).status == 1)
        let same = try run(genExecutable, ["diff", "old.yaml", "old.yaml", "--fail-on", "any"], in: directory)
        #expect(same.status == 0)
        #expect(same.stdout == "No changes to the generated Swift API from old.yaml to old.yaml.\n")
    }

    @Test("api/runs.yaml edited once for each kind of change gives the expected report")
    func runsSpec() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var spec = try String(contentsOf: packageRoot.appendingPathComponent("api/runs.yaml"), encoding: .utf8)
        func edit(_ old: String, _ new: String) {
            #expect(spec.contains(old), "api/runs.yaml no longer contains \(old)")
            spec = spec.replacingOccurrences(of: old, with: new)
        }
        // Breaking: a required property made optional; an error status documented; a format dropped.
        edit(
            "required: [id, runDetails, runStatus, runTimeParameters, runType]",
            "required: [id, runDetails, runTimeParameters, runType]")
        edit(
            """
                    "404":
                      $ref: "#/components/responses/NotFound"
                    "500":
                      $ref: "#/components/responses/InternalServerError"
                    "502":
                      $ref: "#/components/responses/BadGateway"
                    "503":
                      $ref: "#/components/responses/ServiceUnavailable"
                    "504":
                      $ref: "#/components/responses/GatewayTimeout"
              /api/v1/runs/{runID}/results:
            """,
            """
                    "404":
                      $ref: "#/components/responses/NotFound"
                    "409":
                      $ref: "#/components/responses/NotFound"
                    "500":
                      $ref: "#/components/responses/InternalServerError"
                    "502":
                      $ref: "#/components/responses/BadGateway"
                    "503":
                      $ref: "#/components/responses/ServiceUnavailable"
                    "504":
                      $ref: "#/components/responses/GatewayTimeout"
              /api/v1/runs/{runID}/results:
            """)
        edit(
            """
                    runEndTime:
                      type: string
                      format: date-time
                      description: The datetime when the run ended.
            """,
            """
                    runEndTime:
                      type: string
                      description: The datetime when the run ended.
            """)
        // Behavior: a new value of an open enum; a server moved.
        edit(
            "enum: [canceled, completed, failed, initializing, rendering, running, waitingToRun]",
            "enum: [canceled, completed, failed, initializing, queued, rendering, running, waitingToRun]")
        edit("https://app.westus2.azure.coalescesoftware.io", "https://app.westus3.azure.coalescesoftware.io")
        // Additive: an optional parameter; a new property.
        edit(
            """
                      description: The run ID.
                      schema:
                        type: integer
                  responses:
                    "200":
                      description: A single run.
            """,
            """
                      description: The run ID.
                      schema:
                        type: integer
                    - name: detail
                      in: query
                      schema:
                        type: boolean
                  responses:
                    "200":
                      description: A single run.
            """)
        edit(
            """
                      description: The run counter (the run ID) of the started run.

            """,
            """
                      description: The run counter (the run ID) of the started run.
                    runLink:
                      type: string

            """)
        try spec.write(to: directory.appendingPathComponent("runs.yaml"), atomically: true, encoding: .utf8)
        let result = try run(
            genExecutable, ["diff", packageRoot.appendingPathComponent("api/runs.yaml").path, "runs.yaml"],
            in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
                == """

                runs.yaml:210:9: breaking: GetRunError.conflict: new error case for status 409: a switch over GetRunError needs it (threw APIError.unexpectedStatus before)
                runs.yaml:419:9: breaking: RunInfo.runEndTime: type String?, was Date?
                runs.yaml:431:9: breaking: RunInfo.runStatus: now optional: RunStatus?, was RunStatus

                runs.yaml:41:5: behavior: Client.Servers.usAzureWest2: now https://app.westus3.azure.coalescesoftware.io, was https://app.westus2.azure.coalescesoftware.io
                runs.yaml:527:57: behavior: RunStatus.queued: new case for "queued" (decoded as .unknown("queued") before; a switch without default needs it)

                runs.yaml:167:11: additive: Client.getRun(detail:): new optional parameter: Bool?
                runs.yaml:755:9: additive: RunCounterResponse.runLink: new property: String?

                """)
    }

    @Test("the methods beside an operation's own (…Stream, …Bytes, …WithHeaders, pages, body overloads) are compared")
    func methodForms() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = """
            openapi: 3.1.0
            info: {title: Chat, version: "1"}
            paths:
              /chat:
                post:
                  operationId: chat
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {$ref: "#/components/schemas/Prompt"}}
                      multipart/form-data: {schema: {$ref: "#/components/schemas/Prompt"}}
                  responses:
                    "200":
                      description: A reply, whole or as events.
                      content:
                        application/json: {schema: {$ref: "#/components/schemas/Reply"}}
                        text/event-stream: {schema: {$ref: "#/components/schemas/Chunk"}}
              /export:
                get:
                  operationId: export
                  parameters:
                    - {name: after, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: The rows, as JSON or CSV.
                      content:
                        application/json: {schema: {$ref: "#/components/schemas/Page"}}
                        text/csv: {schema: {type: string}}
            components:
              schemas:
                Prompt: {type: object, properties: {text: {type: string}}}
                Reply: {type: object, properties: {text: {type: string}}}
                Chunk: {type: object, properties: {delta: {type: string}}}
                Delta: {type: object, properties: {content: {type: string}}}
                Page: {type: object, properties: {items: {type: array, items: {$ref: "#/components/schemas/Reply"}}}}

            """
        var new = old
        func edit(_ before: String, _ after: String) { Self.edit(&new, before, after) }
        // The events become another type; the multipart overload gives way to a form one.
        edit(
            "text/event-stream: {schema: {$ref: \"#/components/schemas/Chunk\"}}",
            "text/event-stream: {schema: {$ref: \"#/components/schemas/Delta\"}}")
        edit("multipart/form-data: {schema:", "application/x-www-form-urlencoded: {schema:")
        // CSV is no longer offered; the JSON answer gains a typed header and pagination.
        edit(
            """
                  parameters:
                    - {name: after, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: The rows, as JSON or CSV.
                      content:
                        application/json: {schema: {$ref: "#/components/schemas/Page"}}
                        text/csv: {schema: {type: string}}
            """,
            """
                  x-pagination: {cursorParameter: after, items: items, cursorField: text}
                  parameters:
                    - {name: after, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: The rows.
                      headers:
                        X-Total: {schema: {type: integer}}
                      content:
                        application/json: {schema: {$ref: "#/components/schemas/Page"}}
              /events:
                get:
                  operationId: listEvents
                  responses:
                    "200":
                      description: Events as they happen.
                      content:
                        application/jsonl: {schema: {$ref: "#/components/schemas/Chunk"}}
            """)
        #expect(
            try Self.report(old: old, new: new, in: directory) == """

                new.yaml:17:13: breaking: Client.chatStream: returns EventStream<Delta>, was EventStream<Chunk>
                old.yaml:11:11: breaking: Client.chat(multipartBody:): overload removed (sent the body as multipart/form-data)
                old.yaml:28:13: breaking: Client.exportBytes: method removed (returned ByteStream)

                new.yaml:11:11: additive: Client.chat(formBody:): new overload: sends the body as application/x-www-form-urlencoded (Prompt)
                new.yaml:21:21: additive: Client.exportPages: new method: returns PageSequence<Page, String> (x-pagination cursor 'after')
                new.yaml:25:9: additive: Operations.Export.OkHeaders: new struct
                new.yaml:25:9: additive: Client.exportWithHeaders: new method: returns (body: Page, headers: Operations.Export.OkHeaders) (the headers of status 200)
                new.yaml:33:7: additive: Client.listEvents: new operation (GET /events; with listEventsStream)

                """)
    }

    @Test("with server: true beside the spec, APIHandler's requirements and each Input and Response are compared")
    func serverSide() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = """
            openapi: 3.1.0
            info: {title: Pets, version: "1"}
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                    - {name: fields, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: The pet.
                      content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
                    "404": {description: Not found.}
                    "410": {description: Gone.}
                delete:
                  operationId: deletePet
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses:
                    "204": {description: Deleted.}
            components:
              schemas:
                Pet: {type: object, properties: {name: {type: string}}}
                Problem: {type: object, properties: {title: {type: string}}}

            """
        var new = old
        func edit(_ before: String, _ after: String) { Self.edit(&new, before, after) }
        // A parameter's type changes and a required one comes; 404 gains a body, 410 goes, 429 comes.
        edit(
            "- {name: fields, in: query, schema: {type: string}}",
            """
            - {name: fields, in: query, schema: {type: integer}}
                    - {name: locale, in: query, required: true, schema: {type: string}}
            """)
        edit(
            """
                    "404": {description: Not found.}
                    "410": {description: Gone.}
            """,
            """
                    "404":
                      description: Not found.
                      content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
                    "429": {description: Slow down.}
            """)
        // deletePet goes, listPets comes.
        edit(
            """
                delete:
                  operationId: deletePet
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses:
                    "204": {description: Deleted.}
            """,
            """
              /pets:
                get:
                  operationId: listPets
                  responses:
                    "200":
                      description: The pets.
                      content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}}}
            """)
        // gen-config.yaml beside NEW applies to both sides, as `gen` would apply it.
        try "server: true\nclient: false\n".write(
            to: directory.appendingPathComponent("gen-config.yaml"), atomically: true, encoding: .utf8)
        #expect(
            try Self.report(old: old, new: new, in: directory) == """

                new.yaml:9:11: breaking: Operations.GetPet.Input.fields: type Int?, was String?
                new.yaml:10:11: breaking: Operations.GetPet.Input.locale: new required field: String (the initializer needs it)
                new.yaml:15:9: breaking: Operations.GetPet.Response.notFound: carries (Problem), was nothing
                new.yaml:21:7: breaking: APIHandler.listPets: new requirement (GET /pets): every APIHandler must implement it
                old.yaml:15:9: breaking: Operations.GetPet.Response.gone: case removed: a handler that answers it no longer compiles (status 410 is undocumented now)
                old.yaml:17:7: breaking: APIHandler.deletePet: requirement removed with Operations.DeletePet.Input and .Response (DELETE /pets/{id} now answers 404): its implementation no longer compiles

                new.yaml:18:9: additive: Operations.GetPet.Response.tooManyRequests: new case for status 429

                """)
    }

    @Test("git:REV:path reads the spec and the files its $refs lead into at that revision; nothing is written")
    func gitSources() throws {
        let repository = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repository) }
        let api = repository.appendingPathComponent("api")
        try FileManager.default.createDirectory(at: api, withIntermediateDirectories: true)
        try """
        openapi: 3.0.3
        info: {title: T, version: "1"}
        paths:
          /things:
            get:
              operationId: listThings
              responses:
                "200":
                  description: ok
                  content: {application/json: {schema: {$ref: "models.yaml#/Thing"}}}
        """.write(to: api.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let models = api.appendingPathComponent("models.yaml")
        try "Thing:\n  type: object\n  properties:\n    name: {type: string}\n".write(
            to: models, atomically: true, encoding: .utf8)
        try git(["init", "-q"], in: repository)
        try git(["add", "."], in: repository)
        try git(["commit", "-qm", "v1"], in: repository)
        // Only the referenced file changes, in the working tree.
        try "Thing:\n  type: object\n  properties:\n    name: {type: integer}\n    size: {type: integer}\n"
            .write(to: models, atomically: true, encoding: .utf8)
        let before = try snapshot(repository)
        let result = try run(genExecutable, ["diff", "git:HEAD:api/spec.yaml", "api/spec.yaml"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                Swift API changes from git:HEAD:api/spec.yaml to api/spec.yaml: 1 breaking, 0 behavior, 1 additive

                api/models.yaml:4:5: breaking: Thing.name: type Int?, was String?

                api/models.yaml:5:5: additive: Thing.size: new property: Int?

                """)
        #expect(try snapshot(repository) == before, "gen diff must not write anything")

        // Both sides at revisions: no change between HEAD and itself.
        let same = try run(genExecutable, ["diff", "git:HEAD:api/spec.yaml", "git:HEAD:api/spec.yaml"], in: repository)
        #expect(
            same.stdout
                == "No changes to the generated Swift API from git:HEAD:api/spec.yaml to git:HEAD:api/spec.yaml.\n")

        // Bad input on either side is reported as gen reports it, naming the side; exit 2, no report.
        let missing = try run(genExecutable, ["diff", "git:HEAD:api/nope.yaml", "api/spec.yaml"], in: repository)
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(
            missing.stderr.hasPrefix(
                """
                gen: the old spec (git:HEAD:api/nope.yaml) has 1 error:
                gen: error: cannot read 'git:HEAD:api/nope.yaml': path 'api/nope.yaml' does not exist in 'HEAD'
                """))
        try "Thing:\n  type: object\n  properties: [\n".write(to: models, atomically: true, encoding: .utf8)
        let broken = try run(genExecutable, ["diff", "git:HEAD:api/spec.yaml", "api/spec.yaml"], in: repository)
        #expect(broken.status == 2)
        #expect(
            broken.stderr.hasPrefix(
                "gen: the new spec (api/spec.yaml) has 2 errors:\napi/models.yaml:4:1: error: YAML syntax error"),
            "\(broken.stderr)")
        #expect(broken.stderr.contains("api/spec.yaml:10:55: error: $ref 'models.yaml#/Thing' does not resolve"))
    }

    @Test("gen --check, when Generated/ is stale, first says what changed for callers since Generated/ was committed")
    func checkSummary() throws {
        let repository = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: repository) }
        let spec = repository.appendingPathComponent("api.yaml")
        try """
        openapi: 3.0.3
        info: {title: T, version: "1"}
        paths:
          /things/{id}:
            get:
              operationId: getThing
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: ok
                  content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
        """.write(to: spec, atomically: true, encoding: .utf8)
        #expect(try run(genExecutable, ["api.yaml", "--quiet"], in: repository).status == 0)
        try git(["init", "-q"], in: repository)
        try git(["add", "."], in: repository)
        try git(["commit", "-qm", "v1"], in: repository)
        try String(contentsOf: spec, encoding: .utf8).replacingOccurrences(
            of: "schema: {type: string}}]", with: "schema: {type: integer}}]"
        )
        .write(to: spec, atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["api.yaml", "--check"], in: repository)
        #expect(result.status == 1)
        let revision = try git(["log", "-1", "--format=%h"], in: repository).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(
            result.stdout.hasPrefix(
                """
                API changes since the commit that last changed Generated:
                Swift API changes from git:\(revision):api.yaml to api.yaml: 1 breaking, 0 behavior, 0 additive

                api.yaml:7:20: breaking: Client.getThing(id:): type Int, was String

                stale: Generated/
                """), "\(result.stdout)")
    }

    /// Replaces `before` in `spec` with `after`, which must be there.
    private static func edit(_ spec: inout String, _ before: String, _ after: String) {
        #expect(spec.contains(before), "the old spec no longer contains \(before)")
        spec = spec.replacingOccurrences(of: before, with: after)
    }

    /// `gen diff old.yaml new.yaml` run in `directory` with both written there: the report below its summary line.
    private static func report(old: String, new: String, in directory: URL) throws -> String {
        try old.write(to: directory.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        try new.write(to: directory.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["diff", "old.yaml", "new.yaml"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(
            separator: "\n")
    }

    @discardableResult
    private func git(_ arguments: [String], in directory: URL) throws -> String {
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "-c", "user.email=gen@example.com", "-c", "user.name=gen"] + arguments,
            in: directory)
        if result.status != 0 { Issue.record("git \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }
}
