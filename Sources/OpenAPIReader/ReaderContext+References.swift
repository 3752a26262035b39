import APIModel
import Diagnostics
import YAMLNodes

// Following $ref (local, into other files, cycles and depth) and reading nodes as JSON values.

extension ReaderContext {
    // MARK: - References

    /// Follows a local `$ref` (`#/components/responses/NotFound`) to its node.
    ///
    /// `body` is called with the target while the reference is on the stack, so a cycle is reported once.
    func withReference<T>(_ refNode: YAMLNode, _ body: (YAMLNode, String) -> T?) -> T? {
        guard let ref = string(refNode, "$ref") else { return nil }
        if isRemote(refNode) {
            emit(.remoteReference(ref, isNeeded: true, at: location(refNode)))
            return nil
        }
        let (targetFile, pointer) = split(ref)
        let canonical =
            targetFile == file && ref.hasPrefix("#") ? (file == specFile ? ref : file + ref) : targetFile + pointer
        if followingRefs.contains(canonical) {
            emit(.referenceCycle(ref, at: location(refNode)))
            return nil
        }
        if followingRefs.count >= maxReferenceDepth {
            emit(.referenceTooDeep(ref, limit: maxReferenceDepth, at: location(refNode)))
            return nil
        }
        let targetRoot: YAMLNode
        switch targetFile == file ? .success(root) : document(targetFile) {
        case .success(let node): targetRoot = node
        case .failure(let failure):
            emit(
                loadFile == nil
                    ? .externalReferenceNotFound(ref, at: location(refNode))
                    : .unresolvedReference(
                        ref, reason: failure.reason ?? "cannot load '\(targetFile)'", at: location(refNode)))
            return nil
        }
        guard let target = resolvePointer(pointer, in: targetRoot, ref: ref, at: refNode) else { return nil }
        followingRefs.append(canonical)
        defer { followingRefs.removeLast() }
        return inDocument(file: targetFile, root: targetRoot) {
            // A reference to a reference (`Loop: {$ref: ...}`) is followed to the end of the chain.
            if let next = target["$ref"], target.pairs?.count == 1 {
                return withReference(next, body)
            }
            return body(target, file == specFile ? pointer : relativeToSpec(file) + pointer)
        }
    }

    /// Whether a `$ref` names a URL (`https://…`), which gen never fetches; one below the document's `$self` is
    /// one of the spec's own files.
    func isRemote(_ refNode: YAMLNode) -> Bool {
        guard let text = refNode.scalar?.text.lowercased() else { return false }
        return (text.hasPrefix("http://") || text.hasPrefix("https://"))
            && refNode.scalar.flatMap { besideSelf($0.text) } == nil
    }

    /// The file and pointer of a `$ref` that names the entry document's `$self` (3.2) or a URI below its folder:
    /// the entry document, or the file at that path below the spec's folder (`https://example.com/api/openapi.yaml`
    /// and `https://example.com/api/schemas/pet.yaml#/Pet` are `schemas/pet.yaml` beside the spec).
    func besideSelf(_ ref: String) -> (file: String, pointer: String)? {
        guard let selfURI, let folderEnd = selfURI.lastIndex(of: "/") else { return nil }
        let hash = ref.firstIndex(of: "#") ?? ref.endIndex
        let target = String(ref[..<hash])
        let pointer = hash == ref.endIndex ? "#" : String(ref[hash...])
        if target == selfURI { return (specFile, pointer) }
        let folder = selfURI[...folderEnd]
        guard target.hasPrefix(folder), target.count > folder.count else { return nil }
        let rest = String(target.dropFirst(folder.count)).removingPercentEncodingIfValid
        // `..` may not climb out of the folder the URI names.
        guard !rest.split(separator: "/").contains("..") else { return nil }
        return (Self.join(specFile, rest), pointer)
    }

    /// The node a JSON pointer names in `document`, reporting the first segment that does not exist.
    func resolvePointer(_ pointer: String, in document: YAMLNode, ref: String, at refNode: YAMLNode) -> YAMLNode? {
        var node = document
        let pointer = pointer.dropFirst()  // "#"
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
        var budget = YAMLLimits.maxExampleValues
        let value = jsonValue(node, budget: &budget)
        if value == nil { emit(.exampleTooLarge(limit: YAMLLimits.maxExampleValues, at: location(node))) }
        return value
    }

    func jsonValue(_ node: YAMLNode, budget: inout Int) -> JSONValue? {
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
