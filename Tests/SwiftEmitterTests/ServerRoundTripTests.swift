import Foundation
import SwiftEmitter
import Testing

/// The server side of specs built to hold every construct: generated with the exerciser, compiled (Swift 6, warnings
/// as errors) and run, every call with every argument goes through the generated `APIRouter` in-process once per
/// documented response; the handler compares the `Input` it decoded with the arguments field by field.
@Suite struct ServerRoundTripTests {
    @Test(
        "every parameter style, body kind, status kind and auth scheme round-trips through the generated router",
        arguments: [
            ("kitchen sink", kitchenSinkSpec), ("styles", styleSpec), ("requests", requestSpec),
            ("outcomes", outcomesSpec), ("headers", headerSpec),
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
}
