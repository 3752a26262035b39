import Foundation

/// Builds a string that matches a schema's `pattern`, for the regular-expression subset real specs use: literals
/// and escapes, character classes and ranges (negated too), `.`, `\d` `\w` `\s`, groups (capturing,
/// non-capturing, named) with alternatives, the quantifiers `?` `*` `+` `{n}` `{n,}` `{n,m}` (lazy or not) and the
/// anchors `^` `$` `\b`, and backreferences to a group built before them. Lookarounds are not built (nil). Every string built is checked
/// against the expression with Swift's `Regex`, so nil means "could not", never a wrong value.
///
/// ```
/// PatternSynthesizer.string(matching: "^AC[0-9a-fA-F]{32}$")   // "AC00000000000000000000000000000000"
/// PatternSynthesizer.string(matching: "^[a-z]+$", minLength: 3)  // "aaa"
/// ```
package enum PatternSynthesizer {
    /// A string matching `pattern` whose length is within the bounds, or nil when none can be built.
    package static func string(matching pattern: String, minLength: Int = 0, maxLength: Int? = nil) -> String? {
        guard let node = parse(pattern) else { return nil }
        // Open-ended repetitions are repeated more until the string is long enough.
        for extra in 0...min(max(minLength, 8), 1024) {
            var out = String.UnicodeScalarView()
            var captures: [Int: String.UnicodeScalarView] = [:]
            var budget = maxBuiltLength
            node.build(extra: extra, into: &out, captures: &captures, budget: &budget)
            guard budget >= 0 else { return nil }
            let text = String(out)
            if let maxLength, text.count > maxLength { return nil }  // longer with every repetition
            guard text.count >= minLength else { continue }
            return matches(text, pattern) != false ? text : nil
        }
        return nil
    }

    /// The longest string built (a spec's `a{1000}{1000}` must not exhaust memory).
    package static let maxBuiltLength = 4096

    /// Whether `text` contains a match of `pattern` (JSON Schema patterns are not implicitly anchored); nil when
    /// that is not checked: an expression outside the subset, or one whose matching could backtrack
    /// exponentially (a repeated group that repeats or alternates inside, `(a+)+$`), since both come from the
    /// spec and gen must not hang on it.
    package static func matches(_ text: String, _ pattern: String) -> Bool? {
        guard text.unicodeScalars.count <= maxBuiltLength else { return nil }
        switch checkers.checker(pattern) {
        case .unchecked: return nil
        // An expression Swift cannot compile matches nothing gen can check.
        case .invalid: return false
        case .regex(let regex): return (try? regex.firstMatch(in: text)) != nil
        }
    }

    private static let checkers = CheckerCache()

    /// Whether a server may match `pattern` against what clients send: inside the subset gen reads, and matched in
    /// linear time (no repeated group that repeats or alternates inside), so no request can make it backtrack
    /// exponentially.
    package static func isSafeToMatch(_ pattern: String) -> Bool {
        parse(pattern)?.isLinear() ?? false
    }

    /// How a pattern is checked, decided once per pattern (a spec repeats its patterns across hundreds of
    /// parameters): not at all (outside the subset, or nonlinear), never matching (Swift cannot compile it), or
    /// with its compiled `Regex`.
    private enum Checker {
        case unchecked, invalid
        case regex(Regex<AnyRegexOutput>)
    }

    private final class CheckerCache: @unchecked Sendable {
        private let lock = NSLock()
        private var checkers: [String: Checker] = [:]

        package func checker(_ pattern: String) -> Checker {
            if let cached = lock.withLock({ checkers[pattern] }) { return cached }
            let checker: Checker
            if let node = parse(pattern), node.isLinear() {
                checker = (try? Regex(pattern)).map(Checker.regex) ?? .invalid
            } else {
                checker = .unchecked
            }
            lock.withLock { checkers[pattern] = checker }
            return checker
        }
    }

    private static func parse(_ pattern: String) -> Node? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternatives(), parser.isAtEnd else { return nil }
        return node
    }

    /// A parsed expression.
    private indirect enum Node {
        /// Characters, any one of which is taken (the first allowed).
        case scalar(Unicode.Scalar)
        case sequence([Node])
        /// The first alternative is built.
        case alternatives([Node])
        case repeated(Node, min: Int, max: Int?)
        /// A capturing group (numbered from 1), and a reference to what one built.
        case group(Int, Node)
        case backreference(Int)
        /// Anchors and word boundaries: nothing to build.
        case empty

        /// Appends the node's string to `out`; `budget` counts the scalars still allowed (negative: too long).
        package func build(
            extra: Int, into out: inout String.UnicodeScalarView, captures: inout [Int: String.UnicodeScalarView],
            budget: inout Int
        ) {
            guard budget >= 0 else { return }
            switch self {
            case .scalar(let scalar):
                out.append(scalar)
                budget -= 1
            case .sequence(let nodes):
                for node in nodes { node.build(extra: extra, into: &out, captures: &captures, budget: &budget) }
            case .alternatives(let nodes):
                nodes.first?.build(extra: extra, into: &out, captures: &captures, budget: &budget)
            case .repeated(let node, let min, let max):
                let count = Swift.min(min + extra, max ?? Int.max)
                for _ in 0..<count where budget >= 0 {
                    node.build(extra: extra, into: &out, captures: &captures, budget: &budget)
                }
            case .group(let number, let node):
                var inner = String.UnicodeScalarView()
                node.build(extra: extra, into: &inner, captures: &captures, budget: &budget)
                captures[number] = inner
                out.append(contentsOf: inner)
            case .backreference(let number):
                // A group not built (or not yet) matches the empty string, as in ECMA-262.
                let text = captures[number] ?? String.UnicodeScalarView()
                out.append(contentsOf: text)
                budget -= text.count
            case .empty: break
            }
        }

        /// Whether a backtracking matcher takes time linear in the text: no repetition of a part that itself
        /// repeats or has alternatives.
        package func isLinear(insideRepetition: Bool = false) -> Bool {
            switch self {
            case .scalar, .backreference, .empty: true
            case .sequence(let nodes): nodes.allSatisfy { $0.isLinear(insideRepetition: insideRepetition) }
            case .alternatives(let nodes):
                !insideRepetition && nodes.allSatisfy { $0.isLinear(insideRepetition: insideRepetition) }
            case .repeated(let node, _, let max):
                !insideRepetition && node.isLinear(insideRepetition: max != 1)
            case .group(_, let node): node.isLinear(insideRepetition: insideRepetition)
            }
        }
    }

    /// A recursive-descent parser of the subset; nil for anything outside it.
    private struct Parser {
        package let scalars: [Unicode.Scalar]
        package var index = 0
        /// Capturing groups opened so far.
        package var groups = 0
        /// The largest repetition count read.
        package static let maxCount = 100_000

        package init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        package var isAtEnd: Bool { index == scalars.count }
        private var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        package mutating func parseAlternatives() -> Node? {
            var options: [Node] = []
            repeat {
                guard let sequence = parseSequence() else { return nil }
                options.append(sequence)
            } while consume("|")
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        private mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while let scalar = next, scalar != "|", scalar != ")" {
                guard let atom = parseAtom(), let quantified = parseQuantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        private mutating func parseAtom() -> Node? {
            guard let scalar = next else { return nil }
            index += 1
            switch scalar {
            case "^", "$": return .empty
            case ".": return .scalar("a")
            case "[": return parseClass()
            case "(":
                var number: Int? = nil
                if consume("?") {
                    if consume(":") {
                    } else if consume("<"), next != "=", next != "!" {
                        // A named group: skip the name.
                        while let c = next, c != ">" { index += 1 }
                        guard consume(">") else { return nil }
                        groups += 1
                        number = groups
                    } else {
                        return nil  // lookarounds, flags
                    }
                } else {
                    groups += 1
                    number = groups
                }
                guard let inner = parseAlternatives(), consume(")") else { return nil }
                return number.map { .group($0, inner) } ?? inner
            case "\\": return parseEscape(inClass: false).map { $0.node }
            case "*", "+", "?", "{", ")", "|": return nil
            default: return .scalar(scalar)
            }
        }

        /// An escape after `\`: a class shorthand (its first member), an anchor, or a literal.
        private mutating func parseEscape(inClass: Bool) -> (node: Node, scalar: Unicode.Scalar?)? {
            guard let scalar = next else { return nil }
            index += 1
            switch scalar {
            case "d": return (.scalar("0"), nil)
            case "w": return (.scalar("a"), nil)
            case "s": return (.scalar(" "), nil)
            case "D", "W", "S": return (.scalar("-"), nil)
            case "b" where !inClass, "B" where !inClass, "A", "z", "Z": return (.empty, nil)
            case "n": return (.scalar("\n"), "\n")
            case "t": return (.scalar("\t"), "\t")
            case "r": return (.scalar("\r"), "\r")
            case "u", "x":
                let digits = scalar == "u" ? 4 : 2
                guard index + digits <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + digits])), radix: 16),
                    let decoded = Unicode.Scalar(value)
                else { return nil }
                index += digits
                return (.scalar(decoded), decoded)
            case "1"..."9" where !inClass: return (.backreference(Int(scalar.value - 48)), nil)
            case "1"..."9": return nil
            default:
                if scalar.properties.isAlphabetic { return nil }  // \p{…} and other classes
                return (.scalar(scalar), scalar)
            }
        }

        /// `[…]` after its `[`: the first member allowed (for a negated class, a common character it excludes).
        private mutating func parseClass() -> Node? {
            let negated = consume("^")
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let scalar = next, scalar != "]" || first {
                first = false
                index += 1
                var low: Unicode.Scalar
                if scalar == "\\" {
                    guard let escape = parseEscape(inClass: true) else { return nil }
                    guard let literal = escape.scalar else {
                        // A shorthand inside a class: its representative, or for a negated class nothing known.
                        if case .scalar(let representative) = escape.node {
                            ranges.append(representative.value...representative.value)
                        }
                        if negated { return nil }
                        continue
                    }
                    low = literal
                } else {
                    low = scalar
                }
                if next == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    guard var high = next else { return nil }
                    index += 1
                    if high == "\\" {
                        guard let escape = parseEscape(inClass: true), let literal = escape.scalar else { return nil }
                        high = literal
                    }
                    guard low.value <= high.value else { return nil }
                    ranges.append(low.value...high.value)
                } else {
                    ranges.append(low.value...low.value)
                }
            }
            guard consume("]") else { return nil }
            if !negated {
                return ranges.first.flatMap { Unicode.Scalar($0.lowerBound) }.map(Node.scalar)
            }
            let candidates: [Unicode.Scalar] = ["a", "0", "A", "x", "_", "-", ".", "z", "9", "Z"]
            return candidates.first { candidate in !ranges.contains { $0.contains(candidate.value) } }.map(Node.scalar)
        }

        private mutating func parseQuantifier(_ atom: Node) -> Node? {
            var node = atom
            switch next {
            case "?":
                index += 1
                node = .repeated(atom, min: 0, max: 1)
            case "*":
                index += 1
                node = .repeated(atom, min: 0, max: nil)
            case "+":
                index += 1
                node = .repeated(atom, min: 1, max: nil)
            case "{":
                let start = index
                index += 1
                var text = ""
                while let c = next, c != "}" {
                    text.unicodeScalars.append(c)
                    index += 1
                }
                guard consume("}") else { return nil }
                let bounds = text.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(bounds.count), let low = Int(bounds[0]) else {
                    // Not a quantifier (`{` as a literal, as ECMA-262's Annex B allows).
                    index = start + 1
                    return .sequence([atom, .scalar("{")])
                }
                let high = bounds.count == 1 ? low : bounds[1].isEmpty ? nil : Int(bounds[1])
                if bounds.count == 2, !bounds[1].isEmpty, high == nil { return nil }
                // Counts beyond any string built (and beyond overflow when repetitions are added).
                guard low <= Self.maxCount, (high ?? 0) <= Self.maxCount, low <= high ?? low else { return nil }
                node = .repeated(atom, min: low, max: high)
            default: return atom
            }
            _ = consume("?")  // lazy: the same strings match
            return node
        }

        private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
            guard next == scalar else { return false }
            index += 1
            return true
        }
    }
}
