/// A small unified diff for `--check` and the golden test: the changed region of two texts with context.
public enum LineDiff {
    /// Lines of `old` and `new` around the first and last difference, `-`/`+` marked, at most `maxLines` lines.
    public static func unified(old: String, new: String, path: String, maxLines: Int = 40, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let start = max(0, prefix - context)
        let oldEnd = a.count - suffix
        let newEnd = b.count - suffix
        var lines = [
            "--- \(path) (on disk)", "+++ \(path) (generated)",
            "@@ -\(start + 1),\(min(a.count, oldEnd + context) - start) +\(start + 1),\(min(b.count, newEnd + context) - start) @@",
        ]
        for line in a[start..<prefix] { lines.append(" " + line) }
        for line in a[prefix..<oldEnd] { lines.append("-" + line) }
        for line in b[prefix..<newEnd] { lines.append("+" + line) }
        for line in a[oldEnd..<min(a.count, oldEnd + context)] { lines.append(" " + line) }
        if lines.count > maxLines + 3 {
            let hidden = lines.count - maxLines - 3
            lines = Array(lines.prefix(maxLines + 3)) + ["… \(hidden) more diff lines"]
        }
        return lines.joined(separator: "\n")
    }
}
