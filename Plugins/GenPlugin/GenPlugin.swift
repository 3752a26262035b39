import Foundation
import PackagePlugin

/// Runs `gen` at build time on the target's OpenAPI description and compiles the result into the target.
///
/// The spec is the one file in the target named `openapi.yaml`, `openapi.yml` or `openapi.json` (or
/// `<anything>.openapi.yaml|yml|json`). An optional `gen-config.yaml` (or `.yml`, `.json`) beside it configures gen
/// (see the README's "Configuration"); gen reads it, and the plugin reads only `templates` and `fixtures`, which
/// decide its inputs and outputs. The inputs are the spec, every file it references through `$ref`, the config,
/// the templates and gen's runtime, so editing any of them regenerates and nothing else does.
@main
struct GenPlugin: BuildToolPlugin {
    /// The Swift files gen writes for a spec with `--every-file`; declared up front, as build plugins must. The
    /// models, the operations' inline types and the client's operations are spread over files by the first letter
    /// of their names (`Models+R.swift`, A to Z and `_`), so the build compiles them on every core and a change
    /// recompiles one small file (gen's `FileLayout.everyPartFile`; the plugin smoke test in .ci builds with them).
    static let outputs =
        ["Client.swift"]
        + ["Client", "Models", "Operations"].flatMap { part in letters.map { "\(part)+\($0).swift" } }
        + ["Runtime.swift", "Fixtures.swift"]

