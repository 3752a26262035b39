import Foundation
import Testing

/// `gen SPEC --list-outputs`, what the build plugin asks instead of reading gen-config itself.
@Suite struct ListOutputsTests {
    private func listing(_ config: String) throws -> (result: ProcessResult, json: [String: Any]?, dir: URL) {
        let dir = try makeTemporaryDirectory()
        let spec = dir.appendingPathComponent("openapi.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("api/runs.yaml"), to: spec)
        try config.write(to: dir.appendingPathComponent("gen-config.yaml"), atomically: true, encoding: .utf8)
        let result = try run(genExecutable, [spec.path, "--list-outputs"], in: dir)
        let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, json, dir)
    }

    @Test("the files, the configuration, the templates and the runtime, as JSON, and nothing written")
    func listsWhatTheConfigurationWrites() throws {
        let (result, json, dir) = try listing("server: true\nservers: [vapor]\nfixtures: false\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        let files = try #require(json?["files"] as? [String])
        #expect(files.count == 4 * 27 + 4)
        #expect(files.contains("Server+Q.swift") && files.contains("VaporAdapter.swift"))
        #expect(!files.contains("Fixtures.swift") && !files.contains("MockHandler.swift"))
        #expect(!files.contains("HummingbirdAdapter.swift"))
        #expect(json?["config"] as? String == dir.appendingPathComponent("gen-config.yaml").standardizedFileURL.path)
        #expect((json?["templates"] as? String)?.hasSuffix("/Templates") == true)
        #expect((json?["runtime"] as? String)?.hasSuffix("/Runtime") == true)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                "gen-config.yaml", "openapi.yaml",
            ])
    }

    @Test("a test target's configuration (fixtures.module) lists Fixtures.swift alone")
    func testTarget() throws {
        let (result, json, dir) = try listing("fixtures:\n  module: RunsAPI\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json?["files"] as? [String] == ["Fixtures.swift"])
    }

    @Test("a configuration error is reported at its place, and the plugin gets a failure")
    func configurationError() throws {
        let (result, _, dir) = try listing("servers: [rocket]\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(result.status == 1)
        #expect(result.stderr.contains("gen-config.yaml:1:"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
