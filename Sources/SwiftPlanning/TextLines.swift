/// Line-level text work on UTF-8 bytes.
///
/// The emitter splits, trims and scans megabytes of rendered Swift on large specs; `String.split` over
/// `Character`s does grapheme breaking for every byte and took a quarter of emit time on GitHub's spec. Newlines,
/// spaces, quotes and `#` are ASCII, so byte offsets found here are always valid `String` indices.
package enum TextLines {
    private static let newline = UInt8(ascii: "\n")

    /// The lines of `text` without their `\n`, keeping empty lines (a final `\n` gives a final empty line).
    package static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        forEachLine(text) { lines.append($0) }
        return lines
    }

    /// Calls `body` with each line of `text` as `split` would list them, without building the list.
    package static func forEachLine(_ text: String, _ body: (Substring) -> Void) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == newline {
                body(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        body(text[start..<utf8.endIndex])
    }

    /// `text`'s lines as strings, without the empty lines at its end.
    package static func trimmedLines(_ text: String) -> [String] {
        var lines = split(text)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map(String.init)
    }
}

extension Substring {
    /// The line without trailing spaces and tabs.
    package var trimmingTrailingBlanks: Substring {
        let utf8 = self.utf8
        var end = utf8.endIndex
        while end != utf8.startIndex {
            let before = utf8.index(before: end)
            let byte = utf8[before]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else { break }
            end = before
        }
        return self[startIndex..<end]
    }

    /// Whether the line's first non-space characters are `prefix` (ASCII).
    package func hasPrefixAfterSpaces(_ prefix: StaticString) -> Bool {
        var index = utf8.startIndex
        while index != utf8.endIndex, utf8[index] == UInt8(ascii: " ") { index = utf8.index(after: index) }
        var p = prefix.utf8Start
        for _ in 0..<prefix.utf8CodeUnitCount {
            guard index != utf8.endIndex, utf8[index] == p.pointee else { return false }
            index = utf8.index(after: index)
            p += 1
        }
        return true
    }

    /// Whether the last byte is `byte`.
    package func endsWith(_ byte: UInt8) -> Bool { utf8.last == byte }
}
