public import APIModel
public import Diagnostics
public import YAMLNodes

/// Reads a parsed OpenAPI 3.0/3.1 document into an `APIDocument`.
///
/// Problems are reported to the sink and reading goes on, so one run reports as many problems as it can.
/// Only a document that is not an OpenAPI 3 mapping at all stops the reader early.
public enum OpenAPIReader {
    /// Loads another file of a multi-file description: the path is the referencing file's folder joined with the
    /// `$ref`'s file part (`api/models/run.yaml`). Fails when the file cannot be read or parsed (the loader reports
    /// a broken file where it is broken) or may not be read (`FileLoadFailure.reason`, reported at the `$ref`).
    /// The reader asks for each file once.
    public typealias FileLoader = (_ path: String) -> Result<YAMLNode, FileLoadFailure>

    /// Why a file a `$ref` points into was not loaded.
    public struct FileLoadFailure: Error, Sendable {
        /// What the reader says at the `$ref` (`'../secret.yaml' is outside the spec's folder`); `nil` for
        /// "cannot load 'path'".
        public var reason: String?

        /// A failure reported at the `$ref` with `reason`, or as "cannot load" when it is `nil`.
        public init(reason: String? = nil) { self.reason = reason }
    }

    /// Reads `root`, the parsed text of `file`.
    ///
    /// - Parameter loadFile: Loads files that `$ref`s point into; without it, such references are errors.
    /// - Returns: The document, or `nil` when the root is not an OpenAPI 3 document. A non-nil result may still
    ///   come with errors in the sink; callers check `hasErrors` before using it.
    /// - Parameter maxReferenceDepth: The longest chain of `$ref`s followed at once.
    public static func read(
        _ root: YAMLNode, file: String, diagnostics: any DiagnosticSink, loadFile: FileLoader? = nil,
        maxReferenceDepth: Int = YAMLLimits.default.maxReferenceDepth
    ) -> APIDocument? {
        let context = ReaderContext(root: root, file: file, diagnostics: diagnostics, loadFile: loadFile)
        context.maxReferenceDepth = maxReferenceDepth
        return context.readDocument()
    }
}

/// State shared while reading one document: the root for `$ref` lookups, the file name, the sink, and the
/// references being followed (to stop cycles).
final class ReaderContext {
    /// The document being read now: the spec, or a file a `$ref` led into (locations and `#/…` refer to it).
    private(set) var root: YAMLNode
    private(set) var file: String
    let specFile: String
    let diagnostics: any DiagnosticSink
    let loadFile: OpenAPIReader.FileLoader?
    /// Files loaded so far (or why not), so each is parsed once.
    var loadedFiles: [String: Result<YAMLNode, OpenAPIReader.FileLoadFailure>] = [:]
    var followingRefs: [String] = []
    /// Memoized `split(_:)` results: current file → $ref → (file, pointer).
    var splitRefs: [String: [String: (file: String, pointer: String)]] = [:]
    /// Memoized `relativeToSpec(_:)` results.
    var relativePaths: [String: String] = [:]
    /// Schema objects read so far; aliases can make a small file describe an enormous tree, so reading stops
    /// with an error past `maxSchemaReads`.
    var schemaReads = 0
    let maxSchemaReads = YAMLLimits.maxSchemaReads
    var reportedBudget = false
    /// The longest chain of `$ref`s followed at once.
    var maxReferenceDepth = YAMLLimits.default.maxReferenceDepth
    var componentSchemaNames: Set<String> = []
    /// Security schemes whose `$ref` points to a URL, with where: an error only where a requirement uses one.
    var remoteSecuritySchemes: [String: (ref: String, location: SourceLocation)] = [:]
    /// The names of `remoteSecuritySchemes` that a requirement uses (each reported as an error there).
    var usedRemoteSecuritySchemes: Set<String> = []
    /// `openapi` as written, once read.
    var openAPIVersion = ""
    /// 3.2's `$self` when it is an absolute URI (`https://example.com/api/openapi.yaml`), without a fragment: a
    /// `$ref` to it, or to a URI below its folder, is the entry document or a file below the spec's folder.
    var selfURI: String?
    /// Schemas from other files (or from places other than the spec's components), named as types:
    /// canonical reference (`api/models.yaml#/Run`) → type key.
    var externalSchemaKeys: [String: String] = [:]
    var externalSchemas: [NamedSchema] = []

