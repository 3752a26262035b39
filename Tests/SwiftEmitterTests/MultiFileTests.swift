import Diagnostics
import Foundation
import Generator
import SwiftEmitter
import Testing

/// Writes `files` (relative path → text) into a fresh folder.
func writeTree(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-tree-\(UUID().uuidString)")
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
}

@Suite struct MultiFileTests {
    let tree = [
        "api/root.yaml": """
        openapi: 3.0.3
        info: {title: Multi, version: '1'}
        paths:
          /pets/{petId}:
            $ref: 'paths/pet.yaml'
        components:
          schemas:
            Owner: {type: object, properties: {pet: {$ref: 'models/pet.yaml#/Pet'}}}
        """,
        "api/paths/pet.yaml": """
        get:
          operationId: getPet
          parameters:
            - $ref: '../shared/parameters.yaml#/PetId'
          responses:
            '200':
              description: a pet
              content:
                application/json:
                  schema: {$ref: '../models/pet.yaml#/Pet'}
            '404':
              $ref: '../shared/responses.yaml#/NotFound'
        """,
        "api/models/pet.yaml": """
        Pet:
          type: object
          required: [name]
          properties:
            name: {type: string}
            kind: {$ref: '#/Kind'}
            friends: {type: array, items: {$ref: '#/Pet'}}
        Kind: {type: string, enum: [cat, dog]}
        """,
        "api/shared/parameters.yaml": "PetId: {name: petId, in: path, required: true, schema: {type: integer}}\n",
        "api/shared/responses.yaml": """
        NotFound:
          description: not found
          content: {application/json: {schema: {$ref: 'errors.yaml#/Problem'}}}
        """,
        "api/shared/errors.yaml": "Problem: {type: object, properties: {title: {type: string}}}\n",
    ]

    @Test("$refs into other files: relative paths, refs inside referenced files, path items, parameters, responses")
    func multiFile() throws {
        let dir = try writeTree(tree)
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let spec = dir.appendingPathComponent("api/root.yaml").path
        let result = Generator.generate(specPath: spec, templates: templates)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // Each file parsed once, whatever the number of references to it.
        #expect(
            result.sources.keys.map { String($0.dropFirst(dir.path.count + 1)) }.sorted() == [
                "api/models/pet.yaml", "api/paths/pet.yaml", "api/root.yaml", "api/shared/errors.yaml",
                "api/shared/parameters.yaml", "api/shared/responses.yaml",
            ])
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.contents) })
        let models = try #require(files.models)
        #expect(models.contains("public struct Owner: Codable, Equatable, Sendable {\n    public var pet: Pet?\n"))
        #expect(models.contains("public struct Pet: Codable, Equatable, Sendable {"))
        #expect(models.contains("    public var friends: [Pet]?\n"))
        #expect(models.contains("public enum Kind: RawRepresentable"))
        #expect(models.contains("public struct Problem: Codable"))
        let client = try #require(files.client)
        #expect(
            client.contains(
                "public func getPet(petId: Int, options: RequestOptions = RequestOptions()) async throws -> Pet {"))
        #expect(client.contains("case notFound(ErrorBody<Problem>)"))
    }

    @Test("output does not depend on how the spec's path is spelled (paths in docs are relative to the spec)")
    func pathIndependent() throws {
        let dir = try writeTree(tree)
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let a = Generator.generate(specPath: dir.appendingPathComponent("api/root.yaml").path, templates: templates)
        let b = Generator.generate(specPath: dir.path + "/api/../api/./root.yaml", templates: templates)
        #expect(!a.files.isEmpty)
        #expect(a.files == b.files)
        let models = try #require(Dictionary(uniqueKeysWithValues: a.files.map { ($0.path, $0.contents) }).models)
        #expect(models.contains("/// - Remark: Generated from `models/pet.yaml#/Pet`."))
        #expect(!models.contains(dir.path))
    }

    @Test("a mistake in a referenced file is reported in that file, at the right line and column")
    func errorInReferencedFile() throws {
        var broken = tree
        broken["api/models/pet.yaml"] = broken["api/models/pet.yaml"]!.replacingOccurrences(
            of: "'#/Kind'", with: "'#/Knd'")
        broken["api/shared/errors.yaml"] = "Problem: {type: object, properties: {title: {type: strng}}}\n"
        let dir = try writeTree(broken)
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(
            specPath: dir.appendingPathComponent("api/root.yaml").path, templates: templates)
        let relative = result.diagnostics.map { diagnostic in
            diagnostic.description.replacingOccurrences(of: dir.path + "/", with: "")
        }
        #expect(
            relative == [
                "api/models/pet.yaml:6:18: error: $ref '#/Knd' does not resolve: 'Knd' not found in #",
                "api/shared/errors.yaml:1:52: error: 'type' must be one of array, boolean, integer, null, number, object, string, found 'strng'",
            ])
        #expect(result.files.isEmpty)
    }

    @Test("a $ref to a missing file is an error at the $ref")
    func missingFile() throws {
        var broken = tree
        broken["api/paths/pet.yaml"] = broken["api/paths/pet.yaml"]!.replacingOccurrences(
            of: "../shared/parameters.yaml", with: "../shared/params.yaml")
        let dir = try writeTree(broken)
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let result = Generator.generate(
            specPath: dir.appendingPathComponent("api/root.yaml").path, templates: templates)
        let messages = result.diagnostics.map { $0.description.replacingOccurrences(of: dir.path + "/", with: "") }
        #expect(
            messages == [
                "api/paths/pet.yaml:4:13: error: $ref '../shared/params.yaml#/PetId' does not resolve: cannot read 'api/shared/params.yaml': no such file or not readable",
                // Without its parameter, the path template (written in root.yaml) has a variable nobody declares.
                "api/root.yaml:4:3: warning: path template '/pets/{petId}' uses '{petId}' but no path parameter named 'petId' is declared; generated as a required String parameter",
            ])
    }
}

