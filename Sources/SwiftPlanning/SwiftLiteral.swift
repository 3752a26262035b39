internal import Diagnostics

/// Swift source spellings of values.
package enum SwiftLiteral {
    /// A string literal with every character that needs it escaped (`"a\"b\n"`).
    package static func string(_ value: String) -> String {
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
                if scalar.isInvisible {
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
    package static func rawMultilineLines(_ text: String) -> [String] {
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
