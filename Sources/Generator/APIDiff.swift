public import Diagnostics
import Foundation
public import Surface
import SwiftEmitter
public import SwiftPlanning
public import YAMLNodes

/// `gen diff OLD NEW`: what a spec change means for code that uses the generated Swift.
///
/// Both sides are translated with the same options as `gen` would use, into the generated API's surface
/// (`APISurface`), and the surfaces are compared (`SurfaceDiff`). Nothing is written to disk.
public enum APIDiff {
    /// Where one side's spec comes from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// A file on disk.
        case file(String)
        /// A file at a git revision (`git:main:api/runs.yaml`, the path from the repository's root as `git show`
        /// reads it), read through `git show`; the files its `$ref`s lead into come from the same revision.
        case git(revision: String, path: String)

        /// Reads `git:REV:path` or a plain path.
        public init(_ argument: String) {
            if argument.hasPrefix("git:") {
                let rest = argument.dropFirst(4)
                if let colon = rest.lastIndex(of: ":"), colon != rest.startIndex,
                    rest.index(after: colon) != rest.endIndex
                {
                    self = .git(revision: String(rest[..<colon]), path: String(rest[rest.index(after: colon)...]))
                    return
                }
            }
            self = .file(argument)
        }

        /// As the user wrote it; diagnostics name files of a git side this way.
        public var description: String {
            switch self {
            case .file(let path): path
            case .git(let revision, let path): "git:\(revision):\(path)"
            }
        }
    }

    /// One side, translated.
    public struct Side: Sendable {
        /// The generated API; `nil` when the spec has errors.
        public var surface: APISurface?
        /// Every diagnostic, files of a git side named `git:REV:path`.
        public var diagnostics: [Diagnostic]
        /// The text of every file read, by the name diagnostics use.
        public var sources: [String: String]
    }

    /// Reads and translates one side.
    public static func side(
        _ source: Source, limits: YAMLLimits = .default, options: EmitOptions = EmitOptions(),
        referenceRoots: [String] = []
    ) -> Side {
        let maxSize = limits.maxFileSize
        let specPath: String
        let read: @Sendable (String) -> Generator.FileText
        switch source {
        case .file(let path):
            specPath = path
            // The spec itself is read as given; the files its `$ref`s lead into only below its folder or a root.
            let confined = Generator.confinedReader(specPath: path, roots: referenceRoots, maxSize: maxSize)
            read = { $0 == path ? Generator.readText($0, maxSize: maxSize) : confined($0) }
        case .git(let revision, let path):
            // Files of this side are named `git:REV:./path` while read, so that `$ref`s resolve inside the name
            // (`..` stops at `.`, the repository's root), and `git:REV:path` in what the user sees.
            specPath = "git:\(revision):./" + path
            read = { name in
                guard case .git(let revision, let path) = Source(name), path.hasPrefix("./") else {
                    return .failure(.outsideRepository(name, of: "\(source)"))
                }
                return gitShow(revision: revision, path: String(path.dropFirst(2)), maxSize: maxSize)
            }
        }
        switch read(specPath) {
        case .failure(let diagnostic):
            return Side(surface: nil, diagnostics: [diagnostic], sources: [:])
        case .text(let text):
            let result = Generator.surface(
                specText: text, specPath: specPath, limits: limits, options: options, readFile: read)
            return Side(
                surface: result.surface, diagnostics: result.diagnostics.map(displayed),
                sources: Dictionary(
                    result.sources.map { (displayName($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// The changes from `old` to `new` (both translated without errors), files named as the user sees them.
    public static func changes(from old: APISurface, to new: APISurface) -> [APIChange] {
        SurfaceDiff.changes(from: old, to: new).map { change in
            var change = change
            change.location.file = displayName(change.location.file)
            return change
        }
    }

    /// `git:REV:./path` → `git:REV:path`; other names as they are.
    static func displayName(_ file: String) -> String {
        guard file.hasPrefix("git:"), let range = file.range(of: ":./", options: .backwards) else { return file }
        return file.replacingCharacters(in: range, with: ":")
    }

    private static func displayed(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if let file = diagnostic.location?.file { diagnostic.location?.file = displayName(file) }
        diagnostic.notes = diagnostic.notes.map(displayed)
        return diagnostic
    }

    /// The text of `path` at `revision`, through `git show`.
    static func gitShow(revision: String, path: String, maxSize: Int) -> Generator.FileText {
        let name = "git:\(revision):\(path)"
        guard let (status, data, message) = git(["show", "\(revision):\(path)"]) else {
            return .failure(.gitUnavailable(name))
        }
        guard status == 0 else {
            let reason = message.split(separator: "\n").first.map {
                String($0).replacingOccurrences(of: "fatal: ", with: "")
            }
            return .failure(.gitShowFailed(name, reason: reason))
        }
        if data.count > maxSize {
            return .failure(.fileTooLarge(name, size: data.count, limit: maxSize))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(Generator.invalidUTF8(data, file: name))
        }
        return .text(text)
    }

    /// The spec that last produced `output`, for `gen --check`: `spec` (a path) at the last commit that changed
    /// `output`; `nil` outside a git work tree, or when either was never committed.
    public static func committedSpec(_ spec: String, producing output: String) -> Source? {
        guard let (status, revision, _) = git(["log", "-1", "--format=%h", "--", output]), status == 0,
            let (listed, path, _) = git(["ls-files", "--full-name", "--", spec]), listed == 0
        else { return nil }
        let rev = String(decoding: revision, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = String(decoding: path, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !rev.isEmpty, !file.isEmpty, !file.contains("\n") else { return nil }
        return .git(revision: rev, path: file)
    }

    /// Runs git in the current folder: its status, standard output and standard error (`nil` if it cannot start).
    private static func git(_ arguments: [String]) -> (status: Int32, output: Data, error: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        // Standard error is read on another thread so neither pipe can fill up and block git.
        let errorData = Slots<Data>(count: 1)
        let errorHandle = err.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(0, errorHandle.readDataToEndOfFile())
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, data, String(decoding: errorData.all[0], as: UTF8.self))
    }
}

/// The changes between two generated APIs, printed for people (text, Markdown) or scripts (JSON).
public struct DiffReport: Sendable {
    /// How the report is printed.
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    public var old: String
    public var new: String
    /// Breaking first, then behavior, then additive.
    public var changes: [APIChange]

    public init(old: String, new: String, changes: [APIChange]) {
        self.old = old
        self.new = new
        self.changes = changes
    }

    /// The number of changes of `kind`.
    public func count(_ kind: APIChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }

    /// `2 breaking, 1 behavior, 3 additive`.
    public var counts: String {
        APIChange.Kind.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    public func rendered(as format: Format) -> String {
        switch format {
        case .text: text
        case .markdown: markdown
        case .json: json
        }
    }

    /// One line per change, grouped by kind: `api/runs.yaml:212:9: breaking: RunDetails.runStatus: now optional …`.
    public var text: String {
        if changes.isEmpty { return "No changes to the generated Swift API from \(old) to \(new).\n" }
        var out = "Swift API changes from \(old) to \(new): \(counts)\n"
        for kind in APIChange.Kind.allCases where count(kind) > 0 {
            out += "\n"
            for change in changes where change.kind == kind {
                out += "\(change.location): \(kind.rawValue): \(change.symbol): \(change.message)\n"
            }
        }
        return out
    }

    /// A pull-request comment: a heading, then a table per kind.
    public var markdown: String {
        var out = "### Swift API changes\n\n"
        out += "`\(old)` → `\(new)`: "
        if changes.isEmpty { return out + "no changes to the generated Swift API.\n" }
        out += APIChange.Kind.allCases.map { "**\(count($0)) \($0.rawValue)**" }.joined(separator: ", ") + "\n"
        for kind in APIChange.Kind.allCases where count(kind) > 0 {
            out += "\n#### \(Self.heading(kind))\n\n| Swift symbol | change | spec |\n| --- | --- | --- |\n"
            for change in changes where change.kind == kind {
                out +=
                    "| `\(Self.cell(change.symbol))` | \(Self.cell(change.message)) | `\(Self.cell(change.location.description))` |\n"
            }
        }
        return out
    }

    /// `{"old": …, "new": …, "summary": {…}, "changes": [{kind, symbol, message, file, line, column}]}`, keys sorted.
    public var json: String {
        struct Entry: Encodable {
            var kind: String, symbol: String, message: String, file: String, line: Int, column: Int
        }
        struct Document: Encodable {
            var old: String, new: String, summary: [String: Int], changes: [Entry]
        }
        let document = Document(
            old: old, new: new,
            summary: Dictionary(uniqueKeysWithValues: APIChange.Kind.allCases.map { ($0.rawValue, count($0)) }),
            changes: changes.map {
                Entry(
                    kind: $0.kind.rawValue, symbol: $0.symbol, message: $0.message, file: $0.location.file,
                    line: $0.location.line, column: $0.location.column)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }

    private static func heading(_ kind: APIChange.Kind) -> String {
        switch kind {
        case .breaking: "Breaking: code that uses the client may no longer compile or must handle something new"
        case .behavior: "Behavior: compiles as before; what is sent or decoded changes"
        case .additive: "Additive"
        }
    }

    /// Text safe in a Markdown table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
