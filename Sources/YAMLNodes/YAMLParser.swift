internal import CYAML
public import Diagnostics

/// Limits that keep a hostile document from exhausting memory or time.
public struct YAMLLimits: Hashable, Sendable {
    /// The deepest nesting of sequences and mappings accepted.
    public var maxDepth: Int
    /// The most nodes in one document once its aliases are expanded (an alias counts as the whole subtree it
    /// names), so a "billion laughs" document is stopped as soon as it grows past the limit.
    public var maxNodes: Int

    /// The longest chain of `$ref`s the reader follows at once.
    public var maxReferenceDepth: Int
    /// The largest spec file read, in bytes (checked where files are read, before parsing).
    public var maxFileSize: Int

    /// The highest `maxDepth` accepted: deeper trees could overflow the stack of the stages that walk them.
    public static let depthCeiling = 4096
    /// The most schema objects the reader reads, aliases expanded: a document past it repeats aliases to blow up.
    public static let maxSchemaReads = 2_000_000
    /// The most values an example may hold once its aliases are expanded; a larger one is ignored.
    public static let maxExampleValues = 1_000_000

    /// Creates limits.
    public init(
        maxDepth: Int = 512, maxNodes: Int = 10_000_000, maxReferenceDepth: Int = 64, maxFileSize: Int = 64 << 20
    ) {
        self.maxDepth = min(maxDepth, Self.depthCeiling)
        self.maxNodes = maxNodes
        self.maxReferenceDepth = maxReferenceDepth
        self.maxFileSize = maxFileSize
    }

    /// Limits that every real OpenAPI document fits in with room to spare.
    public static let `default` = YAMLLimits()
}

/// Parses YAML text with libyaml into a `YAMLNode` tree.
///
/// The tree is built in one pass over libyaml's events without recursion, so nesting depth is bounded by
/// `YAMLLimits.maxDepth` and never by the thread's stack.
public enum YAMLParser {
    /// Parses the single document in `text`.
    ///
    /// - Parameters:
    ///   - text: The YAML (or JSON) text.
    ///   - file: The file's path as the user gave it; used only in diagnostics.
    ///   - limits: Resource limits.
    ///   - diagnostics: Receives syntax errors, duplicate keys and limit violations.
    /// - Returns: The root node, or `nil` when an error was reported.
    public static func parse(
        _ text: String,
        file: String,
        limits: YAMLLimits = .default,
        diagnostics: any DiagnosticSink
    ) -> YAMLNode? {
        var text = text
        return text.withUTF8 { buffer in
            var builder = TreeBuilder(file: file, limits: limits, diagnostics: diagnostics)
            return builder.run(buffer)
        }
    }
}

private struct TreeBuilder {
    enum Frame {
        case sequence(items: [YAMLNode], mark: SourceMark, anchor: String?, size: Int)
        case mapping(
            pairs: [YAMLPair], key: YAMLNode?, keys: [ScalarValue: SourceMark], mark: SourceMark, anchor: String?,
            size: Int)
    }

    let file: String
    let limits: YAMLLimits
    let diagnostics: any DiagnosticSink
    var stack: [Frame] = []
    /// Anchored nodes with their expanded sizes.
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var root: YAMLNode?
    var failed = false

