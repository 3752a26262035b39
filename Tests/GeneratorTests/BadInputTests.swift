import Foundation
import Testing

let badInputs = packageRoot.appendingPathComponent("Tests/BadInputs")

/// Every file of Tests/BadInputs with its exact expected diagnostics, positions and excerpts included.
@Suite struct BadInputTests {
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: badInputs.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test("the bad-input corpus has at least 40 cases, each with its expectation")
    func corpusIsComplete() {
        #expect(Self.cases.count >= 40)
        for name in Self.cases {
            let expected = badInputs.appendingPathComponent(String(name.dropLast(5)) + ".expected")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name) has no .expected file")
        }
    }

    @Test("each bad input gets exactly its expected diagnostics and exit status", arguments: cases)
    func diagnostics(name: String) throws {
        let expected = try String(
            contentsOf: badInputs.appendingPathComponent(String(name.dropLast(5)) + ".expected"), encoding: .utf8)
        let result = try run(genExecutable, [name, "--lint"], in: badInputs)
        let actual = "# exit \(result.status)\n" + result.stderr
        #expect(actual == expected, "\(LineDiffHelper.firstDifference(expected, actual))")
    }
}

enum LineDiffHelper {
    /// The first line where two texts differ, for readable failures.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "(none)"
            let r = index < right.count ? String(right[index]) : "(none)"
            if l != r { return "line \(index + 1): expected «\(l)», got «\(r)»" }
        }
        return "same"
    }
}
