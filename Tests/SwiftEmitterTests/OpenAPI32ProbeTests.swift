import Diagnostics
import Foundation
import Generator
import SwiftEmitter
import SwiftPlanning
import Testing

/// The OpenAPI 3.2 probe (`Tests/OpenAPI32Probe/openapi.yaml`): every 3.2 addition gen acts on in one document. It
/// generates without a diagnostic, compiles in Swift 6 mode with warnings as errors, its exerciser passes (client
/// calls and server round trips), and openapi-core's 3.2 validators find every request it sent valid.
@Suite struct OpenAPI32ProbeTests {
    static let probe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OpenAPI32Probe/openapi.yaml")

    @Test("the 3.2 probe generates cleanly, is exercised without failure, and openapi-core finds its requests valid")
    func probe() throws {
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        var options = EmitOptions(exerciser: true)
        options.server = true
        let generated = Generator.generate(specPath: Self.probe.path, templates: templates, options: options)
        #expect(generated.diagnostics.isEmpty, "\(generated.diagnostics.map(\.description))")

        let output = try exercise(specPath: Self.probe.path, module: "Probe", printsRequests: true)
        let summary = try #require(exerciserSummary(output), "\(output)")
        // QUERY, PURGE, two querystrings, a Server-sent events stream and a stream of two framings.
        #expect(summary.operations == 7)
        #expect(summary.responses >= 19)
        #expect(summary.inputs >= 15)
        #expect(summary.failures == 0, "\(output)")
        for method in [#""method":"QUERY""#, #""method":"PURGE""#, #"Cookie":"session="#] {
            #expect(output.contains(method), "\(method) was never sent")
        }
        #expect(
            requestValidatorAvailable || ProcessInfo.processInfo.environment["CI"] == nil, "pip install openapi-core")
        guard requestValidatorAvailable else { return }
        let validation = try validateRequests(output, specPath: Self.probe.path)
        #expect(validation.validated == 14)
        #expect(validation.invalid.isEmpty, "\(validation.invalid.joined(separator: "\n"))")
    }
}