    init(root: YAMLNode, file: String, diagnostics: any DiagnosticSink, loadFile: OpenAPIReader.FileLoader?) {
        self.root = root
        self.file = file
        self.specFile = file
        self.diagnostics = diagnostics
        self.loadFile = loadFile
        loadedFiles[file] = .success(root)
    }

    /// Runs `body` with `node`'s file as the current document.
    func inDocument<T>(file: String, root: YAMLNode, _ body: () -> T) -> T {
        let (savedFile, savedRoot) = (self.file, self.root)
        (self.file, self.root) = (file, root)
        defer { (self.file, self.root) = (savedFile, savedRoot) }
        return body()
    }

    /// `api/runs.yaml` + `models/run.yaml` → `api/models/run.yaml` (`.` and `..` resolved where possible).
    static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let directory = base.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return normalize(directory.isEmpty ? relative : directory + "/" + relative)
    }

    /// `file` relative to the folder of `spec` (`api/models/pet.yaml` from `api/root.yaml` is `models/pet.yaml`), so
    /// spec paths in generated code do not depend on how gen was invoked.
    static func relative(_ file: String, from spec: String) -> String {
        let base = normalize(spec).split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let target = file.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < base.count, common < target.count - 1, base[base.startIndex + common] == target[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Splits a `$ref` into the file it names (the current one when it starts with `#`; a spec file for a URI
    /// below 3.2's `$self`) and the JSON pointer.
    func split(_ ref: String) -> (file: String, pointer: String) {
        // Large multi-file specs name the same few files from thousands of $refs: path arithmetic once per pair.
        if let known = splitRefs[file]?[ref] { return known }
        let result = splitUncached(ref)
        splitRefs[file, default: [:]][ref] = result
        return result
    }

    func splitUncached(_ ref: String) -> (file: String, pointer: String) {
        if let local = besideSelf(ref) { return local }
        guard let hash = ref.firstIndex(of: "#") else {
            return (Self.join(file, ref.removingPercentEncodingIfValid), "#")
        }
        let filePart = String(ref[..<hash])
        let pointer = String(ref[hash...])
        return (filePart.isEmpty ? file : Self.join(file, filePart.removingPercentEncodingIfValid), pointer)
    }

    /// `file` relative to the spec's folder, computed once per file.
    func relativeToSpec(_ file: String) -> String {
        if let known = relativePaths[file] { return known }
        let result = Self.relative(file, from: specFile)
        relativePaths[file] = result
        return result
    }

    /// The root of `path`, loading it on first use.
    func document(_ path: String) -> Result<YAMLNode, OpenAPIReader.FileLoadFailure> {
        if let loaded = loadedFiles[path] { return loaded }
        let result = loadFile?(path) ?? .failure(OpenAPIReader.FileLoadFailure())
        loadedFiles[path] = result
        return result
    }

    // MARK: - Small helpers

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    func emit(_ diagnostic: Diagnostic) { diagnostics.emit(diagnostic) }

    /// Whether the document is OpenAPI 3.2.
    var is32: Bool { openAPIVersion.hasPrefix("3.2") }

    /// `pairs(of:_:known:)` for an object `KnownKeys.added32` names (`"mediaType"`): in a 3.2 document its 3.2 keys
    /// are known too, and each one gen does not act on yet gets a located warning.
    func pairs(of node: YAMLNode, _ what: String, known: Set<String>, object: String) -> [YAMLPair]? {
        guard is32, let added = KnownKeys.added32[object] else { return pairs(of: node, what, known: known) }
        let read = pairs(of: node, what, known: known.union(added))
        for pair in read ?? [] {
            let key = pair.key.scalar?.text ?? ""
            if added.contains(key), !KnownKeys.actedOn32.contains(object + "." + key) {
                emit(.notActedOn32("'\(key)'", in: what, at: location(pair.key)))
            }
        }
        return read
    }

    /// The pairs of a mapping, checking every key against `known` (extensions `x-` always pass). A key written
    /// with nothing after it (null) reads as an empty mapping, with a warning.
    func pairs(of node: YAMLNode, _ what: String, known: Set<String>?) -> [YAMLPair]? {
        if node.isNull {
            emit(.emptyValue(what, at: location(node)))
            return []
        }
        guard let pairs = node.pairs else {
            emit(.wrongType(what, expected: "a mapping", found: node.kindDescription, at: location(node)))
            return nil
        }
        if let known {
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                if key.hasPrefix("x-") || known.contains(key) { continue }
                emit(
                    .unknownKey(
                        key, in: what, suggestion: KnownKeys.suggestion(for: key, in: known), at: location(pair.key)))
            }
        }
        return pairs
    }

    func string(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            emit(.wrongType(what, expected: "a string", found: node.kindDescription, at: location(node)))
            return nil
        }
        if case .string(let s) = scalar.value { return s }
        // A number or boolean where a string is expected (`version: 1.0`) is taken as written.
        if case .null = scalar.value { return nil }
        return scalar.text
    }

    /// The items of a list; a key written with nothing after it (null) reads as absent, with a warning.
    func list(_ node: YAMLNode?, _ what: String) -> [YAMLNode]? {
        guard let node else { return nil }
        if node.isNull {
            emit(.emptyValue(what, at: location(node)))
            return nil
        }
        guard let items = node.items else {
            emit(.wrongType(what, expected: "a list", found: node.kindDescription, at: location(node)))
            return nil
        }
        return items
    }

    /// A Boolean. Every Boolean of a spec has a default, so anything else is a warning and reads as absent (the
    /// default); `"true"` and `"false"` written as strings are taken at their word.
    func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        if case .bool(let b)? = node.scalar?.value { return b }
        if node.isNull { return nil }
        switch node.scalar?.text.lowercased() {
        case "true"?:
            emit(.booleanAsString(what, value: true, at: location(node)))
            return true
        case "false"?:
            emit(.booleanAsString(what, value: false, at: location(node)))
            return false
        default:
            let found = node.scalar.map { "'\($0.text)'" } ?? node.kindDescription
            emit(.wrongTypeUsingDefault(what, expected: "true or false", found: found, at: location(node)))
            return nil
        }
    }

    func requiredString(_ parent: YAMLNode, _ key: String, in what: String) -> String? {
        guard let node = parent[key] else {
            emit(.missingKey(key, in: what, at: location(parent)))
            return nil
        }
        return string(node, "'\(key)' in \(what)")
    }

    func stringList(_ node: YAMLNode?, _ what: String) -> [String] {
        guard let items = list(node, what) else { return [] }
        return items.compactMap { string($0, "an entry of \(what)") }
    }

}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        // Byte-wise: the targets are the ASCII escapes of JSON pointers, and most segments hold none of them, which
        // a byte scan tells without the `Character` search that profiles showed in every `$ref`'s reading.
        let needle = Array(target.utf8)
        guard let first = needle.first, utf8.contains(first) else { return self }
        var result = ""
        var copied = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == first, utf8[index...].starts(with: needle) {
                result += self[copied..<index]
                result += replacement
                index = utf8.index(index, offsetBy: needle.count)
                copied = index
            } else {
                index = utf8.index(after: index)
            }
        }
        return copied == utf8.startIndex ? self : result + self[copied...]
    }

    /// Percent-decodes `%XX` escapes (JSON pointers in URI fragments may be percent-encoded); returns the text
    /// unchanged when it holds no valid escape.
    var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }

    func range(of target: String) -> Range<String.Index>? { self[...].range(of: target) }
}

extension Substring {
    func range(of target: String) -> Range<String.Index>? {
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
