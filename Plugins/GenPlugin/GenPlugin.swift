import Foundation
import PackagePlugin

/// Runs `gen` at build time on the target's OpenAPI description and compiles the result into the target.
///
/// The spec is the one file in the target named `openapi.yaml`, `openapi.yml` or `openapi.json` (or
/// `<anything>.openapi.yaml|yml|json`). An optional `gen-config.yaml` (or `.yml`, `.json`) beside it configures gen
/// (see docs/Configuration.md). The plugin reads neither: it asks gen (`gen SPEC --list-outputs`) which files the
/// configuration produces and which configuration, templates and runtime gen reads. The inputs are the spec, every
/// file it references through `$ref`, the configuration, the templates and gen's runtime, so editing any of them
/// regenerates and nothing else does.
@main
struct GenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let specs = target.sourceFiles.map(\.url).filter(Self.isSpec).sorted { $0.path < $1.path }
        guard let spec = specs.first else {
            throw PluginError(
                "target '\(target.name)' has no OpenAPI description for GenPlugin: add 'openapi.yaml' (or a symlink to your spec) to the target's folder"
            )
        }
        guard specs.count == 1 else {
            throw PluginError(
                "target '\(target.name)' has \(specs.count) OpenAPI descriptions (\(specs.map(\.lastPathComponent).joined(separator: ", "))); GenPlugin generates one per target: move the others into targets of their own"
            )
        }
        let gen = try context.tool(named: "gen").url
        let listing = try Self.listing(gen: gen, spec: spec)
        var inputs = [spec] + (listing.config.map { [$0] } ?? [])
        inputs += Self.files(below: listing.templates, withExtension: "mustache")
        inputs += Self.files(below: listing.runtime, withExtension: "swift")
        inputs += Self.referencedFiles(from: spec)

        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        return [
            .buildCommand(
                // The target in the name: two targets with the same spec file name are two distinct steps in the log.
                displayName: "Generating Swift code for \(spec.lastPathComponent) with gen (target \(target.name))",
                executable: gen,
                arguments: [
                    spec.path, "--output", output.path, "--no-fixture-files", "--every-file", "--force", "--quiet",
                ],
                inputFiles: inputs,
                outputFiles: listing.files.map { output.appendingPathComponent($0) }
            )
        ]
    }

    /// What `gen SPEC --list-outputs` says: the Swift files it writes with `--every-file` for the spec's
    /// configuration (declared up front, as build plugins must; spread by first letter, A to Z and `_`, so the build
    /// compiles them on every core and a change recompiles one small file), and what it reads.
    struct Listing {
        var files: [String]
        var config: URL?
        var templates: URL
        var runtime: URL
    }

    /// Runs gen for its listing; gen's own messages (a configuration error at `path:line:column`) on failure.
    static func listing(gen: URL, spec: URL) throws -> Listing {
        let process = Process()
        process.executableURL = gen
        process.arguments = [spec.path, "--list-outputs"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = object["files"] as? [String], let templates = object["templates"] as? String,
            let runtime = object["runtime"] as? String
        else {
            throw PluginError("gen could not list its outputs for \(spec.path):\n\(messages)")
        }
        return Listing(
            files: files, config: (object["config"] as? String).map { URL(fileURLWithPath: $0) },
            templates: URL(fileURLWithPath: templates), runtime: URL(fileURLWithPath: runtime))
    }

    static func isSpec(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return ["yaml", "yml", "json"].contains { name == "openapi.\($0)" || name.hasSuffix(".openapi.\($0)") }
    }

    static func files(below directory: URL, withExtension ext: String) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }.sorted { $0.path < $1.path }
    }

    /// Every file reachable from `spec` through `$ref`s to other files (`$ref: 'models.yaml#/Run'`), transitively.
    static func referencedFiles(from spec: URL) -> [URL] {
        var found: [URL] = []
        var queue = [spec]
        var seen: Set<String> = [spec.standardizedFileURL.path]
        while !queue.isEmpty {
            let file = queue.removeFirst()
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for reference in externalReferences(in: text) {
                let url = URL(fileURLWithPath: reference, relativeTo: file.deletingLastPathComponent())
                    .standardizedFileURL
                guard seen.insert(url.path).inserted, FileManager.default.fileExists(atPath: url.path) else { continue }
                found.append(url)
                queue.append(url)
            }
        }
        return found
    }

    /// The file parts of `$ref` values in YAML or JSON text (local `#/…` references skipped).
    static func externalReferences(in text: String) -> [String] {
        var references: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "$ref") {
            rest = rest[range.upperBound...]
            var value = rest.drop { $0 == "\"" || $0 == "'" || $0 == " " || $0 == ":" || $0 == "\t" }
            value = value.prefix { !"\"'#\n\r }],".contains($0) }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.contains("://") { references.append(trimmed) }
        }
        return references
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
