public import Diagnostics
import Foundation
import OpenAPIReader
public import SwiftPlanning
import YAMLNodes

/// `gen-config.yaml` (or `.yml`, `.json`) beside the spec, or the file given with `--config`: how to generate.
///
/// ```yaml
/// accessModifier: internal           # public (default), package or internal
/// filter:                            # only these operations, and the schemas they use
///   operations: [getRun]             #   by operationId
///   tags: [Runs]                     #   by tag
///   paths: [/api/v1/runs]            #   by path, as written in the spec
/// typeOverrides:
///   formats: {date-time: String, int32: Int32}
///   schemas: {Money: Decimal}        # a type of your own, Codable, Equatable (Hashable) and Sendable
/// fixtures: false                    # no Fixtures.swift or fixture files (default: true), or:
/// fixtures: {module: RunsAPI, output: ../Tests/RunsAPITests/Fixtures}   # for a test target of their own
/// templates: MyTemplates             # a templates folder, relative to this file
/// references: {roots: [../schemas]}  # folders `$ref`s may read besides the spec's own, relative to this file
/// hashable: true                     # models Hashable, not only Equatable (default: false)
/// server: true                       # also the server side: APIHandler, APIRouter, MockHandler (default: false)
/// client: false                      # leave the client's operations out, for a server-only module (default: true)
/// servers: [hummingbird, vapor]      # adapters that serve APIRouter through these frameworks
/// ```
public struct GenConfig: Sendable {
    /// Where it was read from, if from a file.
    public var path: String?
    /// The templates folder it names, relative to the current folder.
    public var templates: String?
    /// The generation options it sets.
    public var options = EmitOptions()
    /// The folder `Fixtures.swift` and the fixture files are written to, relative to the current folder, when
    /// not the output folder (`fixtures.output`).
    public var fixturesOutput: String?
    /// Folders besides the spec's own that its `$ref`s may read, relative to the current folder
    /// (`references.roots`).
    public var referenceRoots: [String] = []

    /// Creates the default configuration.
    public init() {}

    /// The file names looked for beside a spec, in this order.
    public static let fileNames = ["gen-config.yaml", "gen-config.yml", "gen-config.json"]

