/// Prints diagnostics the way compilers do: `path:line:column: error: message`, then the source line
/// and a caret under the column, then any notes.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceLines]

    /// Creates a renderer that can quote lines from `sources` (file path as given → file text).
    public init(sources: [String: String] = [:]) {
        self.sources = sources.mapValues(SourceLines.init)
    }

    /// The full text for one diagnostic and its notes, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = Self.printable(diagnostic.description) + "\n"
        out += excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            out += Self.printable(note.description) + "\n"
            out += excerpt(at: note.location)
        }
        return out
    }

    /// `text` with the characters that would act on a terminal or read as something else written as `\u{…}`:
    /// controls (a line break or an escape sequence in a quoted spec value), line separators and bidirectional
    /// overrides. Tabs stay, for the caret line.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        return text.unicodeScalars.map(shown).joined()
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool { scalar != "\t" && scalar.isInvisible }

    /// The scalar as printed: escaped when unprintable.
    private static func shown(_ scalar: Unicode.Scalar) -> String {
        isUnprintable(scalar) ? scalar.visibleEscape : String(scalar)
    }

    private func excerpt(at location: SourceLocation?) -> String {
        guard let location, let source = sources[location.file], let text = source.line(location.line) else {
            return ""
        }
        var scalars = Array(text.unicodeScalars)
        var column = max(0, location.column - 1)
        // A very long line (minified JSON, a bomb) is shown as a window around the column.
        let window = 120
        if scalars.count > window {
            let start = max(0, min(column - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            scalars =
                (start > 0 ? Array("…".unicodeScalars) : []) + Array(scalars[start..<end])
                + (end < scalars.count ? Array("…".unicodeScalars) : [])
            column = column - start + (start > 0 ? 1 : 0)
        }
        let shown = scalars.map(Self.shown)
        // Keep tabs in the caret line, and as many spaces as an escape takes, so the caret lines up under the
        // same character.
        let padding = zip(scalars, shown).prefix(column).map { scalar, text in
            scalar == "\t" ? "\t" : String(repeating: " ", count: text.unicodeScalars.count)
        }.joined()
        return "\(shown.joined())\n\(padding)^\n"
    }
}

/// A file's text with the byte offset where each line starts (found on bytes: a 3 MB spec takes milliseconds).
private struct SourceLines: Sendable {
    let text: String
    let starts: [String.Index]

    init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "\n") { starts.append(next) }
            index = next
        }
        self.starts = starts
    }

    /// Line `number` (1-based) without its line break (`\n` or `\r\n`), or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? text.utf8.index(before: starts[number]) : text.endIndex
        if end > start, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: "\r") {
            end = text.utf8.index(before: end)
        }
        return text[start..<end]
    }
}
