internal import Diagnostics

/// Spec text as `///` documentation: the one renderer of prose, names and code spans from a spec in comments.
///
/// A spec is untrusted input. The Swift lexer ends a `//` comment at `\n` or `\r`, so a description holding
/// `"ok\rpublic func f() {}"` would declare `f` if printed as it is. Every function here splits spec text on every
/// line terminator (`\n`, `\r\n`, `\r`, and U+0085, U+2028, U+2029, which editors and reviewers show as line
/// breaks) and writes each line after its own `///`; other invisible characters (controls, bidirectional
/// overrides) are written as `\u{…}` escapes, so what a reviewer sees is what the comment holds.
package enum DocComment {
    /// The description as `///` lines: trailing spaces trimmed, no more than one blank line in a row.
    package static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var previousBlank = true
        for line in SpecText.lines(text) {
            let blank = line.isEmpty
            if blank && previousBlank { continue }
            result.append(blank ? "///" : "/// " + line)
            previousBlank = blank
        }
        while result.last == "///" { result.removeLast() }
        return result
    }

    /// A labelled field whose text may span lines: `/// - Returns: first line` then `///   next line`.
    package static func field(_ label: String, _ text: String) -> [String] {
        let body = SpecText.lines(text).filter { !$0.isEmpty }
        guard let first = body.first else { return ["/// \(label)"] }
        return ["/// \(label) \(first)"] + body.dropFirst().map { "///   " + $0 }
    }

    /// One entry of a `- Parameters:` list: `///   - name: text`, the text joined into one line.
    package static func parameter(_ name: String, _ text: String) -> String {
        "///   - \(inline(name)): \(inline(text))"
    }

    /// Spec text on one line of a comment: line terminators become spaces, invisible characters escapes.
    package static func inline(_ text: String) -> String {
        SpecText.lines(text).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Spec text as a Markdown code span on one line (`` `GET /runs` ``), fenced so no backtick inside ends it.
    package static func code(_ text: String) -> String {
        let text = inline(text)
        var longestRun = 0
        var run = 0
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        guard longestRun > 0 else { return "`" + text + "`" }
        let fence = String(repeating: "`", count: longestRun + 1)
        return fence + " " + text + " " + fence
    }

    /// The note for a deprecated schema or property (an `@available` attribute would make the generated
    /// initializers, which must set every property, warn).
    package static let deprecated = "/// - Important: Deprecated in the spec."

    /// The provenance line, preceded by a `///` separator when there is text before it.
    package static func remark(_ specPath: String, after doc: [String]) -> [String] {
        (doc.isEmpty ? [] : ["///"]) + ["/// - Remark: Generated from \(code(specPath))."]
    }
}

/// Spec text split into lines that are safe to print after `///`.
package enum SpecText {
    /// `text`'s lines, split on every line terminator, without trailing blanks, invisible characters escaped.
    package static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var previousWasCR = false
        func endLine() {
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            lines.append(String(line))
            line = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR: continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": endLine()
            case "\t": line.append(scalar)
            default:
                if scalar.isInvisible {
                    line.append(contentsOf: scalar.visibleEscape.unicodeScalars)
                } else {
                    line.append(scalar)
                }
            }
        }
        endLine()
        return lines
    }
}
