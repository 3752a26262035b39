import Foundation
import Testing

/// A spec reads only its own files: `$ref`s resolve below the spec's folder (symbolic links and `..` resolved),
/// or below a folder gen-config's `references.roots` lists; anything else is a located error that does not print
/// the other file's content, and nothing is written.
@Suite struct ReferenceRootsTests {
    /// `api/spec.yaml` referring to `target`, `api/models/run.yaml` (inside) and `secret/schema.yaml` (outside,
    /// with a value that must not leak), and `config` as `api/gen-config.yaml` when given.
    func project(target: String, config: String? = nil) throws -> URL {
        let dir = try makeTemporaryDirectory()
        let files = [
            "api/spec.yaml": """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /runs:
                get:
                  operationId: getRun
                  responses:
                    '200':
                      description: A run.
                      content: {application/json: {schema: {$ref: 'models/run.yaml#/Run'}}}
              /secrets:
                get:
                  operationId: getSecret
                  responses:
                    '200':
                      description: The secret.
                      content: {application/json: {schema: {$ref: '\(target)'}}}
            """,
            "api/models/run.yaml": "Run: {type: object, properties: {id: {type: integer}}}\n",
            "secret/schema.yaml": "S: {type: object, properties: {password: {type: string, example: hunter2}}}\n",
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        if let config {
            try config.write(to: dir.appendingPathComponent("api/gen-config.yaml"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test(
        "a $ref out of the spec's folder is an error at the $ref, which does not print the file",
        arguments: [
            ("../secret/schema.yaml#/S", "'secret/schema.yaml'"),
            ("models/../../secret/schema.yaml#/S", "'secret/schema.yaml'"),
        ])
    func outside(target: String, shown: String) throws {
        let dir = try project(target: target)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(genExecutable, ["api/spec.yaml", "--output", "out"], in: dir)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "api/spec.yaml:17:55: error: $ref '\(target)' does not resolve: \(shown) is outside the folders the "
                    + "spec may read ('api'); list its folder in gen-config's `references: {roots: [...]}` to allow it\n"
            ), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stderr.contains("password"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("an absolute $ref, and a symbolic link in the spec's folder that leads out of it, are refused")
    func absoluteAndLinked() throws {
        let outside = try project(target: "PLACEHOLDER")
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = outside.appendingPathComponent("secret/schema.yaml").path
        let dir = try project(target: secret + "#/S")
        defer { try? FileManager.default.removeItem(at: dir) }
        let absolute = try run(genExecutable, ["api/spec.yaml", "--output", "out"], in: dir)
        #expect(absolute.status == 1)
        #expect(absolute.stderr.contains("does not resolve: '\(secret)' is outside the folders the spec may read"))

        let linked = try project(target: "models/link.yaml#/S")
        defer { try? FileManager.default.removeItem(at: linked) }
        try FileManager.default.createSymbolicLink(
            atPath: linked.appendingPathComponent("api/models/link.yaml").path,
            withDestinationPath: "../../secret/schema.yaml")
        let result = try run(genExecutable, ["api/spec.yaml", "--output", "out"], in: linked)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "does not resolve: 'api/models/link.yaml' is outside the folders the spec may read ('api')"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
    }

    @Test("a folder gen-config's references.roots lists may be read; one that is not a folder is an error")
    func roots() throws {
        let dir = try project(target: "../secret/schema.yaml#/S", config: "references: {roots: [../secret]}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(genExecutable, ["api/spec.yaml", "--output", "out", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let fixtures = try String(contentsOf: dir.appendingPathComponent("out/Fixtures.swift"), encoding: .utf8)
        #expect(fixtures.contains("hunter2"))

        try "references: {roots: [../secret, ../nowhere]}\n".write(
            to: dir.appendingPathComponent("api/gen-config.yaml"), atomically: true, encoding: .utf8)
        let missing = try run(genExecutable, ["api/spec.yaml", "--output", "out2"], in: dir)
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains(
                "api/gen-config.yaml:1:33: error: 'references.roots' lists 'api/../nowhere', which is not a folder"),
            "\(missing.stderr)")
    }

    @Test("gen diff reads the same files gen does")
    func diff() throws {
        let dir = try project(target: "../secret/schema.yaml#/S")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(genExecutable, ["diff", "api/spec.yaml", "api/spec.yaml"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("'secret/schema.yaml' is outside the folders the spec may read ('api')"))
        #expect(!result.stderr.contains("hunter2"))
    }

    @Test("3.2's $self: a $ref to its URI, or to a URI below its folder, is one of the spec's own files")
    func selfURI() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "api/openapi.yaml": """
            openapi: 3.2.0
            $self: https://example.com/api/openapi.yaml
            info: {title: Pets, version: '1'}
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: Pets.
                      content:
                        application/json:
                          schema: {$ref: 'https://example.com/api/openapi.yaml#/components/schemas/Pets'}
            components:
              schemas:
                Pets:
                  type: array
                  items: {$ref: 'https://example.com/api/schemas/pet.yaml#/Pet'}
                Owner: {type: object, properties: {id: {type: integer}}}
            """,
            "api/schemas/pet.yaml": """
            Pet:
              type: object
              required: [name]
              properties:
                name: {type: string}
                owner: {$ref: 'https://example.com/api/openapi.yaml#/components/schemas/Owner'}
            """,
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try run(genExecutable, ["api/openapi.yaml", "--output", "out"], in: dir)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let pet = try String(contentsOf: dir.appendingPathComponent("out/Models+P.swift"), encoding: .utf8)
        #expect(pet.contains("public var owner: Owner?"))
        let client = try String(contentsOf: dir.appendingPathComponent("out/Client+L.swift"), encoding: .utf8)
        #expect(client.contains("-> Pets"), "\(client)")

        // A URI outside $self's folder (or climbing out of it) is a URL as any other: never fetched.
        for target in ["https://example.com/other/x.yaml#/X", "https://example.com/api/../secret/x.yaml#/X"] {
            let remote = try String(contentsOf: dir.appendingPathComponent("api/openapi.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "https://example.com/api/schemas/pet.yaml#/Pet", with: target)
            try remote.write(to: dir.appendingPathComponent("api/remote.yaml"), atomically: true, encoding: .utf8)
            let refused = try run(genExecutable, ["api/remote.yaml", "--output", "out2"], in: dir)
            #expect(refused.status == 1)
            #expect(
                refused.stderr.hasPrefix("api/remote.yaml:18:21: error: $ref '\(target)' points to a URL"),
                "\(refused.stderr)")
        }
    }
}
