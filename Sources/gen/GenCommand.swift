import ArgumentParser
import Diagnostics
import Foundation
import Generator
import SwiftEmitter
import SwiftPlanning
import YAMLNodes

/// `gen SPEC…` generates; `gen diff OLD NEW` reports what a spec change means for callers of the generated Swift.
@main
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate Swift models, an async client and test fixtures from an OpenAPI 3.0/3.1 description.",
        version: GenVersion.current,
        subcommands: [GenCommand.self, DiffCommand.self],
        defaultSubcommand: GenCommand.self
    )
}

/// YAML resource limits, shared by every subcommand.
struct LimitOptions: ParsableArguments {
    @Option(help: "The largest spec file read, in bytes.")
    var maxFileSize: Int = YAMLLimits.default.maxFileSize

    @Option(help: "The deepest nesting of YAML collections accepted.")
    var maxDepth: Int = YAMLLimits.default.maxDepth

    @Option(help: "The most YAML nodes accepted in one file, aliases expanded.")
    var maxNodes: Int = YAMLLimits.default.maxNodes

    @Option(help: "The longest chain of $refs followed at once.")
    var maxRefDepth: Int = YAMLLimits.default.maxReferenceDepth

    func validate() throws {
        if maxDepth > YAMLLimits.depthCeiling {
            throw ValidationError(
                "--max-depth can be at most \(YAMLLimits.depthCeiling); deeper documents could overflow the stack")
        }
    }

    var limits: YAMLLimits {
        YAMLLimits(maxDepth: maxDepth, maxNodes: maxNodes, maxReferenceDepth: maxRefDepth, maxFileSize: maxFileSize)
    }
}

