import Diagnostics
import Testing
import YAMLNodes

private func parse(_ text: String) -> (YAMLNode?, [Diagnostic]) {
    let sink = DiagnosticCollector()
    let node = YAMLParser.parse(text, file: "t.yaml", diagnostics: sink)
    return (node, sink.sorted)
}

private func value(_ text: String) -> ScalarValue? {
    parse("v: \(text)\n").0?["v"]?.scalar?.value
}

@Suite struct YAMLParserTests {
    @Test("plain scalars resolve by the YAML 1.2 core schema")
    func coreSchema() {
        #expect(value("null") == .null)
        #expect(value("~") == .null)
        #expect(value("") == .null)
        #expect(value("true") == .bool(true))
        #expect(value("FALSE") == .bool(false))
        #expect(value("42") == .int(42))
        #expect(value("-7") == .int(-7))
        #expect(value("0x1F") == .int(31))
        #expect(value("0o17") == .int(15))
        #expect(value("1.5") == .float(1.5))
        #expect(value("1e3") == .float(1000))
        #expect(value(".inf") == .float(.infinity))
        // YAML 1.1 booleans and octals are strings in 1.2.
        #expect(value("yes") == .string("yes"))
        #expect(value("no") == .string("no"))
        #expect(value("on") == .string("on"))
        #expect(value("off") == .string("off"))
        #expect(value("0777") == .int(777))
        #expect(value("1.2.3") == .string("1.2.3"))
        #expect(value("2019-08-24") == .string("2019-08-24"))
    }

    @Test("quoted and block scalars are always strings; explicit tags win")
    func quotedAreStrings() {
        #expect(value("'42'") == .string("42"))
        #expect(value("\"true\"") == .string("true"))
        #expect(value("\"null\"") == .string("null"))
        #expect(value("!!str 42") == .string("42"))
        #expect(value("!!int \"42\"") == .int(42))
        let (node, _) = parse("v: |\n  line one\n  line two\n")
        #expect(node?["v"]?.scalar?.style == .literal)
        #expect(node?["v"]?.string == "line one\nline two\n")
    }

    @Test("every node keeps its 1-based line and column")
    func marks() throws {
        let (node, diags) = parse("openapi: 3.1.0\ninfo:\n  title: Runs\n  version: '1'\n")
        #expect(diags.isEmpty)
        let info = try #require(node?["info"])
        #expect(info.mark == SourceMark(line: 3, column: 3))
        #expect(info["title"]?.mark == SourceMark(line: 3, column: 10))
        #expect(node?.pairs?.map { $0.key.mark } == [SourceMark(line: 1, column: 1), SourceMark(line: 2, column: 1)])
    }

    @Test("mappings keep document order")
    func order() {
        let (node, _) = parse("z: 1\na: 2\nm: 3\n")
        #expect(node?.pairs?.map { $0.key.string } == ["z", "a", "m"])
    }

    @Test("anchors and aliases share the node")
    func aliases() {
        let (node, diags) = parse("a: &x {k: [1, 2]}\nb: *x\nc: *x\n")
        #expect(diags.isEmpty)
        #expect(node?["b"]?["k"]?.items?.count == 2)
        #expect(node?["c"]?.mark == SourceMark(line: 3, column: 4))
    }

