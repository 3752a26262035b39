import Foundation
import Generator
import SwiftEmitter
import SwiftPlanning
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
/// errors) and runs it; returns the exerciser's output, with the requests it sent (one JSON line each) when
/// `printsRequests`.
func exercise(specPath: String, module: String, printsRequests: Bool = false) throws -> String {
    let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
    // With the server side: every call also goes through the generated APIRouter in-process (inputs compared).
    var options = EmitOptions(exerciser: true)
    options.server = true
    let result = Generator.generate(specPath: specPath, templates: templates, options: options)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-corpus-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for file in result.filesWithoutFixtureJSON {
        try file.contents.write(to: dir.appendingPathComponent(file.path), atomically: true, encoding: .utf8)
    }
    let main =
        printsRequests
        ? exerciserMain + "for request in report.requests { print(request.jsonLine) }\n" : exerciserMain
    try main.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
    let build = try swiftc(["-module-name", module, "-o", "exercise"], in: dir)
    #expect(build.status == 0, "\(build.output)")
    #expect(build.output.isEmpty, "\(build.output)")
    guard build.status == 0 else { return "" }
    return try runProgram("exercise", in: dir)
}

/// The exerciser's closing line: operations, responses checked, inputs compared through the server side (0 without
/// it), failures.
func exerciserSummary(_ output: String) -> (operations: Int, responses: Int, inputs: Int, failures: Int)? {
    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("exerciser: ") }) else { return nil }
    let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    switch numbers.count {
    case 3: return (numbers[0], numbers[1], 0, numbers[2])
    case 4: return (numbers[0], numbers[1], numbers[2], numbers[3])
    default: return nil
    }
}

@Suite struct RunsExerciserTests {
    @Test("every operation of api/runs.yaml is called and every documented response checked, with no failure")
    func runsSpecExercised() throws {
        let output = try exercise(specPath: runsSpec.path, module: "Runs", printsRequests: true)
        let summary = try #require(exerciserSummary(output), "\(output)")
        #expect(summary.operations == 7)
        #expect(summary.responses >= 60)
        // Every documented status of every operation, and one undocumented each, through the router.
        #expect(summary.inputs == 45)
        #expect(summary.failures == 0, "\(output)")
        #expect(
            requestValidatorAvailable || ProcessInfo.processInfo.environment["CI"] == nil, "pip install openapi-core")
        guard requestValidatorAvailable else { return }
        let validation = try validateRequests(output, specPath: runsSpec.path)
        #expect(validation.validated == 14)
        #expect(validation.invalid.isEmpty, "\(validation.invalid.joined(separator: "\n"))")
    }
}

/// Whether openapi-core, the independent request validator, can run here (`pip install openapi-core`; CI installs
/// it, and there its absence fails the tests instead of skipping the validation).
let requestValidatorAvailable: Bool = {
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", "-c", "import openapi_core"]
    check.standardError = FileHandle.nullDevice
    guard (try? check.run()) != nil else { return false }
    check.waitUntilExit()
    return check.terminationStatus == 0
}()

/// Validates the requests in `output` (an exerciser's, with its JSON lines) against `specPath` with openapi-core
/// (`Scripts/validate-requests.py`); returns how many were validated and the invalid ones, but for the validator
/// limits and spec errors `Scripts/validator-limits.txt` lists (the README says why for each).
func validateRequests(_ output: String, specPath: String) throws -> (validated: Int, invalid: [String]) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("gen-requests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try output.write(to: file, atomically: true, encoding: .utf8)
    let scripts = runsSpec.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", scripts.appendingPathComponent("validate-requests.py").path, "--limits",
        scripts.appendingPathComponent("validator-limits.txt").path, specPath, file.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let lines = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .split(separator: "\n").map(String.init)
    process.waitUntilExit()
    let counts = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
    return (counts.first ?? -1, lines.dropFirst().filter { !$0.hasPrefix("limit: ") })
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sharedSpecs.path), "needs ../shared/specs"))
struct CorpusTests {
    @Test(
        "real-world specs generate, compile with no warnings, and every documented response of every operation is checked",
        arguments: ciCorpus)
    func exercised(spec: String) throws {
        let path = sharedSpecs.appendingPathComponent(spec).path
        let output = try exercise(specPath: path, module: "Corpus", printsRequests: true)
        let summary = try #require(exerciserSummary(output), "\(output)")
        #expect(summary.failures == 0, "\(output)")
        // Every operation has at least one check (its documented responses, or an undocumented status), and at
        // least one round trip through the generated router.
        #expect(summary.responses >= summary.operations)
        #expect(summary.inputs >= summary.operations)
        // Both calls of every operation, each request valid per openapi-core.
        let inCI = ProcessInfo.processInfo.environment["CI"] != nil
        #expect(requestValidatorAvailable || !inCI, "openapi-core is missing: pip install openapi-core")
        guard requestValidatorAvailable else { return }
        let validation = try validateRequests(output, specPath: path)
        #expect(validation.validated == 2 * summary.operations)
        #expect(validation.invalid.isEmpty, "\(validation.invalid.prefix(10).joined(separator: "\n"))")
    }
}
