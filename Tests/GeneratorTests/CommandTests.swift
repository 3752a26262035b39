import Foundation
import Generator
import SwiftEmitter
import Testing

/// The `gen` command as users run it: exit codes, diagnostics, and what it leaves on disk.
@Suite struct CommandTests {
    let spec = packageRoot.appendingPathComponent("api/runs.yaml")

    @Test("gen writes every file, then a second run changes nothing")
    func writesThenIsQuiet() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try run(genExecutable, [spec.path, "--output", dir.appendingPathComponent("out").path])
        #expect(first.status == 0, "\(first.stderr)")
        let count = try snapshot(dir.appendingPathComponent("out")).keys.filter { !$0.hasPrefix(".") }.count
        #expect(first.stdout.hasSuffix(": \(count) written, 0 unchanged, 0 removed\n"))
        let second = try run(genExecutable, [spec.path, "--output", dir.appendingPathComponent("out").path])
        #expect(second.stdout.hasSuffix(": 0 written, \(count) unchanged, 0 removed\n"))
        let check = try run(genExecutable, [spec.path, "--output", dir.appendingPathComponent("out").path, "--check"])
        #expect(check.status == 0)
    }

    @Test("output is byte-identical from another working directory and with TZ and LANG changed")
    func deterministic() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a")
        let b = dir.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        _ = try run(genExecutable, [spec.path, "--output", a.path], in: packageRoot)
        // The same spec by a relative path, from another folder, in another time zone and locale.
        try FileManager.default.copyItem(at: spec, to: dir.appendingPathComponent(spec.lastPathComponent))
        let rerun = try run(
            genExecutable, ["../" + spec.lastPathComponent, "--output", "out"],
            in: b, environment: ["TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "tr_TR.UTF-8"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try snapshot(a) == snapshot(b.appendingPathComponent("out")))
    }

    @Test("a YAML syntax error is reported as path:line:column with exit 1 and nothing written")
    func syntaxError() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: '1'\npaths: {}\n".write(
            to: bad, atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["bad.yaml", "--output", "out"], in: dir)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("bad.yaml:4:10: error: YAML syntax error: did not find expected ',' or ']'\n"),
            "\(result.stderr)")
        #expect(result.stderr.contains("bad.yaml:3:10: note: while parsing a flow sequence here"))
        #expect(result.stderr.contains("gen: 1 error; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("a broken or missing template is reported at the template with exit 1, and nothing is written")
    func brokenTemplates() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("T")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"), to: templates)
        // An unclosed section on line 3 of a partial, and no Fixtures.swift template at all.
        let partial = templates.appendingPathComponent("partials/alias.mustache")
        var lines = try String(contentsOf: partial, encoding: .utf8).components(separatedBy: "\n")
        lines.insert("{{#doc}}", at: 2)
        try lines.joined(separator: "\n").write(to: partial, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("Fixtures.swift.mustache"))

        let result = try run(genExecutable, [spec.path, "--output", "out", "--templates", "T"], in: dir)
        #expect(result.status == 1)
        let printed = result.stderr.split(separator: "\n")
        // path:line:column of the template, where the parser gave up (the end of the unclosed section's file).
        #expect(
            printed.contains {
                $0.wholeMatch(of: /T\/partials\/alias\.mustache:\d+:\d+: error: template error: .+/) != nil
            },
            "\(result.stderr)")
        #expect(
            printed.contains("gen: error: template 'Fixtures.swift.mustache' is missing from 'T'"), "\(result.stderr)")
        #expect(printed.last == "gen: 2 errors; nothing was written")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test(
        "an installed gen (PREFIX/bin/gen) renders with PREFIX/share/gen/Templates and copies PREFIX/share/gen/Runtime, as make install lays them out"
    )
    func installedTemplates() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("prefix/bin")
        let share = dir.appendingPathComponent("prefix/share/gen")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: genExecutable, to: bin.appendingPathComponent("gen"))
        let templates = share.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"), to: templates)
        let header = templates.appendingPathComponent("partials/file-header.mustache")
        try (String(contentsOf: header, encoding: .utf8) + "\n// installed copy\n").write(
            to: header, atomically: true, encoding: .utf8)

        // Templates without the runtime: an install that is not whole is an error, and nothing is written.
        let partial = try run(bin.appendingPathComponent("gen"), [spec.path, "--output", "out"], in: dir)
        #expect(partial.status == 1)
        #expect(
            partial.stderr.contains(
                "gen: error: runtime file 'Client/HTTP.swift' is missing from '\(share.path)/Runtime'; reinstall gen"),
            "\(partial.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))

        let runtime = share.appendingPathComponent("Runtime")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Runtime"), to: runtime)
        let dates = runtime.appendingPathComponent("Formats/Dates.swift")
        try (String(contentsOf: dates, encoding: .utf8) + "\n// installed runtime\n").write(
            to: dates, atomically: true, encoding: .utf8)
        let result = try run(bin.appendingPathComponent("gen"), [spec.path, "--output", "out"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let client = try String(contentsOf: dir.appendingPathComponent("out/Client.swift"), encoding: .utf8)
        #expect(client.contains("// installed copy"))
        let copied = try String(contentsOf: dir.appendingPathComponent("out/Runtime.swift"), encoding: .utf8)
        #expect(copied.contains("// installed runtime"))
        // Without the installed folder, the package's own templates.
        try FileManager.default.removeItem(at: share)
        let again = try run(bin.appendingPathComponent("gen"), [spec.path, "--output", "out"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            try !String(contentsOf: dir.appendingPathComponent("out/Client.swift"), encoding: .utf8).contains(
                "// installed copy"))
    }

    @Test("a $ref to a missing schema is reported at the $ref with exit 1, and existing output is untouched")
    func missingReference() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try run(genExecutable, [spec.path, "--output", out.path]).status == 0)
        let before = try snapshot(out)
        let original = try String(contentsOf: spec, encoding: .utf8)
        let target = "$ref: \"#/components/schemas/UserConnectionType\""
        #expect(original.components(separatedBy: target).count == 2, "the test edits a $ref used once")
        let text = original.replacingOccurrences(of: target, with: "$ref: \"#/components/schemas/UserConnectionTyp\"")
        let broken = dir.appendingPathComponent("runs.yaml")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.contains("UserConnectionTyp\"") }!
        let column = lines[index].distance(from: lines[index].startIndex, to: lines[index].firstIndex(of: "\"")!) + 1
        let result = try run(genExecutable, ["runs.yaml", "--output", "out"], in: dir)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "runs.yaml:\(index + 1):\(column): error: $ref '#/components/schemas/UserConnectionTyp' does not resolve: no schema named 'UserConnectionTyp' in components.schemas; did you mean 'UserConnectionType'?\n"
            ),
            "\(result.stderr)")
        #expect(result.stderr.contains("\(lines[index])\n" + String(repeating: " ", count: column - 1) + "^\n"))
        #expect(try snapshot(out) == before)
    }

    @Test("--check fails with a diff and the fix after a one-character spec edit")
    func checkDetectsDrift() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("runs.yaml")
        try FileManager.default.copyItem(at: spec, to: copy)
        #expect(try run(genExecutable, ["runs.yaml", "--output", "Generated"], in: dir).status == 0)
        let text = try String(contentsOf: copy, encoding: .utf8).replacingOccurrences(
            of: "Gets a single run.", with: "Gets a single run!")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["runs.yaml", "--check"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("stale: Generated/Client+G.swift"))
        #expect(result.stdout.contains("-    /// Gets a single run.\n+    /// Gets a single run!"))
        #expect(result.stdout.contains("run `swift run gen runs.yaml` and commit the result"))
    }

    @Test("gen refuses to write into a folder it does not own")
    func refusesForeignFolder() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "mine".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try run(genExecutable, [spec.path, "--output", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has files gen did not generate"))
        #expect(try snapshot(dir).keys.sorted() == ["notes.txt"])
    }
}

