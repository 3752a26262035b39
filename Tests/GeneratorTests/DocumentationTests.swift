import Foundation
import Generator
import Testing

/// The documentation a user reads: the README, docs/ and the changelog, checked against the repository and gen.
@Suite struct DocumentationTests {
    /// README.md, CHANGELOG.md and every page of docs/, with the folders holding READMEs of their own.
    private static let pages: [String] = {
        let docs =
            (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path))
            ?? []
        return ["README.md", "CHANGELOG.md", "Runtime/README.md", "Templates/README.md"]
            + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// The `](target)` links of a Markdown text, outside code blocks.
    private static func links(in text: String) -> [String] {
        var links: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode else { continue }
            var rest = line[...]
            while let start = rest.range(of: "](") {
                let target = rest[start.upperBound...].prefix { $0 != ")" && $0 != " " }
                links.append(String(target))
                rest = rest[start.upperBound...]
            }
        }
        return links
    }

    /// The anchors GitHub makes of a page's headings (`## Testing your code` → `testing-your-code`).
    private static func anchors(in text: String) -> Set<String> {
        var anchors: Set<String> = []
        var inCode = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            anchors.insert(
                String(
                    title.compactMap {
                        $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : nil
                    }
                ))
        }
        return anchors
    }

    @Test("every relative link in README.md, CHANGELOG.md and docs/ resolves, anchors included", arguments: pages)
    func relativeLinksResolve(page: String) throws {
        let url = packageRoot.appendingPathComponent(page)
        let text = try String(contentsOf: url, encoding: .utf8)
        for link in Self.links(in: text) where !link.contains("://") && !link.hasPrefix("mailto:") {
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let target =
                parts[0].isEmpty ? url : url.deletingLastPathComponent().appendingPathComponent(String(parts[0]))
            #expect(FileManager.default.fileExists(atPath: target.path), "\(page): \(link) does not exist")
            if parts.count > 1, target.pathExtension == "md",
                let linked = try? String(contentsOf: target, encoding: .utf8)
            {
                #expect(Self.anchors(in: linked).contains(String(parts[1])), "\(page): no heading for \(link)")
            }
        }
    }

    @Test("the README stays a front door: at most 200 lines")
    func readmeIsShort() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count <= 200)
    }

    @Test("gen --version prints the version, and CHANGELOG.md's newest entry is that version")
    func versionIsKeptInOnePlace() throws {
        let result = try run(genExecutable, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == GenVersion.current)
        let changelog = try String(contentsOf: packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        #expect(newest?.hasPrefix("## \(GenVersion.current) ") == true, "\(newest ?? "no entry")")
    }
}