    /// `A` … `Z`, then `_`.
    static let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) } + ["_"]

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

        let genPackage = try Self.genPackage(in: context.package).directoryURL
        var templates = genPackage.appendingPathComponent("Templates")
        var inputs = [spec]
        var configArguments: [String] = []
        var outputs = Self.outputs
        // The config sits beside the spec.
        if let config = Self.configNames.lazy.map({ spec.deletingLastPathComponent().appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) })
        {
            inputs.append(config)
            configArguments = ["--config", config.path]
            let settings = try Self.pluginSettings(in: config)
            if let custom = settings.templates {
                templates = spec.deletingLastPathComponent().appendingPathComponent(custom)
            }
            // Production code need not carry test payloads: without fixtures there is no Fixtures.swift to compile;
            // with `fixtures.module`, this is the test target of that module and gets only Fixtures.swift.
            if !settings.fixtures { outputs.removeAll { $0 == "Fixtures.swift" } }
            // `transports: [asyncHTTPClient]`: a file that imports AsyncHTTPClient in this target.
            if settings.asyncHTTPClient { outputs.append("AsyncHTTPClientTransport.swift") }
            // `server: true`: the handler protocol and router, the mock handler with fixtures, and each adapter of
            // `servers:` (a file that imports its framework in this target).
            if settings.server {
                outputs.append("Server.swift")
                outputs += Self.letters.map { "Server+\($0).swift" }
                if settings.fixtures { outputs.append("MockHandler.swift") }
                for adapter in settings.adapters { outputs.append(adapter + "Adapter.swift") }
            }
            if settings.fixturesForModule { outputs = ["Fixtures.swift"] }
        }
        inputs += Self.files(below: templates, withExtension: "mustache")
        // The runtime gen copies into the module (gen's `Runtime/`, Swift files read as text).
        inputs += Self.files(below: genPackage.appendingPathComponent("Runtime"), withExtension: "swift")
        inputs += Self.referencedFiles(from: spec)

        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        return [
            .buildCommand(
                // The target in the name: two targets with the same spec file name are two distinct steps in the log.
                displayName: "Generating Swift code for \(spec.lastPathComponent) with gen (target \(target.name))",
                executable: try context.tool(named: "gen").url,
                arguments: [
                    spec.path, "--output", output.path, "--templates", templates.path, "--no-fixture-files",
                    "--every-file", "--force", "--quiet",
                ] + configArguments,
                inputFiles: inputs,
                outputFiles: outputs.map { output.appendingPathComponent($0) }
            )
        ]
    }

    static func isSpec(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return ["yaml", "yml", "json"].contains { name == "openapi.\($0)" || name.hasSuffix(".openapi.\($0)") }
    }

    /// The package that provides gen: this one when gen is built here, else the dependency that has it.
    static func genPackage(in package: Package) throws -> Package {
        var queue = [package]
        var seen = Set<String>()
        while !queue.isEmpty {
            let candidate = queue.removeFirst()
            guard seen.insert(candidate.directoryURL.path).inserted else { continue }
            if candidate.products.contains(where: { $0.name == "gen" }) { return candidate }
            queue += candidate.dependencies.map(\.package)
        }
        throw PluginError(
            "cannot find the package that provides 'gen' among the dependencies of '\(package.displayName)'")
    }

    /// The configuration file names gen looks for beside a spec, in its order.
    static let configNames = ["gen-config.yaml", "gen-config.yml", "gen-config.json"]

    /// The settings that decide the plugin's inputs and outputs: `templates` (a folder relative to the spec),
    /// `fixtures` (false: no Fixtures.swift) and `fixtures.module` (this target is that module's test target: only
    /// Fixtures.swift). gen reads and checks the whole file; plugins cannot use its YAML parser, so YAML is read here
    /// only for these, line by line.
    static func pluginSettings(in config: URL) throws -> Settings {
        let data = try Data(contentsOf: config)
        if config.pathExtension == "json" {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw PluginError(
                    "\(config.path):1:1: error: gen-config.json must be a JSON object such as {\"accessModifier\": \"internal\"}"
                )
            }
            let fixtures = object["fixtures"]
            let adapters = Self.adapters(object["servers"] as? [String] ?? [])
            return Settings(
                templates: object["templates"] as? String, fixtures: fixtures as? Bool ?? true,
                fixturesForModule: (fixtures as? [String: Any])?["module"] != nil,
                asyncHTTPClient: (object["transports"] as? [String])?.contains("asyncHTTPClient") == true,
                server: object["server"] as? Bool == true || !adapters.isEmpty, adapters: adapters)
        }
        var templates: String?
        var fixtures = true
        var fixturesForModule = false
        var asyncHTTPClient = false
        var server = false
        var adapterNames: [String] = []
        var topLevelKey = ""
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            // `transports:` followed by `  - asyncHTTPClient`
            if topLevelKey == "transports", content.trimmingCharacters(in: .whitespaces) == "- asyncHTTPClient" {
                asyncHTTPClient = true
            }
            // `servers:` followed by `  - hummingbird`
            let item = content.trimmingCharacters(in: .whitespaces)
            if topLevelKey == "servers", item.hasPrefix("- ") { adapterNames.append(String(item.dropFirst(2))) }
            guard let colon = content.firstIndex(of: ":") else { continue }
            let key = content[..<colon].trimmingCharacters(in: .whitespaces)
            let value = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !content.hasPrefix(" ") && !content.hasPrefix("\t") {
                topLevelKey = key
                if key == "templates", !value.isEmpty { templates = value }
                if key == "fixtures" {
                    fixtures = value != "false"
                    // `fixtures: {module: RunsAPI, …}`
                    if value.hasPrefix("{"), value.contains("module") { fixturesForModule = true }
                }
                // `transports: [asyncHTTPClient]`
                if key == "transports", value.contains("asyncHTTPClient") { asyncHTTPClient = true }
                if key == "server" { server = value == "true" }
                // `servers: [hummingbird, vapor]`
                if key == "servers", value.hasPrefix("[") {
                    adapterNames += value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                }
            } else if topLevelKey == "fixtures", key == "module" {
                fixturesForModule = true
            }
        }
        let adapters = Self.adapters(adapterNames)
        return Settings(
            templates: templates, fixtures: fixtures, fixturesForModule: fixturesForModule,
            asyncHTTPClient: asyncHTTPClient, server: server || !adapters.isEmpty, adapters: adapters)
    }

    /// What the configuration says about the plugin's inputs and outputs.
    struct Settings {
        var templates: String?
        var fixtures: Bool
        var fixturesForModule: Bool
        var asyncHTTPClient: Bool
        /// `server: true` (or any adapter).
        var server: Bool
        /// The adapters' file name prefixes (`Hummingbird`, `Vapor`), from `servers:`.
        var adapters: [String]
    }

    /// `Hummingbird` for `hummingbird`: the adapters gen writes, each once, in gen's order.
    static func adapters(_ names: [String]) -> [String] {
        let known = ["hummingbird": "Hummingbird", "vapor": "Vapor"]
        return ["hummingbird", "vapor"].filter { name in
            names.contains { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) == name }
        }.compactMap { known[$0] }
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
