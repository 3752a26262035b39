import APIModel
import Diagnostics
import Foundation
import Generator
import Mustache
import OpenAPIReader
import Testing
import YAMLNodes

@testable import SwiftEmitter

/// Templates see a view's fields only through `child(named:)` (Views+Mustache.swift): a stored field missing there
/// would silently render as nothing. This walks real views and checks every stored field is answered.
@Suite struct ViewLookupTests {
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
            let client = ClientBuilder(document: document, types: types, diagnostics: sink)
            let componentTypes = types.componentTypes()
            let (clientView, namespaces, plans) = client.build()
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
            check(
                FileView(
                    specName: "t.yaml", models: [models], client: [clientView], fixtures: [fixtures],
                    exerciser: [exerciser]), checked: &checked)
        }
        // Every view type declared in Views.swift was reached by at least one of the specs.
        let declared = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                    "Sources/SwiftEmitter/Views.swift"),
            encoding: .utf8
        )
        .split(separator: "\n").filter { $0.hasPrefix("struct ") }.map { String($0.dropFirst(7).prefix { $0 != " " }) }
        #expect(
            Set(declared).subtracting(checked).isEmpty, "not exercised: \(Set(declared).subtracting(checked).sorted())")
    }
}
