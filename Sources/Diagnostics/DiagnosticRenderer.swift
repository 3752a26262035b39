/// Prints diagnostics the way compilers do: `path:line:column: error: message`, then the source line
/// and a caret under the column, then any notes.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: [Substring]]

    /// Creates a renderer that can quote lines from `sources` (file path as given → file text).
    public init(sources: [String: String] = [:]) {
        self.sources = sources.mapValues { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.last == "\r" ? line.dropLast() : line
            }
        }
    }

    /// The full text for one diagnostic and its notes, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description + "\n"
        out += excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            out += note.description + "\n"
            out += excerpt(at: note.location)
        }
        return out
    }

    private func excerpt(at location: SourceLocation?) -> String {
        guard let location, let lines = sources[location.file], location.line >= 1, location.line <= lines.count else {
            return ""
        }
        var scalars = Array(lines[location.line - 1].unicodeScalars)
        var column = max(0, location.column - 1)
        // A very long line (minified JSON, a bomb) is shown as a window around the column.
        let window = 120
        if scalars.count > window {
            let start = max(0, min(column - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            scalars = (start > 0 ? Array("…".unicodeScalars) : []) + Array(scalars[start..<end])
                + (end < scalars.count ? Array("…".unicodeScalars) : [])
            column = column - start + (start > 0 ? 1 : 0)
        }
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars)
        // Keep tabs in the caret line so the caret lines up under the same character.
        let padding = scalars.prefix(column).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(String(line))\n\(padding)^\n"
    }
}