@Suite struct CrashSafetyTests {
    let spec = packageRoot.appendingPathComponent("api/runs.yaml")

    @Test("killing gen while it writes leaves every file entirely old or entirely new, and the next run cleans up")
    func killMidWrite() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try run(genExecutable, [spec.path, "--output", out.path, "-q"]).status == 0)
        let old = try snapshot(out)
        // A new spec that changes every Swift file (the header names the spec).
        let renamed = dir.appendingPathComponent("renamed.yaml")
        try FileManager.default.copyItem(at: spec, to: renamed)

        let process = Process()
        process.executableURL = genExecutable
        process.arguments = [renamed.path, "--output", out.path, "-q"]
        process.environment = ProcessInfo.processInfo.environment.merging(["GEN_TEST_PAUSE_BEFORE_RENAME_MS": "400"]) {
            $1
        }
        try process.run()
        // Wait until gen has renamed at least one file and holds the next one unrenamed, then kill -9.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let now = try snapshot(out)
            let replaced = now.filter { !$0.key.hasPrefix(".") && old[$0.key] != $0.value }.count
            if replaced >= 1 && now.keys.contains(where: { $0.hasSuffix(".tmp") }) { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let afterKill = try snapshot(out)
        let templates = try Generator.loadTemplates(from: packageRoot.appendingPathComponent("Templates").path)
        let new = Generator.generate(specPath: renamed.path, templates: templates).files
        var sawOld = false
        var sawNew = false
        for (path, data) in afterKill where !path.hasPrefix(".") && !path.contains("/.") {
            let newData = new.first { $0.path == path }.map { Data($0.contents.utf8) }
            #expect(data == old[path] || data == newData, "\(path) is neither the old nor the new file")
            sawOld = sawOld || (data == old[path] && data != newData)
            sawNew = sawNew || (data == newData && data != old[path])
        }
        #expect(sawOld && sawNew, "the kill should land between two files")
        #expect(afterKill.keys.contains { $0.hasSuffix(".tmp") }, "the killed run leaves its temporary file")

        // The next run finishes the job and removes the leftover temporary file.
        #expect(try run(genExecutable, [renamed.path, "--output", out.path, "-q"]).status == 0)
        let final = try snapshot(out)
        #expect(!final.keys.contains { $0.hasSuffix(".tmp") })
        for file in new { #expect(final[file.path] == Data(file.contents.utf8)) }
    }

    @Test("several specs go to one subfolder each, all or nothing")
    func severalSpecs() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: spec, to: dir.appendingPathComponent("runs.yaml"))
        try """
        openapi: 3.0.3
        info: {title: Pets, version: '1'}
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: a pet
                  content:
                    application/json:
                      schema: {type: object, required: [name], properties: {name: {type: string}}}
        """.write(to: dir.appendingPathComponent("petstore.yaml"), atomically: true, encoding: .utf8)
        let result = try run(genExecutable, ["runs.yaml", "petstore.yaml", "--output", "Generated", "-q"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try snapshot(dir.appendingPathComponent("Generated")).keys
        #expect(files.contains("runs/Client.swift") && files.contains("petstore/Client.swift"))
        // With an error in one spec, neither is written.
        try "openapi: 3.1.0\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let failed = try run(genExecutable, ["runs.yaml", "broken.yaml", "--output", "Other"], in: dir)
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Other").path))
    }
}

@Suite struct OwnershipTests {
    @Test("files gen no longer produces are removed, and files it never wrote are kept")
    func removesOnlyItsOwnStaleFiles() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("api.yaml")
        func write(operationID: String) throws {
            try """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  operationId: \(operationID)
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {type: string}}}}
            """.write(to: spec, atomically: true, encoding: .utf8)
        }
        try write(operationID: "getA")
        #expect(try run(genExecutable, ["api.yaml", "-q"], in: dir).status == 0)
        try "notes".write(to: dir.appendingPathComponent("Generated/NOTES.md"), atomically: true, encoding: .utf8)
        try write(operationID: "fetchA")
        let result = try run(genExecutable, ["api.yaml"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("removed Generated/Fixtures/getA/200.json"))
        let files = try snapshot(dir.appendingPathComponent("Generated")).keys
        #expect(!files.contains("Fixtures/getA/200.json"))
        #expect(files.contains("Fixtures/fetchA/200.json"))
        #expect(files.contains("NOTES.md"), "a file gen did not write must survive")
        #expect(
            !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Generated/Fixtures/getA").path),
            "the emptied folder is removed")
    }
}