    /// The configuration file beside `spec`, if there is one.
    public static func find(besideSpec spec: String) -> String? {
        let folder = spec.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        for name in fileNames {
            let path = folder.isEmpty ? name : folder + "/" + name
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    private static let knownKeys: Set<String> = [
        "accessModifier", "filter", "typeOverrides", "fixtures", "templates", "hashable", "eventStreams",
        "transports", "server", "client", "servers", "references", "urlSession",
    ]

    /// Reads the configuration at `path`; problems are diagnostics at `path:line:column` (unknown keys are errors,
    /// with "did you mean").
    ///
    /// - Returns: The configuration (nil when there is an error), the diagnostics, and the file's text for excerpts.
    public static func load(_ path: String) -> (config: GenConfig?, diagnostics: [Diagnostic], text: String?) {
        let text: String
        switch Generator.readText(path) {
        case .failure(let diagnostic): return (nil, [diagnostic], nil)
        case .text(let read): text = read
        }
        let sink = DiagnosticCollector()
        var config = GenConfig()
        config.path = path
        if let root = YAMLParser.parse(text, file: path, diagnostics: sink) {
            ConfigReader(file: path, sink: sink).read(root, into: &config)
        }
        return (sink.hasErrors ? nil : config, sink.sorted, text)
    }

    /// Reads the nodes of a configuration file.
    private struct ConfigReader {
        let file: String
        let sink: DiagnosticCollector

        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        }

        /// Reports the diagnostic made for where `node` is written.
        func report(_ node: YAMLNode, _ diagnostic: (SourceLocation) -> Diagnostic) {
            sink.emit(diagnostic(location(node)))
        }

        /// The pairs of a mapping whose keys must be among `known`.
        func pairs(_ node: YAMLNode, _ what: String, known: Set<String>?) -> [YAMLPair] {
            guard let pairs = node.pairs else {
                report(node) { .wrongType(what, expected: "a mapping", found: node.kindDescription, at: $0) }
                return []
            }
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                guard let known, !known.contains(key) else { continue }
                let suggestion = KnownKeys.suggestion(for: key, in: known)
                report(pair.key) { .unknownConfigKey(key, in: what, suggestion: suggestion, known: known, at: $0) }
            }
            return pairs
        }

        func string(_ node: YAMLNode, _ what: String) -> String? {
            guard let scalar = node.scalar, case .string(let value) = scalar.value else {
                report(node) { .wrongType(what, expected: "a string", found: node.kindDescription, at: $0) }
                return nil
            }
            return value
        }

        func strings(_ node: YAMLNode, _ what: String) -> [OperationFilter.Entry] {
            guard let items = node.items else {
                report(node) { .wrongType(what, expected: "a list of strings", found: node.kindDescription, at: $0) }
                return []
            }
            return items.compactMap { item in string(item, "an entry of \(what)").map { .init($0, at: location(item)) }
            }
        }

        /// The listed names of a kind (`[hummingbird, vapor]`), each once, in the configuration's order; an unknown
        /// one is the diagnostic `unknown` makes, with "did you mean".
        func kinds<Kind: RawRepresentable & CaseIterable & Equatable>(
            _ node: YAMLNode, _ what: String,
            unknown: (_ name: String, _ suggestion: String?, _ location: SourceLocation) -> Diagnostic
        ) -> [Kind] where Kind.RawValue == String {
            var kinds: [Kind] = []
            for entry in strings(node, what) {
                guard let kind = Kind(rawValue: entry.value) else {
                    let known = Set(Kind.allCases.map(\.rawValue))
                    let suggestion = KnownKeys.suggestion(for: entry.value, in: known)
                    sink.emit(
                        unknown(
                            entry.value, suggestion, entry.location ?? SourceLocation(file: file, line: 1, column: 1)))
                    continue
                }
                if !kinds.contains(kind) { kinds.append(kind) }
            }
            return kinds
        }

        /// A path written in the configuration, relative to the configuration's folder.
        func relativeToConfig(_ path: String) -> String {
            let base = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
        }

        func read(_ root: YAMLNode, into config: inout GenConfig) {
            for pair in pairs(root, "the configuration", known: GenConfig.knownKeys) {
                let value = pair.value
                switch pair.key.scalar?.text {
                case "accessModifier":
                    guard let text = string(value, "'accessModifier'") else { continue }
                    guard let access = AccessModifier(rawValue: text) else {
                        report(value) {
                            .wrongType(
                                "'accessModifier'", expected: "public, package or internal", found: "'\(text)'", at: $0)
                        }
                        continue
                    }
                    config.options.access = access
                case "filter": config.options.filter = filter(value)
                case "typeOverrides": readTypeOverrides(value, into: &config.options.typeOverrides)
                case "fixtures": readFixtures(value, into: &config)
                case "hashable", "server", "client", "urlSession":
                    let key = pair.key.scalar?.text ?? ""
                    guard case .bool(let flag)? = value.scalar?.value else {
                        report(value) {
                            .wrongType("'\(key)'", expected: "true or false", found: value.kindDescription, at: $0)
                        }
                        continue
                    }
                    switch key {
                    case "server": config.options.server = flag
                    case "client": config.options.client = flag
                    case "urlSession": config.options.urlSession = flag
                    default: config.options.hashable = flag
                    }
                case "servers":
                    // `servers: [hummingbird, vapor]`: adapters, which need the server side.
                    config.options.serverAdapters = kinds(value, "'servers'", unknown: Diagnostic.unknownServerAdapter)
                    if !config.options.serverAdapters.isEmpty { config.options.server = true }
                case "transports":
                    // `transports: [asyncHTTPClient]`
                    config.options.transports = kinds(value, "'transports'", unknown: Diagnostic.unknownTransport)
                case "eventStreams": readEventStreams(value, into: &config.options.eventStreams)
                case "templates":
                    guard let folder = string(value, "'templates'") else { continue }
                    config.templates = relativeToConfig(folder)
                case "references": readReferences(value, into: &config)
                default:
                    break
                }
            }
        }

        /// `filter: {operations: [getRun], tags: [Runs], paths: [/api/v1/runs]}`.
        private func filter(_ value: YAMLNode) -> OperationFilter {
            var filter = OperationFilter()
            for entry in pairs(value, "'filter'", known: ["operations", "tags", "paths"]) {
                let key = entry.key.scalar?.text ?? ""
                let listed = strings(entry.value, "'filter.\(key)'")
                switch key {
                case "operations": filter.operations = listed
                case "tags": filter.tags = listed
                default: filter.paths = listed
                }
            }
            return filter
        }

        /// `typeOverrides: {formats: {date-time: String}, schemas: {Money: Decimal}}`.
        private func readTypeOverrides(_ value: YAMLNode, into overrides: inout TypeOverrides) {
            for entry in pairs(value, "'typeOverrides'", known: ["formats", "schemas"]) {
                let isFormats = entry.key.scalar?.text == "formats"
                for override in pairs(entry.value, "'typeOverrides.\(entry.key.scalar?.text ?? "")'", known: nil) {
                    let name = override.key.scalar?.text ?? ""
                    guard let type = string(override.value, "the type of '\(name)'") else { continue }
                    guard isFormats else {
                        overrides.schemas[name] = type
                        continue
                    }
                    let allowed = TypeOverrides.formatTypes.values.flatMap { $0 }
                    guard allowed.contains(type) else {
                        report(override.value) { .formatOverrideNotAllowed(name, type: type, allowed: allowed, at: $0) }
                        continue
                    }
                    overrides.formats[name] = type
                }
            }
        }

        /// `fixtures: false`, or `fixtures: {module: RunsAPI, output: ../Tests/RunsAPITests/Fixtures}`.
        private func readFixtures(_ value: YAMLNode, into config: inout GenConfig) {
            if case .bool(let enabled)? = value.scalar?.value {
                config.options.fixtures = enabled
                return
            }
            guard value.pairs != nil else {
                report(value) {
                    .wrongType(
                        "'fixtures'", expected: "true, false or a mapping with 'module' and 'output'",
                        found: value.kindDescription, at: $0)
                }
                return
            }
            for entry in pairs(value, "'fixtures'", known: ["module", "output"]) {
                guard let text = string(entry.value, "'fixtures.\(entry.key.scalar?.text ?? "")'") else { continue }
                if entry.key.scalar?.text == "module" {
                    config.options.fixturesModule = text
                } else {
                    config.fixturesOutput = relativeToConfig(text)
                }
            }
            if config.fixturesOutput != nil, config.options.fixturesModule == nil {
                report(value) { .fixturesOutputNeedsModule(at: $0) }
            }
        }

        /// `references: {roots: [../schemas]}`: folders `$ref`s may read besides the spec's, each one that exists.
        private func readReferences(_ value: YAMLNode, into config: inout GenConfig) {
            for entry in pairs(value, "'references'", known: ["roots"]) {
                for root in strings(entry.value, "'references.roots'") {
                    let path = relativeToConfig(root.value)
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue
                    else {
                        sink.emit(
                            .referenceRootNotAFolder(
                                path, at: root.location ?? SourceLocation(file: file, line: 1, column: 1)))
                        continue
                    }
                    config.referenceRoots.append(path)
                }
            }
        }

        /// `eventStreams: {terminator: "[DONE]", operations: {createRun: {terminator: "end", schema: RunEvent}}}`.
        private func readEventStreams(_ value: YAMLNode, into options: inout EventStreamOptions) {
            for entry in pairs(value, "'eventStreams'", known: ["terminator", "operations"]) {
                if entry.key.scalar?.text == "terminator" {
                    options.terminator = string(entry.value, "'eventStreams.terminator'")
                    continue
                }
                for operation in pairs(entry.value, "'eventStreams.operations'", known: nil) {
                    let id = operation.key.scalar?.text ?? ""
                    for setting in pairs(
                        operation.value, "'eventStreams.operations.\(id)'", known: ["terminator", "schema"])
                    {
                        let key = setting.key.scalar?.text ?? ""
                        guard let text = string(setting.value, "'eventStreams.operations.\(id).\(key)'") else {
                            continue
                        }
                        if key == "schema" { options.schemas[id] = text } else { options.terminators[id] = text }
                    }
                }
            }
        }
    }
}
