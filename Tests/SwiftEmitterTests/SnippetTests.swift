import APIModel
import Diagnostics
import Foundation
import Generator
import OpenAPIReader
import SwiftEmitter
import SwiftPlanning
import Testing
import YAMLNodes

/// Runs the whole pipeline on a small spec with the shipped templates.
func emit(_ yaml: String) throws -> (files: [String: String], diagnostics: [Diagnostic]) {
    let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
    let result = Generator.generate(specText: yaml, specPath: "t.yaml", templates: templates)
    return (Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.contents) }), result.diagnostics)
}

/// A spec with `schemas` under components and no operations.
func spec(schemas: String) -> String {
    "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        + schemas.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
}

func location(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: "t.yaml", line: line, column: column)
}

@Suite struct NamingSnippetTests {
    @Test("names in any style become idiomatic Swift; keywords are escaped; JSON keys are kept")
    func names() throws {
        let (files, diagnostics) = try emit(
            spec(
                schemas: """
                    run_info:
                      type: object
                      properties:
                        run_id: {type: integer}
                        Display Name: {type: string}
                        class: {type: string}
                        2fa: {type: boolean}
                        URLPath: {type: string}
                    """))
        #expect(diagnostics.isEmpty)
        let models = try #require(files.models)
        #expect(models.contains("public struct RunInfo: Codable, Equatable, Sendable {"))
        #expect(models.contains("    public var runId: Int?\n"))
        #expect(models.contains("    public var displayName: String?\n"))
        #expect(models.contains("    public var `class`: String?\n"))
        #expect(models.contains("    public var _2fa: Bool?\n"))
        #expect(models.contains("    public var urlPath: String?\n"))
        #expect(
            models.contains(
                """
                        self.runId = try container.decodeIfPresent(Int.self, forKey: "run_id")
                        self.displayName = try container.decodeIfPresent(String.self, forKey: "Display Name")
                        self.`class` = try container.decodeIfPresent(String.self, forKey: "class")
                        self._2fa = try container.decodeIfPresent(Bool.self, forKey: "2fa")
                        self.urlPath = try container.decodeIfPresent(String.self, forKey: "URLPath")
                """))
        #expect(
            models.contains(
                """
                        try container.encodeIfPresent(self.runId, forKey: "run_id")
                        try container.encodeIfPresent(self.displayName, forKey: "Display Name")
                        try container.encodeIfPresent(self.`class`, forKey: "class")
                        try container.encodeIfPresent(self._2fa, forKey: "2fa")
                        try container.encodeIfPresent(self.urlPath, forKey: "URLPath")
                """))
    }

    @Test("a schema named like a Swift type gets a suffix; two schemas on one Swift name warn and stay distinct")
    func collisions() throws {
        let (files, diagnostics) = try emit(
            spec(
                schemas: """
                    Error: {type: object, properties: {message: {type: string}}}
                    run-info: {type: object, properties: {a: {type: string}}}
                    run_info: {type: object, properties: {b: {type: string}}}
                    """))
        let models = try #require(files.models)
        #expect(models.contains("public struct ErrorModel: Codable"))
        #expect(models.contains("public struct RunInfo: Codable"))
        #expect(models.contains("public struct RunInfo2: Codable"))
        #expect(
            diagnostics == [
                .typeNameCollision(
                    "run_info", swiftName: "RunInfo", renamed: "RunInfo2", at: location(8, 15),
                    firstAt: location(7, 15))
            ])
    }

    @Test("enum values that collide after naming warn and get distinct cases")
    func enumCollisions() throws {
        let (files, diagnostics) = try emit(
            spec(schemas: "Mode: {type: string, enum: [dark-mode, dark_mode, unknown, '']}"))
        let models = try #require(files.models)
        #expect(
            models.contains(
                "    case darkMode\n    case darkMode2\n    case unknown2\n    case empty\n    /// A value the spec does not list"
            ))
        #expect(models.contains("        case \"dark_mode\": self = .darkMode2\n"))
        #expect(
            diagnostics.map(\.message) == [
                "enum value 'dark_mode' maps to the Swift case 'darkMode', which another value already uses; generated as 'darkMode2'"
            ])
    }
}

@Suite struct TypeSnippetTests {
    @Test("formats map to Swift types")
    func formats() throws {
        let (files, _) = try emit(
            spec(
                schemas: """
                    F:
                      type: object
                      required: [a, b, c, d, e, f, g, h, i, j, k]
                      properties:
                        a: {type: integer, format: int32}
                        b: {type: integer, format: int64}
                        c: {type: number, format: float}
                        d: {type: number}
                        e: {type: string, format: date-time}
                        f: {type: string, format: uuid}
                        g: {type: string, format: byte}
                        h: {type: array, items: {type: string}}
                        i: {type: object, additionalProperties: {type: integer}}
                        j: {}
                        k: {type: string, contentEncoding: base64}
                    """))
        let models = try #require(files.models)
        // int32 is Int (Swift's guidelines: Int unless a size is required); 3.1's contentEncoding: base64 is bytes.
        for line in [
            "a: Int", "k: Data", "b: Int64", "c: Float", "d: Double", "e: Date", "f: UUID", "g: Data", "h: [String]",
            "i: [String: Int]", "j: JSONValue",
        ] {
            #expect(models.contains("    public var \(line)\n"), "missing \(line)")
        }
    }

