import Foundation
import Generator
import SwiftEmitter
import Testing

/// Spec text is data: whatever a string in the spec holds, it never becomes Swift code.
@Suite struct HostileTextTests {
    @Test(
        "hostile text in every string-bearing field: the output type-checks with no warning and declares nothing from the spec"
    )
    func hostileText() throws {
        let dir = try generateToDisk(hostileSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if let keep = ProcessInfo.processInfo.environment["GEN_KEEP_HOSTILE_SPEC"] {
            try hostileSpec.write(toFile: keep, atomically: true, encoding: .utf8)
        }
        let typecheck = try swiftc(["-typecheck", "-module-name", "Hostile"], in: dir)
        #expect(typecheck.status == 0, "\(typecheck.output.prefix(4000))")
        #expect(typecheck.output.isEmpty, "\(typecheck.output.prefix(4000))")
        // The parser's own view of every file: a declaration whose name came from a payload would show up here.
        let parse = try swiftc(["-dump-parse"], in: dir)
        #expect(parse.status == 0, "\(parse.output.prefix(4000))")
        let injected = lines(of: parse.output).filter { $0.contains("_decl") && $0.contains("pwn") }
        #expect(injected.isEmpty, "declarations from spec text: \(injected.prefix(20))")
        #expect(parse.output.contains("func_decl"), "the parse dump lists the generated declarations")
        // The values survive as data: every operation called with them against the fixtures, every response checked.
        try exerciserMain.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Hostile", "-o", "hostile"], in: dir)
        #expect(build.status == 0, "\(build.output.prefix(4000))")
        let output = try runProgram("hostile", in: dir)
        #expect(
            output.hasSuffix("exerciser: 3 operations, 10 responses checked, 0 failures\n"), "\(output.prefix(4000))")
    }

