public import APIModel
public import Diagnostics
public import YAMLNodes

/// Reads a parsed OpenAPI 3.0/3.1 document into an `APIDocument`.
///
/// Problems are reported to the sink and reading goes on, so one run reports as many problems as it can.
/// Only a document that is not an OpenAPI 3 mapping at all stops the reader early.
public enum OpenAPIReader {
    /// Reads `root`, the parsed text of `file`.
    ///
    /// - Returns: The document, or `nil` when the root is not an OpenAPI 3 document. A non-nil result may still
    ///   come with errors in the sink; callers check `hasErrors` before using it.
    public static func read(_ root: YAMLNode, file: String, diagnostics: any DiagnosticSink) -> APIDocument? {
        let context = ReaderContext(root: root, file: file, diagnostics: diagnostics)
        return context.readDocument()
    }
}

/// State shared while reading one document: the root for `$ref` lookups, the file name, the sink, and the
/// references being followed (to stop cycles).
final class ReaderContext {
    let root: YAMLNode
    let file: String
    let diagnostics: any DiagnosticSink
    var followingRefs: [String] = []
    var componentSchemaNames: Set<String> = []

    init(root: YAMLNode, file: String, diagnostics: any DiagnosticSink) {
        self.root = root
        self.file = file
        self.diagnostics = diagnostics
    }

    // MARK: - Small helpers

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    func emit(_ diagnostic: Diagnostic) { diagnostics.emit(diagnostic) }

    /// The pairs of a mapping, checking every key against `known` (extensions `x-` always pass).
    func pairs(of node: YAMLNode, _ what: String, known: Set<String>?) -> [YAMLPair]? {
        guard let pairs = node.pairs else {
            emit(.wrongType(what, expected: "a mapping", found: node.kindDescription, at: location(node)))
            return nil
        }
        if let known {
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                if key.hasPrefix("x-") || known.contains(key) { continue }
                emit(.unknownKey(key, in: what, suggestion: KnownKeys.suggestion(for: key, in: known), at: location(pair.key)))
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

    func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        if case .bool(let b)? = node.scalar?.value { return b }
        emit(.wrongType(what, expected: "true or false", found: node.kindDescription, at: location(node)))
        return nil
    }

    func requiredString(_ parent: YAMLNode, _ key: String, in what: String) -> String? {
        guard let node = parent[key] else {
            emit(.missingKey(key, in: what, at: location(parent)))
            return nil
        }
        return string(node, "'\(key)' in \(what)")
    }

    func stringList(_ node: YAMLNode?, _ what: String) -> [String] {
        guard let node else { return [] }
        guard let items = node.items else {
            emit(.wrongType(what, expected: "a list", found: node.kindDescription, at: location(node)))
            return []
        }
        return items.compactMap { string($0, "an entry of \(what)") }
    }

    // MARK: - References

    /// Follows a local `$ref` (`#/components/responses/NotFound`) to its node.
    ///
    /// `body` is called with the target while the reference is on the stack, so a cycle is reported once.
    func withReference<T>(_ refNode: YAMLNode, _ body: (YAMLNode, String) -> T?) -> T? {
        guard let ref = string(refNode, "$ref") else { return nil }
        guard ref.hasPrefix("#") else {
            emit(.externalReferenceNotFound(ref, at: location(refNode)))
            return nil
        }
        if followingRefs.contains(ref) {
            emit(.referenceCycle(ref, at: location(refNode)))
            return nil
        }
        guard let target = resolvePointer(ref, at: refNode) else { return nil }
        followingRefs.append(ref)
        defer { followingRefs.removeLast() }
        // A reference to a reference (`Loop: {$ref: ...}`) is followed to the end of the chain.
        if let next = target["$ref"], target.pairs?.count == 1 {
            return withReference(next, body)
        }
        return body(target, ref)
    }

    /// The node a local JSON pointer names, reporting the first segment that does not exist.
    func resolvePointer(_ ref: String, at refNode: YAMLNode) -> YAMLNode? {
        var node = root
        let pointer = ref.dropFirst()  // "#"
        guard pointer.isEmpty || pointer.hasPrefix("/") else {
            emit(.unresolvedReference(ref, reason: "only JSON pointers ('#/…') are supported", at: location(refNode)))
            return nil
        }
        var walked = "#"
        for rawSegment in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let segment = Self.unescapePointerSegment(String(rawSegment))
            let next: YAMLNode?
            if let items = node.items {
                next = Int(segment).flatMap { items.indices.contains($0) ? items[$0] : nil }
            } else {
                next = node[segment]
            }
            guard let next else {
                emit(.unresolvedReference(ref, reason: "'\(segment)' not found in \(walked)", at: location(refNode)))
                return nil
            }
            walked += "/" + String(rawSegment)
            node = next
        }
        return node
    }

    static func unescapePointerSegment(_ segment: String) -> String {
        let decoded = segment.removingPercentEncodingIfValid
        return decoded.replacingOccurrences("~1", with: "/").replacingOccurrences("~0", with: "~")
    }

    static func escapePointerSegment(_ segment: String) -> String {
        segment.replacingOccurrences("~", with: "~0").replacingOccurrences("/", with: "~1")
    }

    // MARK: - JSON values

    /// Converts a node to a JSON value; aliases are expanded, within a budget so alias bombs cannot explode.
    func jsonValue(_ node: YAMLNode) -> JSONValue? {
        var budget = 1_000_000
        let value = jsonValue(node, budget: &budget)
        if value == nil { emit(.exampleTooLarge(at: location(node))) }
        return value
    }

    private func jsonValue(_ node: YAMLNode, budget: inout Int) -> JSONValue? {
        budget -= 1
        if budget < 0 { return nil }
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .integer(i)
            case .float(let d): return .number(d)
            case .string(let s): return .string(s)
            }
        case .sequence(let items):
            var values: [JSONValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                guard let v = jsonValue(item, budget: &budget) else { return nil }
                values.append(v)
            }
            return .array(values)
        case .mapping(let pairs):
            var members: [JSONMember] = []
            members.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let v = jsonValue(pair.value, budget: &budget) else { return nil }
                members.append(JSONMember(pair.key.scalar?.text ?? "", v))
            }
            return .object(members)
        }
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
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