    @Test("inline enums and objects become nested types named after the property")
    func inlineTypes() throws {
        let (files, _) = try emit(
            spec(
                schemas: """
                    Run:
                      type: object
                      properties:
                        state: {type: string, enum: [on, off]}
                        owner: {type: object, properties: {name: {type: string}}}
                        tags: {type: array, items: {type: integer, enum: [1, 2]}}
                    """))
        let models = try #require(files.models)
        #expect(models.contains("    public var state: State?\n"))
        #expect(models.contains("    public var owner: Owner?\n"))
        #expect(models.contains("    public var tags: [TagsItem]?\n"))
        #expect(
            models.contains(
                "    public enum State: RawRepresentable, Codable, Equatable, Sendable, CaseIterable, ParameterValue {\n        case on\n        case off\n"
            ))
        #expect(models.contains("    public struct Owner: Codable, Equatable, Sendable {"))
        #expect(models.contains("    public enum TagsItem: RawRepresentable"))
        #expect(models.contains("        case 1: self = ._1\n"))
    }

    @Test("oneOf with a discriminator switches on it; allOf of objects merges their properties")
    func compositions() throws {
        let (files, _) = try emit(
            spec(
                schemas: """
                    Cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}
                    Dog: {type: object, required: [kind], properties: {kind: {type: string}, barks: {type: boolean}}}
                    Pet:
                      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                      discriminator: {propertyName: kind, mapping: {kitty: '#/components/schemas/Cat'}}
                    Both:
                      allOf: [{$ref: '#/components/schemas/Cat'}, {type: object, properties: {name: {type: string}}}]
                    """))
        let models = try #require(files.models)
        #expect(
            models.contains("public enum Pet: Codable, Equatable, Sendable {\n    case cat(Cat)\n    case dog(Dog)\n"))
        #expect(models.contains("        case \"kitty\": self = .cat(try decodeValue(Cat.self, from: decoder))\n"))
        #expect(models.contains("        case \"Dog\": self = .dog(try decodeValue(Dog.self, from: decoder))\n"))
        #expect(models.contains("public struct Both: Codable, Equatable, Sendable {"))
        #expect(models.contains("    public var kind: String\n"))
        #expect(models.contains("    public var lives: Int?\n"))
        #expect(models.contains("    public var name: String?\n"))
    }

    @Test("a spec without examples still gets fixtures, synthesized from the schema")
    func synthesizedFixtures() throws {
        let (files, _) = try emit(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /items/{id}:
                get:
                  operationId: get_item
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [id, when]
                            properties:
                              id: {type: string, format: uuid}
                              when: {type: string, format: date-time}
                              kind: {type: string, enum: [big, small]}
            """)
        #expect(
            files["Fixtures/getItem/200.json"] == """
                {
                  "id": "00000000-0000-0000-0000-000000000000",
                  "when": "2024-01-01T00:00:00Z",
                  "kind": "big"
                }

                """)
        #expect(try #require(files.client).contains("public enum Operations {}"))
        #expect(
            try #require(files["Operations+G.swift"]).contains(
                "extension Operations {\n    /// Types used by `Client.getItem`.\n    public enum GetItem {"))
        #expect(
            try #require(files.client).contains(
                "public func getItem(id: String, options: RequestOptions = RequestOptions()) async throws -> Operations.GetItem.OkBody {"
            ))
    }
}

extension Dictionary where Key == String, Value == String {
    /// The declarations of the models: every `Models+X.swift`, then every `Operations+X.swift`, joined in file
    /// order (gen spreads them over files by first letter, see `FileLayout`); nil when there are none.
    var models: String? { joined(parts: ["Models+", "Operations+"]) }

    /// The client: `Client.swift` and every `Client+X.swift`, joined in file order.
    var client: String? { joined(parts: ["Client.swift", "Client+"]) }

    private func joined(parts: [String]) -> String? {
        let names = parts.flatMap { part in keys.filter { $0.hasPrefix(part) }.sorted() }
        return names.isEmpty ? nil : names.map { self[$0]! }.joined(separator: "\n")
    }
}

/// `models` and `client` of the files in a folder gen wrote.
func generatedFiles(in dir: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
        files[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    return files
}