/// `gen SPEC [--output DIR] [--templates DIR] [--check]`: the thin command over the Generator library.
struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Generate Swift models, an async client and test fixtures from an OpenAPI 3.0/3.1 description (the default).",
        discussion: """
            Writes Models.swift, Client.swift, Runtime.swift, Fixtures.swift and Fixtures/<operation>/<status>.json \
            into the output folder. Problems are printed as path:line:column: error|warning: message; \
            the exit status is 1 when any error was reported, and then nothing is written.
            """
    )

    @Argument(
        help:
            "The OpenAPI description(s), YAML or JSON. With several, each is generated into its own subfolder of the output folder, named after the spec file."
    )
    var specs: [String]

    @Option(name: .shortAndLong, help: "The folder to write into.")
    var output: String = "Generated"

    @Flag(inversion: .prefixedNo, help: "Write the fixtures also as Fixtures/<operation>/<status>.json for review.")
    var fixtureFiles = true

    @Flag(
        help:
            "Also write Exerciser.swift: `await Exerciser.run()` calls every operation against ReplayTransport and checks every documented response."
    )
    var exerciser = false

    @Flag(
        help:
            "Also write the server side: Server.swift (APIHandler, APIRouter), Server+X.swift (each operation's Input and Response) and MockHandler.swift (answers with the fixtures). Same as `server: true` in gen-config."
    )
    var server = false

    @Flag(
        help:
            "Write every Models+X.swift, Operations+X.swift and Client+X.swift, A to Z and _, those with nothing to declare as a header comment: a build plugin declares its output files before gen runs."
    )
    var everyFile = false

    @Option(help: "A folder of Mustache templates to use instead of the built-in ones.")
    var templates: String?

    @Option(
        help:
            "The configuration file (access level, filter, type overrides, fixtures). Default: gen-config.yaml, .yml or .json beside the spec, if there is one."
    )
    var config: String?

    @Flag(help: "Compare what would be generated with the output folder; write nothing. Exit 1 when they differ.")
    var check = false

    @Flag(help: "Write into an output folder that has files gen did not generate.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only diagnostics.")
    var quiet = false

    @Flag(help: "Check the spec and print every problem and a summary of what would be generated; write nothing.")
    var lint = false

    @Flag(help: "Print the time spent in each stage (parse, read, emit, write) on standard error.")
    var timings = false

    @Flag(
        help:
            "Print, as JSON, the Swift files gen writes for the spec's configuration with --every-file, and the configuration file, templates and runtime folders it reads; write nothing. The build plugin asks this to declare its inputs and outputs."
    )
    var listOutputs = false

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard !specs.isEmpty else {
            throw ValidationError("give the OpenAPI description to read, e.g. `gen api/runs.yaml`")
        }
        let names = specs.map(Self.subfolderName)
        if listOutputs, specs.count > 1 {
            throw ValidationError("--list-outputs takes one spec")
        }
        if specs.count > 1, let clash = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw ValidationError(
                "two specs would share the output subfolder '\(clash)'; rename one of them or run gen once per spec")
        }
    }

    /// `api/runs.yaml` → `runs`.
    static func subfolderName(_ spec: String) -> String {
        let file = spec.split(separator: "/").last.map(String.init) ?? spec
        return file.split(separator: ".").first.map(String.init) ?? file
    }

    /// One spec's result, with where it goes.
    private struct Generated {
        var spec: String
        var output: String
        var result: Generator.Result
        var options: EmitOptions
        /// Where the fixtures go when the configuration puts them in a folder of their own.
        var fixturesFolder: String?
    }

    func run() throws {
        if listOutputs { return try printOutputs() }
        // Generate everything first: with an error in any spec, nothing is written at all.
        var configErrors = 0
        // Template folders are read once per run, however many specs use them.
        var templateSets: [String: Generator.Templates] = [:]
        let generated = try specs.map {
            try generate($0, configErrors: &configErrors, templateSets: &templateSets)
        }
        if configErrors > 0 || generated.contains(where: { $0?.result.hasErrors ?? true }) {
            let count =
                configErrors
                + generated.compactMap { $0 }.flatMap(\.result.diagnostics).filter {
                    $0.severity == .error
                }.count
            printError("gen: \(count) error\(count == 1 ? "" : "s"); nothing was written")
            throw ExitCode(1)
        }
        let results = generated.compactMap { $0 }
        if lint {
            for item in results { print("\(item.spec): \(item.result.summary)") }
            return
        }
        var outOfDate = false
        for item in results {
            let files = fixtureFiles ? item.result.files : item.result.filesWithoutFixtureJSON
            // Each folder with its files: the fixtures may go to a test target's folder of their own.
            var folders = [(item.output, files)]
            if let fixturesFolder = item.fixturesFolder {
                let isFixture = { (file: Generator.File) in
                    file.path == "Fixtures.swift" || file.path.hasPrefix("Fixtures/")
                }
                folders = [(item.output, files.filter { !isFixture($0) }), (fixturesFolder, files.filter(isFixture))]
            }
            if check {
                for (folder, folderFiles) in folders {
                    // The API summary once per spec: with the client's folder, not again with a fixtures folder.
                    outOfDate =
                        !checkOutput(
                            folderFiles, spec: item.spec, output: folder,
                            summarizeWith: folder == item.output ? (item.options, limitOptions.limits) : nil)
                        || outOfDate
                }
            } else {
                try write(folders, timings: item.result.timings)
            }
        }
        if outOfDate { throw ExitCode(1) }
    }

    /// Generates `spec` with its configuration, printing its diagnostics; `nil` when the configuration has errors
    /// (counted in `configErrors`).
    private func generate(
        _ spec: String, configErrors: inout Int, templateSets: inout [String: Generator.Templates]
    ) throws -> Generated? {
        guard var configuration = loadConfiguration(config ?? GenConfig.find(besideSpec: spec), errors: &configErrors)
        else { return nil }
        configuration.options.exerciser = exerciser
        if server { configuration.options.server = true }
        configuration.options.everyFile = everyFile
        let templateFolder = templates ?? configuration.templates ?? Generator.defaultTemplatesDirectory
        let templateSet: Generator.Templates
        do {
            templateSet = try templateSets[templateFolder] ?? Generator.loadTemplates(from: templateFolder)
            templateSets[templateFolder] = templateSet
        } catch {
            printError("gen: error: \(error)")
            throw ExitCode(1)
        }
        let result = Generator.generate(
            specPath: spec, templates: templateSet, limits: limitOptions.limits, options: configuration.options,
            referenceRoots: configuration.referenceRoots)
        let renderer = DiagnosticRenderer(sources: result.sources)
        for diagnostic in result.diagnostics {
            printError(renderer.render(diagnostic), terminator: "")
        }
        return Generated(
            spec: spec, output: specs.count == 1 ? output : output + "/" + Self.subfolderName(spec), result: result,
            options: configuration.options, fixturesFolder: configuration.fixturesOutput)
    }

    /// Writes each folder's files, then prints the time of each stage with `--timings`.
    private func write(_ folders: [(String, [Generator.File])], timings: [(stage: String, seconds: Double)]) throws {
        let start = ContinuousClock.now
        for (folder, folderFiles) in folders { try write(folderFiles, output: folder) }
        let elapsed = start.duration(to: .now)
        if self.timings {
            let stages = timings.map { ($0.stage, $0.seconds) } + [("write", elapsed.inSeconds)]
            printError(
                "timings: " + stages.map { "\($0.0) \(String(format: "%.1f", $0.1 * 1000)) ms" }.joined(separator: ", ")
            )
        }
    }

    /// `--list-outputs`: what a build plugin declares, from the configuration alone (the spec is not read).
    private func printOutputs() throws {
        var errors = 0
        let configPath = config ?? GenConfig.find(besideSpec: specs[0])
        guard var configuration = loadConfiguration(configPath, errors: &errors) else {
            printError("gen: \(errors) error\(errors == 1 ? "" : "s") in the configuration")
            throw ExitCode(1)
        }
        configuration.options.exerciser = exerciser
        if server { configuration.options.server = true }
        let templateFolder = templates ?? configuration.templates ?? Generator.defaultTemplatesDirectory
        var listing: [String: Any] = [
            "files": Outputs.files(for: configuration.options),
            "templates": URL(fileURLWithPath: templateFolder).standardizedFileURL.path,
            "runtime": URL(fileURLWithPath: Generator.defaultRuntimeDirectory).standardizedFileURL.path,
        ]
        if let configPath { listing["config"] = URL(fileURLWithPath: configPath).standardizedFileURL.path }
        let data = try JSONSerialization.data(withJSONObject: listing, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }

    private func checkOutput(
        _ files: [Generator.File], spec: String, output: String,
        summarizeWith summary: (options: EmitOptions, limits: YAMLLimits)?
    ) -> Bool {
        let differences = OutputDirectory(path: output).check(files)
        if differences.isEmpty {
            if !quiet { print("\(output) is up to date with \(spec)") }
            return true
        }
        // What changed for callers, from the spec as it was when the output was last committed.
        if let (options, limits) = summary, let committed = APIDiff.committedSpec(spec, producing: output),
            let before = APIDiff.side(committed, limits: limits, options: options).surface,
            let after = APIDiff.side(.file(spec), limits: limits, options: options).surface
        {
            let report = DiffReport(
                old: committed.description, new: spec, changes: APIDiff.changes(from: before, to: after))
            print("API changes since the commit that last changed \(output):")
            print(report.text)
        }
        for difference in differences {
            switch difference.kind {
            case .stale: print("stale: \(output)/\(difference.path)\n\(difference.diff ?? "")")
            case .missing: print("missing: \(output)/\(difference.path)")
            case .extra: print("extra: \(output)/\(difference.path) (gen no longer generates it)")
            }
        }
        let fix =
            "swift run gen " + specs.joined(separator: " ")
            + (self.output == "Generated" ? "" : " --output \(self.output)")
            + (templates.map { " --templates \($0)" } ?? "")
        print("\(output) is out of date with \(spec); run `\(fix)` and commit the result")
        return false
    }

    private func write(_ files: [Generator.File], output: String) throws {
        do {
            let report = try OutputDirectory(path: output).write(files, force: force)
            if !quiet {
                for path in report.written { print("wrote \(output)/\(path)") }
                for path in report.removed { print("removed \(output)/\(path)") }
                print(
                    "\(output): \(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed"
                )
            }
        } catch {
            printError("gen: error: \(error)")
            throw ExitCode(1)
        }
    }

}

/// Writes to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// The configuration at `path` (the defaults without one); its problems are printed, and `nil` returned after errors.
func loadConfiguration(_ path: String?, errors: inout Int) -> GenConfig? {
    guard let path else { return GenConfig() }
    let (loaded, diagnostics, text) = GenConfig.load(path)
    let renderer = DiagnosticRenderer(sources: text.map { [path: $0] } ?? [:])
    for diagnostic in diagnostics { printError(renderer.render(diagnostic), terminator: "") }
    if loaded == nil { errors += diagnostics.filter { $0.severity == .error }.count }
    return loaded
}