    @Test("a description with CRLF line ends reads as two doc lines and compiles")
    func crlfDescription() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: Pets, version: '1'}
            paths:
              /pets:
                get:
                  operationId: listPets
                  description: "You can fetch\\r\\nall the pets here"
                  responses:
                    '204': {description: done}
            """
        let dir = try generateToDisk(spec)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try generatedFiles(in: dir)
        let client = try #require(files["Client+L.swift"])
        #expect(client.contains("    /// You can fetch\n    /// all the pets here\n"), "\(client)")
        #expect(!client.contains("\r"))
        let typecheck = try swiftc(["-typecheck", "-module-name", "Pets"], in: dir)
        #expect(typecheck.status == 0 && typecheck.output.isEmpty, "\(typecheck.output)")
    }
}

/// The lines of `text`.
private func lines(of text: String) -> [Substring] { text.split(separator: "\n") }

/// A YAML double-quoted scalar holding every kind of text that could end a comment, a literal or a directive,
/// each followed by a declaration named after `tag` that must never be declared. `braces: false` leaves out `{`
/// and `}` (a path template would read them as variables).
func hostile(_ tag: String, braces: Bool = true) -> String { "\"" + hostileText(tag, braces: braces) + "\"" }

/// The YAML escapes of `hostile` without the quotes.
private func hostileText(_ tag: String, braces: Bool = true) -> String {
    let breaks = [
        ("CR", "\\r"), ("CRLF", "\\r\\n"), ("LF", "\\n"), ("LS", "\\u2028"), ("PS", "\\u2029"),
        ("NEL", "\\u0085"), ("VT", "\\v"), ("FF", "\\f"), ("NUL", "\\0"),
    ]
    var text = tag
    for (name, escape) in breaks { text += "\(escape)public let pwn\(name)_\(tag) = 0" }
    // Ends of block comments and string literals, interpolations, raw delimiters, directives, backslashes.
    text +=
        " */ /* \\\"\\\"\\\" \\\" \\\\( \\\\(pwn) #\\\" \\\"# \\\"\\\"\\\"# \\\\ \\\\\\\\ \\t#endif\\n#endif\\r#if pwn"
    if braces { text += "\\r}\\n}\\n} func pwnBrace_\(tag)() {" }
    return text
}

/// A `$ref` to the component schema named `hostile(tag)`, its key escaped as a JSON pointer wants.
func hostileRef(_ tag: String) -> String {
    let key = hostileText(tag).replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    return "\"#/components/schemas/" + key + "\""
}

/// A parameter name that would close a string literal and declare something if printed into one unescaped
/// (YAML escapes; no `/`, `{` or `}`, which a path template reads).
private let matrixName = #"m\";public let pwnMatrixQuote = 0;\"\rpublic let pwnMatrixCR = 0; \\(pwn) #"#

/// A spec whose every string-bearing field holds hostile text.
let hostileSpec = """
    openapi: 3.1.0
    info:
      title: \(hostile("title"))
      summary: \(hostile("infoSummary"))
      description: \(hostile("infoDescription"))
      version: \(hostile("version"))
      termsOfService: \(hostile("tos"))
      contact: {name: \(hostile("contactName")), url: \(hostile("contactURL")), email: \(hostile("contactEmail"))}
      license: {name: \(hostile("licenseName")), url: \(hostile("licenseURL"))}
    externalDocs: {description: \(hostile("externalDocs")), url: \(hostile("externalDocsURL"))}
    tags:
      - name: \(hostile("tag"))
        description: \(hostile("tagDescription"))
    servers:
      - url: \(hostile("serverURL"))
        description: \(hostile("serverDescription"))
      - url: "https://{region}.example.com/\\r"
        description: \(hostile("serverDescription2"))
        variables:
          region:
            default: \(hostile("variableDefault"))
            enum: [\(hostile("variableDefault")), \(hostile("variableEnum"))]
            description: \(hostile("variableDescription"))
    security:
      - \(hostile("bearerScheme")): []
    paths:
      "/matrix/{id}{\(matrixName)}":
        get:
          operationId: matrix
          parameters:
            - {name: id, in: path, required: true, style: matrix, schema: {type: array, items: {type: string}}}
            - {name: "\(matrixName)", in: path, required: true, style: matrix, schema: {type: integer}}
          responses:
            '204': {description: \(hostile("matrixDescription"))}
      \(hostile("/path", braces: false)):
        summary: \(hostile("pathSummary"))
        description: \(hostile("pathDescription"))
        get:
          operationId: \(hostile("operationId"))
          summary: \(hostile("operationSummary"))
          description: \(hostile("operationDescription"))
          tags: [\(hostile("tag"))]
          externalDocs: {description: \(hostile("operationDocs")), url: \(hostile("operationDocsURL"))}
          parameters:
            - name: \(hostile("queryName"))
              in: query
              description: \(hostile("queryDescription"))
              example: \(hostile("queryExample"))
              schema:
                type: string
                title: \(hostile("queryTitle"))
                description: \(hostile("querySchemaDescription"))
                default: \(hostile("queryDefault"))
                format: \(hostile("queryFormat"))
                pattern: \(hostile("queryPattern"))
            - name: \(hostile("headerName"))
              in: header
              description: \(hostile("headerDescription"))
              schema: {type: string, enum: [\(hostile("headerEnumA")), \(hostile("headerEnumB"))]}
            - name: \(hostile("cookieName"))
              in: cookie
              description: \(hostile("cookieDescription"))
              schema: {type: integer}
          responses:
            '200':
              description: \(hostile("okDescription"))
              headers:
                \(hostile("responseHeader")):
                  description: \(hostile("responseHeaderDescription"))
                  schema: {type: string}
              content:
                application/json:
                  schema: {$ref: \(hostileRef("Pet"))}
                  example: {\(hostile("exampleKey")): \(hostile("exampleValue"))}
            '404':
              description: \(hostile("notFoundDescription"))
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Problem'}
            default:
              description: \(hostile("defaultDescription"))
        post:
          operationId: \(hostile("postOperation"))
          description: \(hostile("postDescription"))
          requestBody:
            description: \(hostile("requestBodyDescription"))
            required: true
            content:
              application/json:
                schema:
                  type: object
                  description: \(hostile("inlineBodyDescription"))
                  required: [\(hostile("bodyProperty"))]
                  properties:
                    \(hostile("bodyProperty")):
                      type: string
                      description: \(hostile("bodyPropertyDescription"))
                      examples: [\(hostile("bodyPropertyExample"))]
                    choice:
                      description: \(hostile("choiceDescription"))
                      oneOf:
                        - {$ref: '#/components/schemas/Problem'}
                        - {type: string, title: \(hostile("choiceTitle")), description: \(hostile("choiceString"))}
          responses:
            '201': {description: \(hostile("createdDescription"))}
            4XX:
              description: \(hostile("rangeDescription"))
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Problem'}
    components:
      securitySchemes:
        \(hostile("bearerScheme")):
          type: http
          scheme: bearer
          bearerFormat: \(hostile("bearerFormat"))
          description: \(hostile("bearerDescription"))
        \(hostile("keyScheme")):
          type: apiKey
          in: header
          name: \(hostile("keyHeaderName"))
          description: \(hostile("keyDescription"))
      schemas:
        \(hostile("Pet")):
          type: object
          title: \(hostile("petTitle"))
          description: \(hostile("petDescription"))
          required: [\(hostile("petName"))]
          properties:
            \(hostile("petName")):
              type: string
              title: \(hostile("petNameTitle"))
              description: \(hostile("petNameDescription"))
              default: \(hostile("petNameDefault"))
              example: \(hostile("petNameExample"))
              format: \(hostile("petNameFormat"))
              pattern: \(hostile("petNamePattern"))
            kind:
              $ref: '#/components/schemas/Kind'
            count:
              type: integer
              description: \(hostile("countDescription"))
              deprecated: true
            extra:
              type: object
              description: \(hostile("extraDescription"))
              additionalProperties: {type: string, description: \(hostile("extraValues"))}
          example: {\(hostile("petName")): \(hostile("petExampleName")), kind: \(hostile("kindA"))}
        Kind:
          type: string
          description: \(hostile("kindDescription"))
          enum: [\(hostile("kindA")), \(hostile("kindB")), "", "\\"", "\\\\", "\\r", "#", "`"]
        Count:
          type: integer
          description: \(hostile("countEnumDescription"))
          enum: [1, 2]
        Problem:
          type: object
          description: \(hostile("problemDescription"))
          properties:
            detail: {type: string, description: \(hostile("problemDetail"))}
        Alias:
          description: \(hostile("aliasDescription"))
          type: array
          items: {$ref: \(hostileRef("Pet"))}
    """
