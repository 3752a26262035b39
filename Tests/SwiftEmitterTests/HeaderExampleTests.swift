import Foundation
import SwiftEmitter
import SwiftPlanning
import Testing

/// A response header's own `example` (GitHub's `markdown/render` documents `content-type: {example: text/html}`) is the
/// value the mock and the exerciser send: one built from the bare schema (`"string"`) would be a `Content-Type` that
/// breaks the response's documented media type, which the router's answer check refuses.
@Suite struct HeaderExampleTests {
    @Test("a header's example is sent by the exerciser's round trips, and a typed Content-Type passes the answer check")
    func headerExample() throws {
        var options = EmitOptions()
        options.exerciser = true
        options.server = true
        let dir = try generateToDisk(headerExampleSpec, options: options)
        defer { try? FileManager.default.removeItem(at: dir) }
        try exerciserMain.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Markdown", "-o", "markdown"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("markdown", in: dir)
        #expect(output.contains(", 0 failures"), "\(output)")
        let exerciser = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("Exerciser") }
            .map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        #expect(exerciser.contains(#"\"text/html\""#))
    }
}

private let headerExampleSpec = """
    openapi: 3.0.3
    info: {title: Markdown, version: '1'}
    paths:
      /markdown:
        post:
          operationId: renderMarkdown
          requestBody:
            content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}
          responses:
            '200':
              description: the HTML
              headers:
                content-type:
                  example: text/html
                  schema: {type: string}
                x-marker-version:
                  examples: {current: {value: 0.17.4}}
                  schema: {type: string}
              content:
                text/html:
                  schema: {type: string}
    """
