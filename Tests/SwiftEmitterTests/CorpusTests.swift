import Foundation
import Generator
import SwiftEmitter
import Testing

/// `../shared/specs` beside the package (CI lays it there); the corpus test is skipped without it.
let sharedSpecs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/specs")

/// The package's own spec.
let runsSpec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("api/runs.yaml")

/// The smaller real-world specs, generated, compiled and exercised in every CI run; `Scripts/corpus.sh` does all
/// of them, GitHub, Asana, Twilio's API and DigitalOcean included.
let ciCorpus = [
    "oai-examples/v3.0/api-with-examples.yaml", "oai-examples/v3.0/callback-example.yaml",
    "oai-examples/v3.0/link-example.yaml", "oai-examples/v3.0/petstore-expanded.yaml",
    "oai-examples/v3.0/petstore.yaml",
    "oai-examples/v3.0/uspto.yaml", "oai-examples/v3.1/non-oauth-scopes.yaml", "oai-examples/v3.1/tictactoe.yaml",
    "oai-examples/v3.1/webhook-example.yaml", "twilio/twilio_conversations_v1.yaml",
]

/// Generates `specPath` with the exerciser, compiles it into a program (Swift 6, strict concurrency, warnings as
/// errors) and runs it; returns the exerciser's output.
func exercise(specPath: String, module: String) throws -> String {
    let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
    let result = Generator.generate(specPath: specPath, templates: templates, options: EmitOptions(exerciser: true))
    #expect(!result.hasErrors, "\(result.diagnostics)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-corpus-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for file in result.filesWithoutFixtureJSON {
        try file.contents.write(to: dir.appendingPathComponent(file.path), atomically: true, encoding: .utf8)
    }
    try exerciserMain.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
    let build = try swiftc(["-module-name", module, "-o", "exercise"], in: dir)
    #expect(build.status == 0, "\(build.output)")
    #expect(build.output.isEmpty, "\(build.output)")
    guard build.status == 0 else { return "" }
    return try runProgram("exercise", in: dir)
}

/// The exerciser's closing line: operations, responses checked, failures.
func exerciserSummary(_ output: String) -> (operations: Int, responses: Int, failures: Int)? {
    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("exerciser: ") }) else { return nil }
    let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard numbers.count == 3 else { return nil }
    return (numbers[0], numbers[1], numbers[2])
}

@Suite struct RunsExerciserTests {
    @Test("every operation of api/runs.yaml is called and every documented response checked, with no failure")
    func runsSpecExercised() throws {
        let output = try exercise(specPath: runsSpec.path, module: "Runs")
        let summary = try #require(exerciserSummary(output), "\(output)")
        #expect(summary.operations == 7)
        #expect(summary.responses >= 60)
        #expect(summary.failures == 0, "\(output)")
    }
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sharedSpecs.path), "needs ../shared/specs"))
struct CorpusTests {
    @Test(
        "real-world specs generate, compile with no warnings, and every documented response of every operation is checked",
        arguments: ciCorpus)
    func exercised(spec: String) throws {
        let output = try exercise(specPath: sharedSpecs.appendingPathComponent(spec).path, module: "Corpus")
        let summary = try #require(exerciserSummary(output), "\(output)")
        #expect(summary.failures == 0, "\(output)")
        // Every operation has at least one check (its documented responses, or an undocumented status).
        #expect(summary.responses >= summary.operations)
    }
}
