import Foundation
import Generator
import SwiftPlanning
import Testing

@testable import SwiftEmitter

/// How gen copies the runtime (`Runtime/`, Swift of its own) into a module: the one rule that changes its text,
/// the files it reads, and the type names it reserves.
@Suite struct RuntimeSourcesTests {
    private let runtime = Generator.loadRuntime()

    @Test func publicBecomesTheAccessLevelAndNothingElseChanges() {
        let source = """
            public import Foundation
            import NIOCore
            /// A republic, and public words even in a comment.
            public struct Box: Sendable {
                @TaskLocal public static var current: Box?
                public init() {}
            }
            extension Int: P { public var p: String { "public " } }
            """
        #expect(RuntimeSources.copy(source, access: .public) == source)
        #expect(
            RuntimeSources.copy(source, access: .internal) == """
                import Foundation
                import NIOCore
                /// A republic, and internal words even in a comment.
                internal struct Box: Sendable {
                    @TaskLocal internal static var current: Box?
                    internal init() {}
                }
                extension Int: P { internal var p: String { "internal " } }
                """)
        #expect(RuntimeSources.copy("public import Vapor\n", access: .package) == "package import Vapor\n")
    }

    /// The rule rewrites every `public ` it meets (the test above shows it would change a comment or a string), so
    /// the runtime writes the word nowhere but as a modifier.
    @Test func theRuntimeWritesPublicOnlyAsAModifier() throws {
        #expect(runtime.missingFiles.isEmpty)
        for (path, text) in runtime.texts {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.prefix { $0 != "\"" }.components(separatedBy: "//")[0]
                let rest = line.dropFirst(code.count)
                #expect(!rest.contains("public"), "\(path):\(number + 1): 'public' in a comment or string")
            }
        }
    }

    @Test func everyRuntimeFileIsCopiedSomewhere() throws {
        let root = URL(fileURLWithPath: runtime.directory)
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        let onDisk = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .map { String($0.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) }
            .filter { !$0.hasPrefix("Standalone/") }
        #expect(Set(onDisk) == Set(RuntimeSources.allFiles))
    }

    @Test func theRuntimesTypesAreReadFromItsFiles() {
        #expect(RuntimeSources.declaredTypeName("public struct HTTPRequest: Sendable {") == "HTTPRequest")
        #expect(RuntimeSources.declaredTypeName("@propertyWrapper public struct Indirect<Value>") == "Indirect")
        #expect(RuntimeSources.declaredTypeName("private final class IdleWatch: @unchecked Sendable {") == "IdleWatch")
        #expect(RuntimeSources.declaredTypeName("    public struct AsyncIterator {") == nil)
        #expect(RuntimeSources.declaredTypeName("extension HTTPTransport {") == nil)
        let client = runtime.typeNames(server: false)
        #expect(client.isSuperset(of: ["HTTPRequest", "EventStream", "ServerSentEventParser", "RFC3339", "JSONValue"]))
        #expect(!client.contains("RouteTable"))
        #expect(client.contains("AsyncHTTPClientTransport") && !client.contains("HummingbirdAdapter"))
        #expect(
            runtime.typeNames(server: true).isSuperset(
                of: client.union([
                    "RouteTable", "TextDecoder", "HummingbirdAdapter", "HummingbirdRequestContext",
                    "ChannelRequestContext", "VaporAdapter",
                ])))
    }

    @Test func aSchemaNamedAfterARuntimeTypeIsRenamed() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                EventStream: {type: object, properties: {id: {type: string}}}
                RouteTable: {type: object, properties: {id: {type: string}}}
            """
        let templates = try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)
        let client = Generator.generate(specText: spec, specPath: "spec.yaml", templates: templates)
        let clientModels = client.files.filter { $0.path.hasPrefix("Models+") }.map(\.contents).joined()
        #expect(clientModels.contains("public struct EventStreamModel:"))
        #expect(clientModels.contains("public struct RouteTable:"))
        var options = EmitOptions()
        options.server = true
        let server = Generator.generate(specText: spec, specPath: "spec.yaml", templates: templates, options: options)
        let serverModels = server.files.filter { $0.path.hasPrefix("Models+") }.map(\.contents).joined()
        #expect(serverModels.contains("public struct RouteTableModel:"))
    }

    /// The runtime as a module gets it, for every access level and with the server side, passes the style gate.
    @Test(arguments: [AccessModifier.public, .internal])
    func theEmittedRuntimePassesTheLint(access: AccessModifier) throws {
        let text = runtime.runtimeFile(header: "// Generated by gen.", access: access, server: true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Runtime.swift")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swift", "format", "lint", "--strict", "--configuration",
            packageRoot.appendingPathComponent(".swift-format").path, file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let findings = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && findings.isEmpty, "\(findings)")
    }
}