    init(file: String, limits: YAMLLimits, diagnostics: any DiagnosticSink) {
        self.file = file
        self.limits = limits
        self.diagnostics = diagnostics
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func location(_ mark: SourceMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func fail(_ diagnostic: Diagnostic) {
        diagnostics.emit(diagnostic)
        failed = true
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            fail(.parserAllocationFailed)
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)

        var documents = 0
        var event = yaml_event_t()
        while !failed {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportSyntaxError(parser, buffer)
                return nil
            }
            defer { yaml_event_delete(&event) }
            let mark = SourceMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if documents == 0 {
                    fail(.emptyDocument(file: file))
                    return nil
                }
                return failed ? nil : root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    fail(.multipleDocuments(at: location(mark)))
                }
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor)
                guard let target = anchors[name ?? ""] else {
                    fail(.undefinedAlias(name ?? "", at: location(mark)))
                    return nil
                }
                add(YAMLNode(target.node.content, at: mark), size: target.size)
            case YAML_SCALAR_EVENT:
                let node = scalarNode(event.data.scalar, at: mark)
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (node, 1) }
                add(node, size: 1)
            case YAML_SEQUENCE_START_EVENT:
                guard push(at: mark) else { return nil }
                stack.append(
                    .sequence(items: [], mark: mark, anchor: string(event.data.sequence_start.anchor), size: 1))
            case YAML_MAPPING_START_EVENT:
                guard push(at: mark) else { return nil }
                stack.append(
                    .mapping(
                        pairs: [], key: nil, keys: [:], mark: mark, anchor: string(event.data.mapping_start.anchor),
                        size: 1)
                )
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                finishCollection()
            default:
                break
            }
        }
        return nil
    }

    /// A scalar's node: its text, style and value as the YAML 1.2 core schema resolves it (a tag naming a core type
    /// the text is not of is reported, and the text kept as a string).
    mutating func scalarNode(_ scalar: ScalarEventData, at mark: SourceMark) -> YAMLNode {
        let text =
            scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
            } ?? ""
        let style: ScalarStyle
        switch scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        var value: ScalarValue
        if let tag = string(scalar.tag), let tagged = CoreSchema.resolve(text, tag: tag) {
            value = tagged
        } else if style == .plain && scalar.tag == nil {
            value = CoreSchema.resolvePlain(text)
        } else {
            value = .string(text)
        }
        if let tag = string(scalar.tag), CoreSchema.resolve(text, tag: tag) == nil, tag.hasPrefix("tag:yaml.org,2002:")
        {
            diagnostics.emit(.invalidTaggedScalar(text, tag: tag, at: location(mark)))
            value = .string(text)
        }
        return YAMLNode(.scalar(YAMLScalar(text: text, style: style, value: value)), at: mark)
    }

    /// Ends the innermost sequence or mapping: its node joins its parent.
    mutating func finishCollection() {
        switch stack.removeLast() {
        case .sequence(let items, let start, let anchor, let size):
            finish(YAMLNode(.sequence(items), at: start), anchor: anchor, size: size)
        case .mapping(let pairs, _, _, let start, let anchor, let size):
            finish(YAMLNode(.mapping(pairs), at: start), anchor: anchor, size: size)
        }
    }

    mutating func push(at mark: SourceMark) -> Bool {
        if stack.count >= limits.maxDepth {
            fail(.nestingTooDeep(limit: limits.maxDepth, at: location(mark)))
            return false
        }
        return true
    }

    mutating func finish(_ node: YAMLNode, anchor: String?, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
        add(node, size: size)
    }

    /// Adds a finished node of expanded size `size` to the collection being built.
    mutating func add(_ node: YAMLNode, size: Int) {
        guard let top = stack.indices.last else {
            if root == nil { root = node }
            return
        }
        switch stack[top] {
        case .sequence(var items, let mark, let anchor, let total):
            stack[top] = .sequence(items: [], mark: mark, anchor: anchor, size: 0)  // release storage before appending
            items.append(node)
            stack[top] = .sequence(items: items, mark: mark, anchor: anchor, size: Self.saturatingSum(total, size))
            checkSize(Self.saturatingSum(total, size), at: node)
        case .mapping(var pairs, let key, var keys, let mark, let anchor, let total):
            stack[top] = .mapping(pairs: [], key: nil, keys: [:], mark: mark, anchor: anchor, size: 0)
            if let key {
                pairs.append(YAMLPair(key: key, value: node))
                stack[top] = .mapping(
                    pairs: pairs, key: nil, keys: keys, mark: mark, anchor: anchor,
                    size: Self.saturatingSum(total, size))
            } else {
                if let scalar = node.scalar {
                    // Most mappings are small: their keys are compared one by one; past `keyIndexThreshold` pairs
                    // (GitHub's `paths`, `components.schemas`) the keys go into a dictionary, built once.
                    let first: SourceMark?
                    if pairs.count < Self.keyIndexThreshold {
                        first = pairs.first { $0.key.scalar?.value == scalar.value }?.key.mark
                    } else {
                        if keys.isEmpty {
                            for pair in pairs {
                                if let value = pair.key.scalar?.value, keys[value] == nil {
                                    keys[value] = pair.key.mark
                                }
                            }
                        }
                        first = keys[scalar.value]
                        if first == nil { keys[scalar.value] = node.mark }
                    }
                    if let first {
                        fail(.duplicateKey(scalar.text, at: location(node.mark), firstAt: location(first)))
                    }
                }
                stack[top] = .mapping(
                    pairs: pairs, key: node, keys: keys, mark: mark, anchor: anchor,
                    size: Self.saturatingSum(total, size))
            }
            checkSize(Self.saturatingSum(total, size), at: node)
        }
    }

    /// The number of pairs from which a mapping's keys are looked up in a dictionary rather than compared in turn.
    static let keyIndexThreshold = 12

    /// `a + b`, or `Int.max` when it would overflow (a document can describe more nodes than an `Int` counts).
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Sizes only grow towards the root, so checking each collection as it grows catches an explosion at once.
    mutating func checkSize(_ size: Int, at node: YAMLNode) {
        if size > limits.maxNodes && !failed {
            fail(.tooManyNodes(limit: limits.maxNodes, at: location(node.mark)))
        }
    }

    mutating func reportSyntaxError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) {
        var problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var notes: [Diagnostic] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            notes.append(.note(context + " here", at: location(parser.context_mark)))
        }
        var problemLocation = location(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encoding, control characters) carry a byte offset, not a line and column.
            problemLocation = location(ofByte: min(Int(parser.problem_offset), buffer.count), in: buffer)
        } else if Int(parser.problem_mark.index) < buffer.count, buffer[Int(parser.problem_mark.index)] == 0x09 {
            problem += " (a tab: YAML indents with spaces only)"
        }
        fail(.yamlSyntax(problem, at: problemLocation, notes: notes))
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    func location(ofByte offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where buffer[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column =
            String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<offset]), as: UTF8.self).unicodeScalars
            .count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}

/// libyaml's scalar event data (`event.data.scalar`), as Swift imports its anonymous struct.
typealias ScalarEventData = yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar
