import APIModel
import Diagnostics
import Foundation
import Generator
import Mustache
import OpenAPIReader
import SwiftPlanning
import Testing
import YAMLNodes

@testable import SwiftEmitter

/// Templates see a view's fields only through `child(named:)` (Views+Mustache.swift, which swift-mustache asks before
/// falling back to `Mirror`, a quarter of a large spec's run when profiled). That file is derived from the views'
/// declarations, so each field is written once: `lookupSource` makes it, a test fails when the file is not what it
/// makes (`GEN_RECORD_VIEW_LOOKUP=1 swift test --filter ViewLookupTests` rewrites it), and another walks real views,
/// server and mock ones included, checking every field is answered.
@Suite struct ViewLookupTests {
    /// The files that declare the view models, in the order their lookups are written.
    static let viewFiles = [
        "Sources/SwiftEmitter/Views.swift", "Sources/SwiftEmitter/Views+Client.swift",
        "Sources/SwiftEmitter/Views+Server.swift",
    ]
    static let lookupFile = "Sources/SwiftEmitter/Views+Mustache.swift"
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each top-level `struct` of `source` with the properties it declares (stored or computed, not static), in order.
    static func views(in source: String) -> [(name: String, fields: [String])] {
        var views: [(name: String, fields: [String])] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("struct ") {
                views.append((String(line.dropFirst(7).prefix { $0.isLetter || $0.isNumber }), []))
            } else if line == "}" {
                continue
            } else if !views.isEmpty, line.hasPrefix("    var ") || line.hasPrefix("    let ") {
                let name = line.dropFirst(8).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                views[views.count - 1].fields.append(String(name))
            }
        }
        return views
    }

    /// Views+Mustache.swift as the view declarations make it.
    static func lookupSource() throws -> String {
        var out = """
            internal import Mustache

            // Generated from the view models' declarations (\(viewFiles.map { $0.split(separator: "/").last! }.joined(separator: ", "))) by
            // ViewLookupTests.lookupSource: do not edit. Field lookup for the templates without reflection; an unknown name
            // returns nil, so Mustache looks in the enclosing view.

            """
        for file in viewFiles {
            let source = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
            for view in views(in: source) {
                out += "\nextension \(view.name): MustacheParent {\n    func child(named name: String) -> Any? {\n"
                out += "        switch name {\n"
                for field in view.fields { out += "        case \"\(field)\": self.\(field)\n" }
                out += "        default: nil\n        }\n    }\n}\n"
            }
        }
        return out
    }

    @Test("Views+Mustache.swift is what the view declarations make")
    func lookupIsDerived() throws {
        let expected = try Self.lookupSource()
        let url = Self.packageRoot.appendingPathComponent(Self.lookupFile)
        if ProcessInfo.processInfo.environment["GEN_RECORD_VIEW_LOOKUP"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(
            try String(contentsOf: url, encoding: .utf8) == expected,
            "\(Self.lookupFile) is out of date: run GEN_RECORD_VIEW_LOOKUP=1 swift test --filter ViewLookupTests")
    }

    func document(_ yaml: String) throws -> APIDocument {
        let sink = DiagnosticCollector()
        let root = try #require(YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink))
        return try #require(OpenAPIReader.read(root, file: "t.yaml", diagnostics: sink))
    }

    /// Every field of `value` and of the views inside it, recursively; returns the view types checked.
    func check(_ value: Any, checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        if let parent = value as? any MustacheParent {
            checked.insert(String(describing: type(of: value)))
            for child in mirror.children {
                guard let label = child.label else { continue }
                #expect(parent.child(named: label) != nil, "\(type(of: value)).\(label) is not in child(named:)")
            }
        }
        for child in mirror.children { check(child.value, checked: &checked) }
    }

    @Test("every stored field of every view type is answered by child(named:)")
    func everyFieldIsReachable() throws {
        var checked = Set<String>()
        let library = CompiledTemplates(try Generator.loadTemplates(from: Generator.defaultTemplatesDirectory)).library
        for spec in [
            try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("api/runs.yaml"),
                encoding: .utf8),
            kitchenSinkSpec, recursionSpec, headerSpec, styleSpec, outcomesSpec,
        ] {
            let document = try document(spec)
            let sink = DiagnosticCollector()
            let types = TypeBuilder(document: document, diagnostics: sink)
            let planner = OperationPlanner(document: document, types: types, diagnostics: sink)
            let componentTypes = types.componentTypes()
            let (plans, headersTypes, namespaces) = planner.planOperations()
            let clientView = ClientBuilder(planner: planner).build(plans: plans, headersTypes: headersTypes)
            let renderer = DeclarationRenderer(library: library, access: "public", equality: "Equatable")
            let models = ModelsView(
                types: componentTypes.flatMap { renderer.views($0.plan) }, foundationImport: "import Foundation")
            for namespace in namespaces {
                check(renderer.namespaceView(namespace), checked: &checked)
                for declaration in namespace.declarations {
                    for view in renderer.views(declaration) { check(view, checked: &checked) }
                }
            }
            let (fixtures, _, members) = FixturesBuilder(
                document: document, plans: plans, types: types, diagnostics: sink
            ).build()
            let exerciser = ExerciserBuilder(
                document: document, plans: plans, fixtureMembers: members, types: types, diagnostics: sink
            ).build()
            let server = ServerBuilder(
                document: document, plans: plans, namespaced: Set(namespaces.map(\.name)), access: "public",
                foundationImport: { $0 ? "public import Foundation" : "import Foundation" }, diagnostics: sink
            ).build()
            let mock = MockBuilder(
                document: document, plans: plans, fixtureMembers: members, types: types, diagnostics: sink
            ).build()
            check(
                FileView(
                    specName: "t.yaml", models: [models], client: [clientView], fixtures: [fixtures],
                    exerciser: [exerciser], server: [server], mock: [mock]), checked: &checked)
            // Rendered too: a field a template names and no view declares would print nothing.
            let file = FileView(specName: "t.yaml", server: [server], mock: [mock])
            #expect(library.render(file, withTemplate: "Server.swift")?.contains("protocol APIHandler") == true)
            #expect(library.render(file, withTemplate: "MockHandler.swift")?.contains("struct MockHandler") == true)
            #expect(
                library.render(file, withTemplate: "ServerOperations.swift")?.contains("struct Input") == true
                    || server.operations.isEmpty)
        }
        // Every view type declared was reached by at least one of the specs.
        let declared = try Self.viewFiles.flatMap { file in
            Self.views(in: try String(contentsOf: Self.packageRoot.appendingPathComponent(file), encoding: .utf8))
                .map(\.name)
        }
        #expect(
            Set(declared).subtracting(checked).isEmpty, "not exercised: \(Set(declared).subtracting(checked).sorted())")
    }
}
