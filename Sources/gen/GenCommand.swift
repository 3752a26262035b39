import ArgumentParser
import Diagnostics
import Foundation
import Generator

/// `gen SPEC [--output DIR] [--templates DIR] [--check]`: the thin command over the Generator library.
@main
struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate Swift models, an async client and test fixtures from an OpenAPI 3.0/3.1 description.",
        discussion: """
            Writes Models.swift, Client.swift, Runtime.swift, Fixtures.swift and Fixtures/<operation>/<status>.json \
            into the output folder. Problems are printed as path:line:column: error|warning: message; \
            the exit status is 1 when any error was reported, and then nothing is written.
            """
    )

    @Argument(help: "The OpenAPI description (YAML or JSON).")
    var spec: String

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var output: String = "Generated"

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones.")
    var templates: String?

    @Flag(help: "Compare what would be generated with the output folder; write nothing. Exit 1 when they differ.")
    var check = false

    @Flag(help: "Write into an output folder that has files gen did not generate.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    var quiet = false

    func run() throws {
        let templateDirectory = templates ?? Generator.defaultTemplatesDirectory
        let result: Generator.Result
        do {
            result = Generator.generate(specPath: spec, templates: try Generator.loadTemplates(from: templateDirectory))
        } catch {
            printError("gen: error: \(error)")
            throw ExitCode(1)
        }
        let source = FileManager.default.contents(atPath: spec).map { String(decoding: $0, as: UTF8.self) }
        let renderer = DiagnosticRenderer(sources: source.map { [spec: $0] } ?? [:])
        for diagnostic in result.diagnostics {
            printError(renderer.render(diagnostic), terminator: "")
        }
        if result.hasErrors {
            let count = result.diagnostics.filter { $0.severity == .error }.count
            printError("gen: \(count) error\(count == 1 ? "" : "s"); nothing was written")
            throw ExitCode(1)
        }

        let directory = OutputDirectory(path: output)
        if check {
            let differences = directory.check(result.files)
            if differences.isEmpty {
                if !quiet { print("\(output) is up to date with \(spec)") }
                return
            }
            for difference in differences {
                switch difference.kind {
                case .stale: print("stale: \(output)/\(difference.path)\n\(difference.diff ?? "")")
                case .missing: print("missing: \(output)/\(difference.path)")
                case .extra: print("extra: \(output)/\(difference.path) (gen no longer generates it)")
                }
            }
            let fix = "swift run gen \(spec)" + (output == "Generated" ? "" : " --output \(output)")
                + (templates.map { " --templates \($0)" } ?? "")
            print("\(output) is out of date with \(spec); run `\(fix)` and commit the result")
            throw ExitCode(1)
        }
        do {
            let report = try directory.write(result.files, force: force)
            if !quiet {
                for path in report.written { print("wrote \(output)/\(path)") }
                for path in report.removed { print("removed \(output)/\(path)") }
                print("\(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed")
            }
        } catch {
            printError("gen: error: \(error)")
            throw ExitCode(1)
        }
    }

    private func printError(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }
}
