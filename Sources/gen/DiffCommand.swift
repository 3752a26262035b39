import ArgumentParser
import Diagnostics
import Foundation
import Generator
import Surface
import SwiftEmitter
import SwiftPlanning

/// `gen diff OLD NEW [--format text|markdown|json] [--fail-on breaking|behavior|any]`.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report what changes for code that uses the generated Swift when the spec changes from OLD to NEW.",
        discussion: """
            Each side is a spec path or git:REV:path (read with `git show`, so the path is from the repository's \
            root, and $refs are read at the same revision). Both are translated with the same configuration as \
            `gen` would use, and the generated Swift API is compared: types, properties, enum cases, operations, \
            parameters, return types, error cases, servers and authentication. Each change is breaking, behavior \
            or additive, and names the Swift symbol and the spec location. Nothing is written.
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case breaking, behavior, any
    }

    @Argument(help: "The spec before the change: a path, or git:REV:path (e.g. git:main:api/runs.yaml).")
    var old: String

    @Argument(help: "The spec after the change: a path, or git:REV:path.")
    var new: String

    @Option(
        help: "text (default), markdown (a pull-request comment) or json.",
        transform: { text in
            guard let format = DiffReport.Format(rawValue: text) else {
                throw ValidationError("--format is text, markdown or json")
            }
            return format
        })
    var format: DiffReport.Format = .text

    @Option(
        help: "Exit 1 when there is a change of this kind or worse: breaking, behavior (breaking or behavior) or any.")
    var failOn: FailOn?

    @Option(
        help:
            "The configuration file applied to both sides. Default: gen-config.yaml, .yml or .json beside NEW when it is a file."
    )
    var config: String?

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        let newSource = APIDiff.Source(new)
        var configErrors = 0
        var defaultConfig: String?
        if case .file(let path) = newSource { defaultConfig = GenConfig.find(besideSpec: path) }
        guard let configuration = loadConfiguration(config ?? defaultConfig, errors: &configErrors) else {
            printError("gen: \(configErrors) error\(configErrors == 1 ? "" : "s") in the configuration")
            throw ExitCode(2)
        }
        var options = configuration.options
        options.exerciser = false
        let sides = [APIDiff.Source(old), newSource]
        let results = sides.map {
            APIDiff.side(
                $0, limits: limitOptions.limits, options: options, referenceRoots: configuration.referenceRoots)
        }
        var errors = 0
        for (label, (source, side)) in zip(["old", "new"], zip(sides, results)) {
            let problems = side.diagnostics.filter { $0.severity == .error }
            guard !problems.isEmpty else { continue }
            printError(
                "gen: the \(label) spec (\(source)) has \(problems.count) error\(problems.count == 1 ? "" : "s"):")
            let renderer = DiagnosticRenderer(sources: side.sources)
            for diagnostic in problems { printError(renderer.render(diagnostic), terminator: "") }
            errors += problems.count
        }
        guard let before = results[0].surface, let after = results[1].surface else {
            printError("gen: \(errors) error\(errors == 1 ? "" : "s"); no report")
            throw ExitCode(2)
        }
        let report = DiffReport(old: old, new: new, changes: APIDiff.changes(from: before, to: after))
        print(report.rendered(as: format), terminator: "")
        let failing: Set<APIChange.Kind>
        switch failOn {
        case nil: failing = []
        case .breaking?: failing = [.breaking]
        case .behavior?: failing = [.breaking, .behavior]
        case .any?: failing = Set(APIChange.Kind.allCases)
        }
        if report.changes.contains(where: { failing.contains($0.kind) }) { throw ExitCode(1) }
    }
}
