import APIModel
public import Diagnostics
import Foundation
import OpenAPIReader
public import Surface
public import SwiftEmitter
public import SwiftPlanning
public import YAMLNodes

/// The whole pipeline: spec text → YAML nodes → API model → Swift files, as pure functions on values,
/// plus the file edge (reading the spec and templates, writing output) kept apart in `OutputDirectory`.
public enum Generator {
    /// What one run produced.
    public struct Result: Sendable {
        /// The files to write; empty when any error was reported.
        public var files: [GeneratedFile]
        /// Every diagnostic, sorted by position.
        public var diagnostics: [Diagnostic]
        /// The text of every file read (the spec and the files its `$ref`s lead into), by path, for excerpts.
        public var sources: [String: String] = [:]
        /// Seconds spent in each stage, in pipeline order (`parse` is the spec file; files that `$ref`s lead into are
        /// parsed during `read`).
        public var timings: [(stage: String, seconds: Double)] = []

        /// Whether any error was reported.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// What would be generated, in one sentence (for `gen --lint`).
        public var summary: String {
            let swiftFiles = files.filter { $0.path.hasSuffix(".swift") }
            let lines = swiftFiles.reduce(0) { $0 + $1.contents.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let operations =
                files.first { $0.path == "Client.swift" }.map {
                    $0.contents.components(separatedBy: " = OperationID(rawValue: ").count - 1
                } ?? 0
            return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); "
                + "would generate \(operations) operation\(operations == 1 ? "" : "s") in \(swiftFiles.count) Swift files "
                + "(\(lines) lines) and \(files.count - swiftFiles.count) fixture files"
        }

        /// The files without the review copies of the fixtures (`Fixtures/…/*.json`), for builds that only compile.
        public var filesWithoutFixtureJSON: [GeneratedFile] {
            files.filter { !($0.path.hasPrefix("Fixtures/") && $0.path.hasSuffix(".json")) }
        }
    }

    /// Runs the pipeline on a spec already in memory.
    ///
    /// - Parameters:
    ///   - specText: The spec's text.
    ///   - specPath: The path as the user gave it; diagnostics name it, the file header uses its last component.
    ///   - templates: The templates to render.
    ///   - limits: YAML resource limits.
    ///   - readFile: Reads the files `$ref`s point into (path → text, or a diagnostic when it cannot);
    ///     `nil` makes such references errors.
    public static func generate(
        specText: String, specPath: String, templates: TemplateSet, limits: YAMLLimits = .default,
        options: EmitOptions = EmitOptions(), readFile: (@Sendable (String) -> FileText)? = nil
    ) -> Result {
        let sink = DiagnosticCollector()
        let sources = SourceTexts(specPath: specPath, specText: specText)
        var files: [GeneratedFile] = []
        let clock = ContinuousClock()
        // Templates do not depend on the spec: they are parsed on the other core while the spec is read.
        let compiling = Background { CompiledTemplates(templates) }
        let (read, readTimings) = readDocument(
            specText: specText, specPath: specPath, limits: limits, readFile: readFile,
            sink: sink, sources: sources)
        var timings = readTimings
        if let document = read {
            let specName = specPath.split(separator: "/").last.map(String.init) ?? specPath
            let waitStart = clock.now
            let compiled = compiling.value
            timings.append(("templates", waitStart.duration(to: clock.now).inSeconds))
            var stageStart = clock.now
            files = SwiftEmitter.emit(
                document, specName: specName, templates: compiled, options: options,
                diagnostics: sink
            ) { stage in
                let now = clock.now
                timings.append((stage, stageStart.duration(to: now).inSeconds))
                stageStart = now
            }
        }
        _ = compiling.value
        var result = Result(files: sink.hasErrors ? [] : files, diagnostics: sink.sorted, sources: sources.texts)
        result.timings = timings
        return result
    }

    /// The Swift API that `generate` would produce for a spec in memory, without rendering it (for `gen diff`);
    /// `nil` when an error was reported.
    public static func surface(
        specText: String, specPath: String, limits: YAMLLimits = .default, options: EmitOptions = EmitOptions(),
        readFile: (@Sendable (String) -> FileText)? = nil
    ) -> (surface: APISurface?, diagnostics: [Diagnostic], sources: [String: String]) {
        let sink = DiagnosticCollector()
        let sources = SourceTexts(specPath: specPath, specText: specText)
        let document = readDocument(
            specText: specText, specPath: specPath, limits: limits, readFile: readFile,
            sink: sink, sources: sources
        ).document
        let surface = document.map {
            APISurface(
                $0, options: options, runtimeTypeNames: loadRuntime().typeNames(server: options.server),
                diagnostics: sink)
        }
        return (sink.hasErrors ? nil : surface, sink.sorted, sources.texts)
    }

