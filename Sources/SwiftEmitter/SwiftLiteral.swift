/// Swift source spellings of values.
enum SwiftLiteral {
    /// A string literal with every character that needs it escaped (`"a\"b\n"`).
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A raw multi-line string literal holding `text` exactly, with enough `#`s that nothing inside ends it.
    /// Returns the lines of the literal (first `#"""`, then the content lines, then `"""#`).
    static func rawMultilineLines(_ text: String) -> [String] {
        // A `"` or `\` followed by n `#`s would end the literal or start an interpolation when the delimiter
        // has n `#`s: one more than the longest such run is enough.
        var longestRun = 0
        var run = -1  // -1: not after a quote or backslash
        for byte in text.utf8 {
            if byte == UInt8(ascii: "#") {
                if run >= 0 {
                    run += 1
                    longestRun = max(longestRun, run)
                }
            } else {
                run = (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")) ? 0 : -1
            }
        }
        let hashes = String(repeating: "#", count: longestRun + 1)
        var content = TextLines.split(text)
        if content.last?.isEmpty == true { content.removeLast() }
        var lines = [hashes + "\"\"\""]
        lines += content.map(String.init)
        lines.append("\"\"\"" + hashes)
        return lines
    }
}

/// `///` documentation lines from spec descriptions.
enum DocComment {
    /// The description as `///` lines: trailing spaces trimmed, no more than one blank line in a row.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var previousBlank = true
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            let blank = line.isEmpty
            if blank && previousBlank { continue }
            // `*/` cannot end a `///` comment, but keep the text from starting a nested doc markup accident.
            result.append(blank ? "///" : "/// " + line)
            previousBlank = blank
        }
        while result.last == "///" { result.removeLast() }
        return result
    }

    /// A labelled field whose text may span lines: `/// - Returns: first line` then `///   next line`.
    static func field(_ label: String, _ text: String) -> [String] {
        let body = lines(text).map { $0 == "///" ? "" : String($0.dropFirst(4)) }.filter { !$0.isEmpty }
        guard let first = body.first else { return ["/// \(label)"] }
        return ["/// \(label) \(first)"] + body.dropFirst().map { "///   " + $0 }
    }

    /// The note for a deprecated schema or property (an `@available` attribute would make the generated
    /// initializers, which must set every property, warn).
    static let deprecated = "/// - Important: Deprecated in the spec."

    /// The provenance line, preceded by a `///` separator when there is text before it.
    static func remark(_ specPath: String, after doc: [String]) -> [String] {
        (doc.isEmpty ? [] : ["///"]) + ["/// - Remark: Generated from `\(specPath)`."]
    }
}
