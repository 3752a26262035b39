import Foundation
import Testing

/// `gen-config.yaml` beside the spec (or `--config FILE`): each option, through the command line.
@Suite struct ConfigTests {
    /// Writes `api/runs.yaml` and `config` (if any, as `configName`) into a fresh folder, runs gen there with
    /// `arguments`, and returns the folder and the result.
    func generate(
        config: String?, configName: String = "gen-config.yaml", arguments: [String] = []
    )
        throws -> (dir: URL, result: ProcessResult)
    {
        let dir = try makeTemporaryDirectory()
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("api/runs.yaml"),
            to: dir.appendingPathComponent("runs.yaml"))
        if let config {
            try config.write(to: dir.appendingPathComponent(configName), atomically: true, encoding: .utf8)
        }
        let result = try run(genExecutable, ["runs.yaml", "--output", "out", "--quiet"] + arguments, in: dir)
        return (dir, result)
    }

    func read(_ dir: URL, _ file: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent("out/" + file), encoding: .utf8)
    }

    /// The Swift files of `out` whose names start with one of `prefixes`, joined in name order: `["Models+",
    /// "Operations+"]` for the models, `["Client"]` for the client (gen spreads them over files by first letter).
    func read(_ dir: URL, filesStartingWith prefixes: [String]) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
            .filter { name in name.hasSuffix(".swift") && prefixes.contains { name.hasPrefix($0) } }.sorted()
        return try names.map { try read(dir, $0) }.joined(separator: "\n")
    }

    @Test("accessModifier: internal (or package) leaves no public declaration")
    func access() throws {
        for access in ["internal", "package"] {
            let (dir, result) = try generate(config: "accessModifier: \(access)\n")
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(result.status == 0, "\(result.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
                .filter { $0.hasSuffix(".swift") }
            #expect(files.count > 4)
            for file in files {
                #expect(
                    !(try read(dir, file)).contains("public "),
                    "\(file) has a public declaration with accessModifier: \(access)")
            }
            for file in ["Client.swift", "Runtime.swift", "Fixtures.swift"] {
                let text = try read(dir, file)
                #expect(text.contains("\(access) struct") || text.contains("\(access) enum"))
            }
            #expect(try read(dir, filesStartingWith: ["Models+"]).contains("\(access) struct"))
            #expect(try read(dir, filesStartingWith: ["Client+"]).contains("\(access) func"))
            let expectedImport = access == "package" ? "package import Foundation" : "\nimport Foundation"
            #expect(try read(dir, "Client.swift").contains(expectedImport))
        }
    }

    @Test("filter keeps the listed operations and the schemas they use; a name that matches nothing warns")
    func filter() throws {
        let (dir, result) = try generate(
            config: """
                filter:
                  operations: [getRunStatus]
                  tags: [nope]
                """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "gen-config.yaml:3:10: warning: filter lists the tag 'nope', which no operation of the spec has"),
            "\(result.stderr)")
        let client = try read(dir, filesStartingWith: ["Client"])
        #expect(client.contains("public func getRunStatus(runCounter: Int,"))
        #expect(!client.contains("func getRun(") && !client.contains("func listRuns("))
        let models = try read(dir, filesStartingWith: ["Models+", "Operations+"])
        #expect(models.contains("public struct RunStatusResponse:") && models.contains("public enum RunStatus:"))
        #expect(
            !models.contains("struct RunInfo") && !models.contains("struct StartRunRequest"),
            "unused models are dropped")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/Fixtures/getRun").path))
    }

    @Test("typeOverrides map formats and schemas to the Swift types asked for")
    func typeOverrides() throws {
        let (dir, result) = try generate(
            config: """
                typeOverrides:
                  formats: {date-time: String, int32: Int32}
                  schemas: {RunsOrderBy: String}
                """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let models = try read(dir, filesStartingWith: ["Models+", "Operations+"])
        #expect(models.contains("public var runStartTime: String?"))
        #expect(models.contains("public var parallelism: Int32?"))
        #expect(models.contains("public var orderBy: String\n"))
        #expect(!models.contains("enum RunsOrderBy"), "an overridden schema is not declared")
        #expect(try read(dir, filesStartingWith: ["Client"]).contains("public func getRunStatus(runCounter: Int32,"))
    }

    @Test("fixtures: false generates no Fixtures.swift and no fixture files; the exerciser then refuses")
    func noFixtures() throws {
        let (dir, result) = try generate(config: "fixtures: false\n", configName: "gen-config.json")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(files.contains("Client.swift") && files.contains("Runtime.swift") && files.contains("Models+R.swift"))
        #expect(!files.contains("Fixtures.swift") && !files.contains("Fixtures"))
        let exercised = try run(genExecutable, ["runs.yaml", "--output", "out2", "--exerciser"], in: dir)
        #expect(exercised.status == 1)
        #expect(exercised.stderr.contains("the exerciser replays the fixtures"))
    }

    @Test(
        "fixtures: {module, output} writes Fixtures.swift and the fixture files into a test target's folder, importing the module"
    )
    func fixturesForATestTarget() throws {
        let (dir, result) = try generate(
            config: """
                fixtures:
                  module: RunsAPI
                  output: Tests/RunsAPITests/Fixtures
                """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let main = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(main.contains("Client.swift") && main.contains("Runtime.swift") && main.contains("Models+R.swift"))
        #expect(!main.contains("Fixtures.swift") && !main.contains("Fixtures"))
        let fixtures = dir.appendingPathComponent("Tests/RunsAPITests/Fixtures")
        let swift = try String(contentsOf: fixtures.appendingPathComponent("Fixtures.swift"), encoding: .utf8)
        #expect(swift.contains("\npublic import Foundation\n@testable import RunsAPI\n"))
        #expect(
            FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("Fixtures/getRun/200.json").path))
        // Both folders are checked.
        let check = try run(genExecutable, ["runs.yaml", "--output", "out", "--check", "--quiet"], in: dir)
        #expect(check.status == 0, "\(check.stdout)")
        try "{}".write(
            to: fixtures.appendingPathComponent("Fixtures/getRun/200.json"), atomically: true, encoding: .utf8)
        let stale = try run(genExecutable, ["runs.yaml", "--output", "out", "--check", "--quiet"], in: dir)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("stale: Tests/RunsAPITests/Fixtures/Fixtures/getRun/200.json"), "\(stale.stdout)")
    }

    @Test("fixtures.output without fixtures.module is an error: the fixtures would not know what they test")
    func fixturesOutputNeedsModule() throws {
        let (dir, result) = try generate(config: "fixtures: {output: elsewhere}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "gen-config.yaml:1:11: error: 'fixtures.output' puts the fixtures in another target: name the module they test with 'fixtures.module'"
            ),
            "\(result.stderr)")
    }

    @Test("an unknown key or a bad value is an error at its position, with did you mean; nothing is written")
    func badConfig() throws {
        let (dir, result) = try generate(
            config: """
                accesModifier: internal
                fixtures: maybe
                """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "gen-config.yaml:1:1: error: unknown key 'accesModifier' in the configuration; did you mean 'accessModifier'?"
            ),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "gen-config.yaml:2:11: error: 'fixtures' must be true, false or a mapping with 'module' and 'output', found a string"
            ))
        #expect(result.stderr.contains("gen: 2 errors; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("transports: [asyncHTTPClient] writes AsyncHTTPClientTransport.swift; a misspelled one is an error")
    func transports() throws {
        let (dir, result) = try generate(config: "transports: [asyncHTTPClient]\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let transport = try read(dir, "AsyncHTTPClientTransport.swift")
        #expect(transport.contains("import AsyncHTTPClient"))
        #expect(transport.contains("public struct AsyncHTTPClientTransport: HTTPTransport"))
        // Nothing else imports it: a target that does not ask builds no AsyncHTTPClient.
        #expect(try !read(dir, filesStartingWith: ["Client", "Runtime", "Models"]).contains("import AsyncHTTPClient"))

        let (bad, failed) = try generate(config: "transports: [asyncHTTPClinet]\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains(
                "gen-config.yaml:1:14: error: unknown transport 'asyncHTTPClinet' in 'transports'; did you mean 'asyncHTTPClient'?"
            ), "\(failed.stderr)")
    }

    @Test(
        "urlSession: false leaves URLSessionTransport and FoundationNetworking out; the client then takes a transport")
    func withoutURLSession() throws {
        let (dir, result) = try generate(config: "urlSession: false\nserver: true\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let all = try read(dir, filesStartingWith: [""])
        #expect(!all.contains("import FoundationNetworking"))
        #expect(!all.contains("struct URLSessionTransport") && !all.contains("URLSession("))
        #expect(try read(dir, "Client.swift").contains("        transport: any HTTPTransport,\n"))

        let (with, defaults) = try generate(config: "urlSession: true\n")
        defer { try? FileManager.default.removeItem(at: with) }
        #expect(defaults.status == 0, "\(defaults.stderr)")
        #expect(try read(with, "Runtime.swift").contains("public import FoundationNetworking"))
        #expect(try read(with, "Client.swift").contains("transport: any HTTPTransport = URLSessionTransport(),"))

        let (wrong, refused) = try generate(config: "urlSession: no\n")
        defer { try? FileManager.default.removeItem(at: wrong) }
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("gen-config.yaml:1:13: error:"), "\(refused.stderr)")
    }

    @Test("server: true writes the server side; servers: lists adapters; client: false leaves the operations out")
    func serverSide() throws {
        let (dir, result) = try generate(config: "servers: [hummingbird, vapor]\nclient: false\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let server = try read(dir, "Server.swift")
        #expect(server.contains("public protocol APIHandler: Sendable"))
        #expect(
            server.contains("func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Response"))
        #expect(try read(dir, "MockHandler.swift").contains("public struct MockHandler: APIHandler"))
        #expect(try read(dir, "HummingbirdAdapter.swift").contains("public import Hummingbird"))
        #expect(try read(dir, "VaporAdapter.swift").contains("public import Vapor"))
        // Only the adapters import their frameworks; no client operations.
        let rest = try read(dir, filesStartingWith: ["Client", "Runtime", "Models", "Server", "Mock"])
        #expect(!rest.contains("import Hummingbird") && !rest.contains("import Vapor"))
        #expect(!rest.contains("public func getRun(runID:"))

        let (bad, failed) = try generate(config: "servers: [humingbird]\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains(
                "gen-config.yaml:1:11: error: unknown server adapter 'humingbird' in 'servers'; did you mean 'hummingbird'?"
            ), "\(failed.stderr)")
        let (wrong, refused) = try generate(config: "server: yes please\n")
        defer { try? FileManager.default.removeItem(at: wrong) }
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("gen-config.yaml:1:9: error:"), "\(refused.stderr)")
    }

    @Test("eventStreams: a terminator for every stream and one per operation; a list where a string goes is an error")
    func eventStreamTerminators() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: Events, version: "1"}
            paths:
              /a:
                get:
                  operationId: streamA
                  responses:
                    "200": {description: A, content: {text/event-stream: {schema: {type: object}}}}
              /b:
                get:
                  operationId: streamB
                  responses:
                    "200": {description: B, content: {text/event-stream: {schema: {type: object}}}}
            """
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try spec.write(to: dir.appendingPathComponent("events.yaml"), atomically: true, encoding: .utf8)
        try """
        eventStreams:
          terminator: "[DONE]"
          operations:
            streamB: {terminator: "END"}
        """.write(to: dir.appendingPathComponent("gen-config.yaml"), atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["events.yaml", "--output", "out", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let client = try read(dir, filesStartingWith: ["Client+S"])
        #expect(client.contains("format: .serverSentEvents, terminator: \"[DONE]\""))
        #expect(client.contains("format: .serverSentEvents, terminator: \"END\""))

        try "eventStreams: {terminator: [DONE]}\n".write(
            to: dir.appendingPathComponent("gen-config.yaml"), atomically: true, encoding: .utf8)
        let failed = try run(genExecutable, ["events.yaml", "--output", "out2", "--quiet"], in: dir)
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains("gen-config.yaml:1:28: error: 'eventStreams.terminator' must be a string"),
            "\(failed.stderr)")
    }

    @Test("templates: a folder relative to the configuration renders the output")
    func templates() throws {
        let (dir, _) = try generate(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let custom = dir.appendingPathComponent("config/MyTemplates")
        try FileManager.default.createDirectory(
            at: custom.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"), to: custom)
        let header = custom.appendingPathComponent("partials/file-header.mustache")
        try (try String(contentsOf: header, encoding: .utf8)).replacingOccurrences(
            of: "// Generated by gen", with: "// Made by our gen"
        )
        .write(to: header, atomically: true, encoding: .utf8)
        try "templates: MyTemplates\n".write(
            to: dir.appendingPathComponent("config/gen.yaml"), atomically: true, encoding: .utf8)
        let result = try run(
            genExecutable, ["runs.yaml", "--output", "custom", "--quiet", "--config", "config/gen.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try String(contentsOf: dir.appendingPathComponent("custom/Models+R.swift"), encoding: .utf8).hasPrefix(
                "// Made by our gen"))
    }

    @Test("hashable: true makes the models Hashable; without it they are Equatable; another value is an error")
    func hashable() throws {
        let (dir, result) = try generate(config: "hashable: true\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read(dir, "Models+R.swift").contains("public struct RunInfo: Codable, Hashable, Sendable {"))
        let (plain, _) = try generate(config: nil)
        defer { try? FileManager.default.removeItem(at: plain) }
        #expect(try read(plain, "Models+R.swift").contains("public struct RunInfo: Codable, Equatable, Sendable {"))
        let (bad, badResult) = try generate(config: "hashable: yes please\n")
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(badResult.status == 1)
        #expect(
            badResult.stderr.contains("gen-config.yaml:1:11: error: 'hashable' must be true or false, found a string"),
            "\(badResult.stderr)")
    }

    @Test("--config names a configuration anywhere")
    func explicitConfig() throws {
        let (dir, _) = try generate(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "accessModifier: internal\n".write(
            to: dir.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        let result = try run(
            genExecutable, ["runs.yaml", "--output", "cfg", "--quiet", "--config", "other.yaml"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try String(contentsOf: dir.appendingPathComponent("cfg/Client.swift"), encoding: .utf8).contains(
                "internal struct Client"))
    }
}
