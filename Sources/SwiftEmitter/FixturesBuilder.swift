import APIModel
import Diagnostics

/// Builds the fixtures: one JSON payload per operation and documented JSON response, from the spec's example
/// or synthesized from the schema.
struct FixturesBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    let types: TypeBuilder
    let diagnostics: any DiagnosticSink

    /// The view of Fixtures.swift, the `.json` files (path relative to the output folder → text), and per operation
    /// the fixture of each documented JSON response (index in the plan's `responses` → member of `Fixtures.<Op>`).
    func build() -> (view: FixturesView, files: [(path: String, text: String)], members: [[Int: String]]) {
        let synthesizer = ExampleSynthesizer(schemas: types.componentSchemas, overrides: types.overrides)
        var operations: [FixtureOperationView] = []
        var routes: [String] = []
        var all: [String] = []
        var files: [(String, String)] = []
        var members: [[Int: String]] = []
        for (index, operation) in document.operations.enumerated() {
            let plan = plans[index]
            let typeName = plan.typeName
            let methodName = SwiftNaming.unescaped(plan.name)
            var responseMembers: [Int: String] = [:]
            var fixtures: [FixtureView] = []
            var memberNames: [String] = []
            var emptyStatuses: [Int] = []
            var scope = NameScope(reserved: ["all"])
            var usedCodes = Set<Int>()
            let sorted = operation.responses.sorted(by: { $0.status < $1.status })
            for (responseIndex, response) in sorted.enumerated() {
                let code = HTTPStatus.representativeCode(response.status)
                // Explicit codes sort first and win over the code a range or `default` stands for.
                guard usedCodes.insert(code).inserted else { continue }
                // The plan typed the body once; the fixture decodes into that same type.
                guard case .json(let valueType) = plans[index].responses[responseIndex].body,
                    let media = response.content.first(where: \.isJSON), let schema = media.schema
                else {
                    emptyStatuses.append(code)
                    continue
                }
                // The first example is the status's fixture (`ok`); further named examples get fixtures of their
                // own (`okSecondPage`, file `200-secondPage.json`).
                // Only payloads the models decode become fixtures: an example that contradicts its schema is
                // reported and replaced (the status's own fixture) or left out (a further named example).
                let validator = ExampleValidator(schemas: types.componentSchemas, overrides: types.overrides)
                let what = "response \(HTTPStatus.representativeCode(response.status)) of '\(methodName)'"
                var examples: [(label: String?, value: JSONValue)] = []
                if media.examples.isEmpty {
                    var value = synthesizer.validExample(for: schema)
                    if let (example, location) = resolvedExample(schema) {
                        if let problem = validator.mismatch(example, schema) {
                            diagnostics.emit(.exampleMismatch("the example of " + what, problem: problem, at: location))
                        } else {
                            value = example
                        }
                    }
                    examples = [(nil, value)]
                }
                for (index, example) in media.examples.enumerated() {
                    let label = index == 0 ? nil : example.name ?? "example\(index + 1)"
                    if let problem = validator.mismatch(example.value, schema) {
                        diagnostics.emit(
                            .exampleMismatch(
                                "example '\(example.name ?? "example")' of " + what, problem: problem,
                                at: example.location))
                        if label == nil { examples.append((nil, synthesizer.validExample(for: schema))) }
                    } else {
                        examples.append((label, example.value))
                    }
                }
                for example in examples {
                    let json = JSONText.render(example.value)
                    let base = HTTPStatus.name(response.status)
                    let name = scope.claim(
                        example.label.map { base + SwiftNaming.unescaped(SwiftNaming.typeName($0)) } ?? base
                    ).name
                    let fileLabel =
                        example.label.map {
                            "-" + $0.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
                        } ?? ""
                    let file =
                        "Fixtures/\(FileName.component(SwiftNaming.unescaped(methodName)))/"
                        + FileName.component("\(code)\(String(fileLabel))", suffix: ".json")
                    var doc = DocComment.field("\(code):", response.description)
                    if let label = example.label { doc += ["///", "/// Example \(DocComment.code(label))."] }
                    fixtures.append(
                        FixtureView(
                            doc: doc + ["///", "/// The same payload is in \(DocComment.code(file))."],
                            name: name,
                            valueType: valueType.spelling,
                            statusCode: code,
                            contentType: SwiftLiteral.string(media.contentType),
                            literalLines: SwiftLiteral.rawMultilineLines(json)
                        ))
                    files.append((file, json))
                    memberNames.append(name)
                    if example.label == nil { responseMembers[responseIndex] = name }
                }
            }
            if !fixtures.isEmpty {
                operations.append(
                    FixtureOperationView(
                        name: typeName, methodName: methodName, fixtures: fixtures,
                        allList: memberNames.joined(separator: ", ")))
                all.append("all += \(typeName).all")
            }
            members.append(responseMembers)
            let defaultStatus =
                operation.responses.sorted(by: { $0.status < $1.status })
                .first(where: \.status.isSuccess).map { HTTPStatus.representativeCode($0.status) } ?? 200
            // One statement per route, never one huge literal: large nested literals are what makes the type checker
            // slow and hungry on big specs.
            routes.append(
                "routes.append(Route(operation: .\(methodName), method: \(SwiftLiteral.string(operation.method.rawValue.uppercased())), "
                    + "path: \(SwiftLiteral.string(operation.path)), defaultStatus: \(defaultStatus), "
                    + "fixtures: \(fixtures.isEmpty ? "[]" : "Fixtures.\(typeName).all"), "
                    + "emptyStatuses: [\(emptyStatuses.map(String.init).joined(separator: ", "))]))")
        }
        // Whole function bodies, so an empty list is `return []` rather than a variable never mutated.
        let routeBody = routes.isEmpty ? ["return []"] : ["var routes: [Route] = []"] + routes + ["return routes"]
        let allBody = all.isEmpty ? ["return []"] : ["var all: [any AnyFixture] = []"] + all + ["return all"]
        return (FixturesView(operations: operations, routes: routeBody, allFixtures: allBody), files, members)
    }

    /// The `example` of the media type's schema or of the named schema it refers to, with where it is written.
    private func resolvedExample(_ schema: Schema) -> (JSONValue, SourceLocation)? {
        if let example = schema.example { return (example, schema.location) }
        if case .reference(let ref) = schema.kind, let target = types.componentSchemas[ref.name],
            let example = target.example
        {
            return (example, target.location)
        }
        return nil
    }
}