    @Test(
        "a billion-laughs document stops at the expansion limit, where it crosses it; raised, it parses sharing nodes")
    func billionLaughs() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...30 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let (node, diags) = parse(text)
        #expect(node == nil)
        // a6 holds 10 copies of a5 (about 1.1 million nodes each): the tenth alias crosses 10 million.
        #expect(diags == [.tooManyNodes(limit: 10_000_000, at: SourceLocation(file: "t.yaml", line: 7, column: 55))])
        let sink = DiagnosticCollector()
        let unlimited = YAMLParser.parse(text, file: "t.yaml", limits: YAMLLimits(maxNodes: .max), diagnostics: sink)
        #expect(sink.diagnostics.isEmpty)
        #expect(unlimited?["a30"]?.items?.count == 10)
    }

    @Test("duplicate keys are an error pointing at both")
    func duplicateKeys() {
        let (node, diags) = parse("a: 1\nb: 2\na: 3\n")
        #expect(node == nil)
        #expect(
            diags == [
                .duplicateKey(
                    "a", at: SourceLocation(file: "t.yaml", line: 3, column: 1),
                    firstAt: SourceLocation(file: "t.yaml", line: 1, column: 1))
            ])
    }

    @Test("duplicate keys in a large mapping are found wherever they are, each against its first occurrence")
    func duplicateKeysInLargeMapping() {
        // 40 keys, so the later ones are checked by the parser's key index: a duplicate of a key from before the
        // index existed (k1 at line 2), of one added to it (k30 at line 31), and a key equal by value (1 and 0x1).
        let keys = (0..<40).map { "k\($0): \($0)" }
        for (extra, name, line, firstLine) in [
            (["k1: again"], "k1", 41, 2), (["k30: again"], "k30", 41, 31),
            (["1: one", "0x1: one again"], "0x1", 42, 41),
        ] {
            let (node, diags) = parse((keys + extra).joined(separator: "\n") + "\n")
            #expect(node == nil)
            #expect(
                diags == [
                    .duplicateKey(
                        name, at: SourceLocation(file: "t.yaml", line: line, column: 1),
                        firstAt: SourceLocation(file: "t.yaml", line: firstLine, column: 1))
                ])
        }
        #expect(parse((keys + ["k40: new"]).joined(separator: "\n")).1.isEmpty)
    }

    @Test("a syntax error reports the problem and where the construct began")
    func syntaxError() throws {
        let (node, diags) = parse("a: [1, 2\nb: 3\n")
        #expect(node == nil)
        let d = try #require(diags.first)
        #expect(d.severity == .error)
        #expect(d.message.hasPrefix("YAML syntax error: did not find expected ',' or ']'"))
        #expect(d.location == SourceLocation(file: "t.yaml", line: 2, column: 2))
        #expect(d.notes.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
        #expect(d.notes.first?.message == "while parsing a flow sequence here")
    }

    @Test("JSON is YAML")
    func json() {
        let (node, diags) = parse(#"{"openapi": "3.1.0", "n": 1.5, "list": [true, null, "x"]}"#)
        #expect(diags.isEmpty)
        #expect(node?["openapi"]?.string == "3.1.0")
        #expect(node?["n"]?.scalar?.value == .float(1.5))
        #expect(node?["list"]?.items?.map { $0.scalar?.value } == [.bool(true), .null, .string("x")])
    }

    @Test("empty files, several documents and undefined aliases are errors")
    func structuralErrors() {
        #expect(parse("").1 == [.emptyDocument(file: "t.yaml")])
        #expect(
            parse("a: 1\n---\nb: 2\n").1 == [.multipleDocuments(at: SourceLocation(file: "t.yaml", line: 2, column: 1))]
        )
        #expect(
            parse("a: *nope\n").1 == [.undefinedAlias("nope", at: SourceLocation(file: "t.yaml", line: 1, column: 4))])
    }

    @Test("deep nesting stops at the limit instead of overflowing the stack")
    func depthLimit() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let sink = DiagnosticCollector()
        let node = YAMLParser.parse(text, file: "t.yaml", limits: YAMLLimits(maxDepth: 512), diagnostics: sink)
        #expect(node == nil)
        #expect(sink.sorted == [.nestingTooDeep(limit: 512, at: SourceLocation(file: "t.yaml", line: 1, column: 513))])
    }
}

@Suite struct RendererTests {
    @Test("diagnostics print the source line and a caret under the column")
    func caret() {
        let renderer = DiagnosticRenderer(sources: ["t.yaml": "a: 1\n\tb: [x\n"])
        let text = renderer.render(
            .error(
                "bad", at: SourceLocation(file: "t.yaml", line: 2, column: 6),
                notes: [.note("started here", at: SourceLocation(file: "t.yaml", line: 1, column: 1))]))
        #expect(text == "t.yaml:2:6: error: bad\n\tb: [x\n\t    ^\nt.yaml:1:1: note: started here\na: 1\n^\n")
    }

    @Test("a very long line is shown as a window around the column")
    func longLine() {
        let line = String(repeating: "[", count: 100_000)
        let renderer = DiagnosticRenderer(sources: ["t.yaml": line])
        let text = renderer.render(.error("deep", at: SourceLocation(file: "t.yaml", line: 1, column: 513)))
        let excerpt = text.split(separator: "\n")
        #expect(excerpt.count == 3)
        #expect(excerpt[1].count == 122)  // "…" + 120 characters + "…"
        #expect(excerpt[2].count == 62 && excerpt[2].hasSuffix("^"))
    }
}
