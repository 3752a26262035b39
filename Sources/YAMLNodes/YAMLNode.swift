/// Where a node starts in its file: 1-based line and column (libyaml's 0-based marks are converted once, here).
public struct SourceMark: Hashable, Sendable {
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int

    /// Creates a mark from 1-based `line` and `column`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// How a scalar was written. Quoted and block scalars are always strings; only plain ones are resolved.
public enum ScalarStyle: String, Hashable, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// A scalar's value under the YAML 1.2 core schema.
///
/// ```yaml
/// a: yes      # .string("yes")  (1.2: not a boolean)
/// b: 0x1F     # .int(31)
/// c: "42"     # .string("42")   (quoted: always a string)
/// ```
public enum ScalarValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

/// A scalar: its text as written (after YAML unescaping), its style and its resolved value.
public struct YAMLScalar: Hashable, Sendable {
    /// The text of the scalar, with escapes and folding applied by the YAML parser.
    public var text: String
    /// How the scalar was written.
    public var style: ScalarStyle
    /// The value under the YAML 1.2 core schema (or the explicit tag).
    public var value: ScalarValue

    /// Creates a scalar.
    public init(text: String, style: ScalarStyle, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }

    /// The scalar as a string when it resolved to one (`nil` for numbers, booleans and null).
    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }
}

/// One key/value pair of a mapping, in document order.
public struct YAMLPair: Sendable {
    /// The key node (almost always a string scalar in OpenAPI).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of a YAML document with the place it came from.
///
/// Aliases share the anchored node (copying a node copies references to its children), so a document
/// that aliases the same subtree many times costs no more memory than the subtree once.
public struct YAMLNode: Sendable {
    /// What a node holds.
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// The node's content.
    public var content: Content
    /// Where the node starts (for a mapping or sequence: its first token).
    public var mark: SourceMark

    /// Creates a node.
    public init(_ content: Content, at mark: SourceMark) {
        self.content = content
        self.mark = mark
    }

    /// The scalar, when this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The pairs in document order, when this node is a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    /// The items, when this node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// Whether this is the null scalar: `null`, `~`, or nothing at all after a key (`parameters:`).
    public var isNull: Bool {
        if case .scalar(let s) = content, case .null = s.value { return true }
        return false
    }

    /// The string value of a string scalar (`nil` for anything else, including numbers and booleans).
    public var string: String? { scalar?.string }

    /// The value for a string key of a mapping (first match; duplicate keys are already an error).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        // By index, comparing the key in place: `for pair in pairs` copied every pair (retaining its value's
        // storage) on the reader's most frequent call, a third of the time spent reading GitHub's spec.
        for index in pairs.indices {
            if case .scalar(let scalar) = pairs[index].key.content, case .string = scalar.value, scalar.text == key {
                return pairs[index].value
            }
        }
        return nil
    }

    /// A word for the node's kind in messages: "a mapping", "a sequence", "a string", "a number", …
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}