@Suite struct MoreSnippetTests {
    @Test("const becomes a one-value open enum; 3.1 $ref siblings keep their description")
    func constAndSiblings() throws {
        let (files, diagnostics) = try emit(
            spec(
                schemas: """
                    Version: {const: v2}
                    Holder:
                      type: object
                      properties:
                        version: {$ref: '#/components/schemas/Version', description: The API version in use.}
                    """))
        #expect(diagnostics.isEmpty)
        let models = try #require(files.models)
        #expect(models.contains("public enum Version: RawRepresentable"))
        #expect(models.contains("    case v2\n"))
        #expect(models.contains("    /// The API version in use.\n    public var version: Version?\n"))
    }

    @Test("an operation without operationId is named from its method and path")
    func nameFromPath() throws {
        let (files, _) = try emit(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /users/{user-id}/pets:
                get:
                  parameters: [{name: user-id, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: none}}
            """)
        let client = try #require(files.client)
        #expect(
            client.contains(
                "public func getUsersUserIdPets(userId: String, options: RequestOptions = RequestOptions()) async throws -> Void {"
            ))
        #expect(client.contains("public static let getUsersUserIdPets = OperationID(rawValue: \"getUsersUserIdPets\")"))
    }
}

@Suite struct PropertySnippetTests {
    @Test("required readOnly and writeOnly properties are optional in Swift and documented; defaults are documented")
    func readWriteOnly() throws {
        let (files, _) = try emit(
            spec(
                schemas: """
                    User:
                      type: object
                      required: [id, password, name]
                      properties:
                        id: {type: integer, readOnly: true}
                        password: {type: string, writeOnly: true}
                        name: {type: string}
                        role: {type: string, default: member}
                    """))
        let models = try #require(files.models)
        #expect(
            models.contains(
                "    /// - Note: Read-only: set by the server, not sent in requests.\n    public var id: Int?\n"))
        #expect(
            models.contains(
                "    /// - Note: Write-only: sent in requests, never returned.\n    public var password: String?\n"))
        #expect(models.contains("    public var name: String\n"))
        #expect(
            models.contains(
                "    /// - Note: Default: `\"member\"` (the server's value when left out).\n    public var role: String?\n"
            ))
    }
}

@Suite struct DefaultDocTests {
    @Test("an array or object default is documented on one line")
    func compactDefault() throws {
        let (files, _) = try emit(
            spec(
                schemas: """
                    Hook: {type: object, properties: {events: {type: array, items: {type: string}, default: [push, pull]}}}
                    """))
        #expect(
            try #require(files.models).contains(
                "    /// - Note: Default: `[\"push\", \"pull\"]` (the server's value when left out).\n    public var events: [String]?\n"
            ))
    }
}

@Suite struct RawResponseTests {
    @Test("a success response that is not JSON (a file, text) returns its bytes")
    func rawBody() throws {
        let (files, _) = try emit(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /reports/{id}.pdf:
                get:
                  operationId: downloadReport
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    '200': {description: the report, content: {application/pdf: {schema: {type: string, format: binary}}}}
                    '404': {description: none}
            """)
        let client = try #require(files.client)
        #expect(
            client.contains(
                "public func downloadReport(id: String, options: RequestOptions = RequestOptions()) async throws -> Data {"
            ))
        #expect(client.contains("        case 200:\n            return response.body\n"))
        #expect(client.contains("request.headers[\"Accept\"] = \"application/pdf\""))
    }
}
