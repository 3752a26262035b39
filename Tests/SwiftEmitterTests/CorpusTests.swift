import Foundation
import Generator
import SwiftEmitter
import Testing

/// `../shared/specs` beside the package (CI lays it there); the corpus test is skipped without it.
let sharedSpecs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/specs")

/// The smaller real-world specs, generated and compiled in every CI run; `Scripts/corpus.sh` does all of them.
let ciCorpus = [
    "oai-examples/v3.0/api-with-examples.yaml", "oai-examples/v3.0/callback-example.yaml",
    "oai-examples/v3.0/link-example.yaml", "oai-examples/v3.0/petstore-expanded.yaml", "oai-examples/v3.0/petstore.yaml",
    "oai-examples/v3.0/uspto.yaml", "oai-examples/v3.1/non-oauth-scopes.yaml", "oai-examples/v3.1/tictactoe.yaml",
    "oai-examples/v3.1/webhook-example.yaml", "twilio/twilio_conversations_v1.yaml",
]

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sharedSpecs.path), "needs ../shared/specs"))
struct CorpusTests {
    @Test("real-world specs generate without errors and compile with no errors and no warnings", arguments: ciCorpus)
    func compiles(spec: String) throws {
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(specPath: sharedSpecs.appendingPathComponent(spec).path, templates: templates)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in result.filesWithoutFixtureJSON {
            try file.contents.write(to: dir.appendingPathComponent(file.path), atomically: true, encoding: .utf8)
        }
        let build = try swiftc(["-emit-library", "-module-name", "Corpus", "-o", "libcorpus.so"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(build.output.isEmpty, "\(build.output)")
    }
}