    /// The spec parsed and read into the model (`nil` after any error), with the seconds of the `parse` and `read`
    /// stages; the text of every file read is kept in `sources` for excerpts.
    private static func readDocument(
        specText: String, specPath: String, limits: YAMLLimits, readFile: (@Sendable (String) -> FileText)?,
        sink: DiagnosticCollector, sources: SourceTexts
    ) -> (document: APIDocument?, timings: [(String, Double)]) {
        let clock = ContinuousClock()
        let start = clock.now
        guard let root = YAMLParser.parse(specText, file: specPath, limits: limits, diagnostics: sink) else {
            return (nil, [("parse", start.duration(to: clock.now).inSeconds)])
        }
        let parsed = clock.now
        let document = OpenAPIReader.read(
            root, file: specPath, diagnostics: sink,
            loadFile: fileLoader(readFile, limits: limits, sink: sink, sources: sources),
            maxReferenceDepth: limits.maxReferenceDepth)
        let timings = [
            ("parse", start.duration(to: parsed).inSeconds), ("read", parsed.duration(to: clock.now).inSeconds),
        ]
        return (sink.hasErrors ? nil : document, timings)
    }

    /// The reader's loader of the files `$ref`s lead into, parsing each and keeping its text for excerpts.
    private static func fileLoader(
        _ readFile: (@Sendable (String) -> FileText)?, limits: YAMLLimits, sink: DiagnosticCollector,
        sources: SourceTexts
    ) -> OpenAPIReader.FileLoader? {
        readFile.map { readFile in
            { path in
                switch readFile(path) {
                case .text(let text):
                    sources.texts[path] = text
                    guard let node = YAMLParser.parse(text, file: path, limits: limits, diagnostics: sink) else {
                        return .failure(OpenAPIReader.FileLoadFailure())
                    }
                    return .success(node)
                case .failure(let diagnostic):
                    // A missing or refused file is reported by the reader at the `$ref`, saying why; a broken one
                    // here, where it is broken.
                    guard diagnostic.location == nil else {
                        sink.emit(diagnostic)
                        return .failure(OpenAPIReader.FileLoadFailure())
                    }
                    return .failure(OpenAPIReader.FileLoadFailure(reason: diagnostic.message))
                }
            }
        }
    }

    /// What reading a file gave.
    public enum FileText: Sendable {
        case text(String)
        case failure(Diagnostic)
    }

    /// Reads the spec at `specPath` (and the files it references, below its folder or one of `referenceRoots`)
    /// and runs the pipeline; unreadable or non-UTF-8 files are reported as errors.
    public static func generate(
        specPath: String, templates: TemplateSet, limits: YAMLLimits = .default, options: EmitOptions = EmitOptions(),
        referenceRoots: [String] = []
    ) -> Result {
        let maxSize = limits.maxFileSize
        switch readText(specPath, maxSize: maxSize) {
        case .failure(let diagnostic):
            return Result(files: [], diagnostics: [diagnostic])
        case .text(let text):
            return generate(
                specText: text, specPath: specPath, templates: templates, limits: limits, options: options,
                readFile: confinedReader(specPath: specPath, roots: referenceRoots, maxSize: maxSize))
        }
    }

    /// Reads the files a spec's `$ref`s lead into, only below the spec's folder and the folders of `roots`
    /// (symbolic links resolved, `..` too): any other file is refused before it is opened, so a spec cannot pull
    /// another file of the machine into the generated code or into a diagnostic's excerpt.
    public static func confinedReader(
        specPath: String, roots: [String], maxSize: Int = YAMLLimits.default.maxFileSize
    ) -> @Sendable (String) -> FileText {
        let specFolder = specPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        let named = [specFolder.isEmpty ? "." : specFolder] + roots
        let resolved = named.compactMap(realPath).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        return { path in
            // A file that does not exist is reported as missing, whatever its folder.
            guard let real = realPath(path) else { return readText(path, maxSize: maxSize) }
            guard resolved.contains(where: { real.hasPrefix($0) }) else {
                return .failure(.outsideReferenceRoots(path, roots: named))
            }
            return readText(real, maxSize: maxSize)
        }
    }

    /// `path` with every symbolic link, `.` and `..` resolved (`realpath(3)`), or `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The UTF-8 text of a file, or why it cannot be had (missing, larger than `maxSize` bytes, not UTF-8).
    public static func readText(_ path: String, maxSize: Int = YAMLLimits.default.maxFileSize) -> FileText {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxSize {
            return .failure(.fileTooLarge(path, size: size, limit: maxSize))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.unreadableFile(path))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(invalidUTF8(data, file: path))
        }
        return .text(text)
    }

    /// Where the first invalid UTF-8 byte is.
    static func invalidUTF8(_ data: Data, file: String) -> Diagnostic {
        var line = 1
        var lineStart = 0
        var index = 0
        let bytes = [UInt8](data)
        while index < bytes.count {
            let byte = bytes[index]
            let length =
                byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            if length == 0 || index + length > bytes.count
                || String(validating: bytes[index..<index + length], as: UTF8.self) == nil
            {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                return .invalidUTF8(byte: byte, at: SourceLocation(file: file, line: line, column: column))
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return .invalidUTF8(byte: nil, at: SourceLocation(file: file, line: 1, column: 1))
    }

    // MARK: - Templates

    /// The templates shipped with gen: those installed beside it (`PREFIX/share/gen/Templates` for
    /// `PREFIX/bin/gen`, as `make install` lays them out), else `Templates/` of the package gen was built from.
    public static var defaultTemplatesDirectory: String {
        templatesDirectory(executable: Bundle.main.executablePath) { FileManager.default.fileExists(atPath: $0) }
    }

    /// `defaultTemplatesDirectory` for gen at `executable` (symbolic links followed), `exists` telling which paths
    /// are there.
    static func templatesDirectory(executable: String?, exists: (String) -> Bool) -> String {
        if let executable {
            let installed = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/gen/Templates").path
            if exists(installed) { return installed }
        }
        // Sources/Generator/Generator.swift → package root. The plugin and `--templates` can point elsewhere.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates").path
    }

    /// The runtime gen copies into every module: `PREFIX/share/gen/Runtime` beside an installed gen, else `Runtime/`
    /// of the package gen was built from (a target there, compiled and tested as Swift of its own).
    public static var defaultRuntimeDirectory: String {
        runtimeDirectory(executable: Bundle.main.executablePath) { FileManager.default.fileExists(atPath: $0) }
    }

    /// `defaultRuntimeDirectory` for gen at `executable`.
    static func runtimeDirectory(executable: String?, exists: (String) -> Bool) -> String {
        let templates = templatesDirectory(executable: executable, exists: exists)
        return URL(fileURLWithPath: templates).deletingLastPathComponent().appendingPathComponent("Runtime").path
    }

    /// Reads the runtime's Swift files (`RuntimeSources.allFiles`) from `directory`; a missing one is reported when
    /// the templates are compiled.
    public static func loadRuntime(from directory: String = defaultRuntimeDirectory) -> RuntimeSources {
        var texts: [String: String] = [:]
        for path in RuntimeSources.allFiles {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
            if let data = FileManager.default.contents(atPath: url.path),
                let text = String(validating: data, as: UTF8.self)
            {
                texts[path] = text
            }
        }
        return RuntimeSources(texts: texts, directory: directory)
    }

    /// Reads every `*.mustache` below `directory`; names are paths without the extension (`partials/struct`). The
    /// runtime comes with them, from `runtime`: templates a user copied still get the runtime of the gen they run.
    public static func loadTemplates(
        from directory: String, runtime: RuntimeSources = loadRuntime()
    ) throws -> TemplateSet {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw GeneratorError("templates folder '\(directory)' does not exist")
        }
        var texts: [String: String] = [:]
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(validating: data, as: UTF8.self)
            else {
                throw GeneratorError("cannot read template '\(path)'")
            }
            texts[String(relative.dropLast(".mustache".count))] = text
        }
        if texts.isEmpty { throw GeneratorError("no *.mustache templates in '\(directory)'") }
        return TemplateSet(texts: texts, directory: directory, runtime: runtime)
    }
}

/// A failure of the file edge (not a spec problem).
public struct GeneratorError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

extension Generator {
    /// The loaded templates (re-exported so callers need not import SwiftEmitter).
    public typealias Templates = TemplateSet
    /// One generated file (re-exported so callers need not import SwiftEmitter).
    public typealias File = GeneratedFile
}

extension Duration {
    /// The duration in seconds, for `--timings`.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// The text of every file read during one run, by path.
private final class SourceTexts {
    var texts: [String: String]

    init(specPath: String, specText: String) { texts = [specPath: specText] }
}

/// A value computed on another thread, waited for when it is read.
private final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = compute()
            self.done.signal()
        }
    }

    /// The value, once computed (waits for it; the semaphore orders the write before this read).
    var value: Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
