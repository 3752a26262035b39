import APIModel
import Diagnostics
import ExampleValues
import SwiftPlanning

/// The fixture members that stand for an operation's responses: by index in the plan's `responses`, and by
/// the name of a `…Stream` method for its events.
struct FixtureMembers {
    var responses: [Int: String] = [:]
    var events: [String: String] = [:]
    /// The responses (by index) whose fixture decodes but breaks a validation keyword of its schema (a spec's
    /// example such as Twilio's `sms_application_sid: ''` under `minLength: 34`): what a server answers is checked
    /// against those, so a round trip answers with a value built from the schema instead.
    var breakingConstraints: Set<Int> = []
}

/// Builds the fixtures: one JSON payload per operation and documented JSON response, from the spec's example
/// or synthesized from the schema.
struct FixturesBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    let types: TypeBuilder
    let diagnostics: any DiagnosticSink

    /// The view of Fixtures.swift, the `.json` files (path relative to the output folder → text), and per operation
    /// the fixture of each documented JSON response (index in the plan's `responses` → member of `Fixtures.<Op>`).
    func build() -> (view: FixturesView, files: [(path: String, text: String)], members: [FixtureMembers]) {
        let synthesizer = ExampleSynthesizer(
            schemas: types.componentSchemas, overrides: types.overrides, diagnostics: diagnostics)
        var operations: [FixtureOperationView] = []
        var routes: [String] = []
        var all: [String] = []
        var files: [(path: String, text: String)] = []
        var members: [FixtureMembers] = []
        for (index, operation) in document.operations.enumerated() {
            let plan = plans[index]
            let fixtures = operationFixtures(operation, plan: plan, synthesizer: synthesizer)
            if !fixtures.views.isEmpty {
                operations.append(
                    FixtureOperationView(
                        name: plan.typeName, methodName: SwiftNaming.unescaped(plan.name), fixtures: fixtures.views,
                        allList: fixtures.views.map(\.name).joined(separator: ", ")))
                all.append("all += \(plan.typeName).all")
            }
            files += fixtures.files
            members.append(
                FixtureMembers(
                    responses: fixtures.responseMembers, events: fixtures.eventMembers,
                    breakingConstraints: fixtures.breakingConstraints))
            routes.append(
                routeStatement(
                    operation, plan: plan, hasFixtures: !fixtures.views.isEmpty, emptyStatuses: fixtures.emptyStatuses))
        }
        // Whole function bodies, so an empty list is `return []` rather than a variable never mutated.
        let routeBody = routes.isEmpty ? ["return []"] : ["var routes: [Route] = []"] + routes + ["return routes"]
        let allBody = all.isEmpty ? ["return []"] : ["var all: [any AnyFixture] = []"] + all + ["return all"]
        return (FixturesView(operations: operations, routes: routeBody, allFixtures: allBody), files, members)
    }

    /// The fixtures of one operation: a view and a file per fixture, the member that stands for each documented
    /// JSON response, and the statuses documented without a JSON body.
    private func operationFixtures(
        _ operation: APIModel.Operation, plan: OperationPlan, synthesizer: ExampleSynthesizer
    ) -> (
        views: [FixtureView], files: [(path: String, text: String)], responseMembers: [Int: String],
        eventMembers: [String: String], emptyStatuses: [Int], breakingConstraints: Set<Int>
    ) {
        let methodName = SwiftNaming.unescaped(plan.name)
        let constraints = ExampleValidator(
            schemas: types.componentSchemas, overrides: types.overrides, checksConstraints: true)
        var breakingConstraints: Set<Int> = []
        var views: [FixtureView] = []
        var files: [(path: String, text: String)] = []
        var responseMembers: [Int: String] = [:]
        var emptyStatuses: [Int] = []
        var scope = NameScope(reserved: ["all"])
        var usedCodes = Set<Int>()
        for (responseIndex, response) in operation.responses.sorted(by: { $0.status < $1.status }).enumerated() {
            let code = HTTPStatus.representativeCode(response.status)
            // Explicit codes sort first and win over the code a range or `default` stands for.
            guard usedCodes.insert(code).inserted else { continue }
            // The plan typed the body once; the fixture decodes into that same type.
            guard case .json(let valueType) = plan.responses[responseIndex].body,
                let media = response.content.first(where: \.isJSON), let schema = media.schema
            else {
                emptyStatuses.append(code)
                continue
            }
            let what = "response \(code) of '\(methodName)'"
            for example in examples(of: media, schema: schema, what: what, synthesizer: synthesizer) {
                let (view, file) = responseFixture(
                    example, status: response.status, description: response.description, media: media,
                    valueType: valueType, methodName: methodName, scope: &scope)
                views.append(view)
                files.append(file)
                if example.label == nil {
                    responseMembers[responseIndex] = view.name
                    if constraints.mismatch(example.value, schema) != nil { breakingConstraints.insert(responseIndex) }
                }
            }
        }
        var eventMembers: [String: String] = [:]
        for stream in plan.streams {
            guard
                let (view, file) = eventFixture(stream, methodName: methodName, scope: &scope, synthesizer: synthesizer)
            else { continue }
            views.append(view)
            files.append(file)
            eventMembers[stream.name] = view.name
        }
        return (views, files, responseMembers, eventMembers, emptyStatuses, breakingConstraints)
    }

    /// One example of a documented JSON response: its fixture (`ok`, or `okSecondPage` for the example
    /// `secondPage`) and its review file (`200.json`, `200-secondPage.json`).
    private func responseFixture(
        _ example: (label: String?, value: JSONValue), status: ResponseStatus, description: String,
        media: MediaType, valueType: SwiftType, methodName: String, scope: inout NameScope
    ) -> (FixtureView, (path: String, text: String)) {
        let code = HTTPStatus.representativeCode(status)
        let json = JSONText.render(example.value)
        let base = HTTPStatus.name(status)
        let name = scope.claim(example.label.map { base + SwiftNaming.unescaped(SwiftNaming.typeName($0)) } ?? base)
            .name
        let fileLabel =
            example.label.map { "-" + $0.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" } }
            ?? ""
        let file =
            "Fixtures/\(FileName.component(methodName))/"
            + FileName.component("\(code)\(String(fileLabel))", suffix: ".json")
        var doc = DocComment.field("\(code):", description)
        if let label = example.label { doc += ["///", "/// Example \(DocComment.code(label))."] }
        let view = FixtureView(
            doc: doc + ["///", "/// The same payload is in \(DocComment.code(file))."],
            name: name, valueType: valueType.spelling, statusCode: code,
            contentType: SwiftLiteral.string(media.contentType),
            literalLines: SwiftLiteral.rawMultilineLines(json))
        return (view, (file, json))
    }

    /// An event stream's fixture: one event (the element's example, or one built from its schema), which the
    /// replayed response sends twice, then the terminator.
    private func eventFixture(
        _ stream: StreamPlan, methodName: String, scope: inout NameScope, synthesizer: ExampleSynthesizer
    ) -> (FixtureView, (path: String, text: String))? {
        guard case .events(let element, let framing, let terminator) = stream.kind, let schema = stream.schema,
            let status = stream.statuses.first
        else { return nil }
        let code = HTTPStatus.representativeCode(status)
        let what = "the events of response \(code) of '\(methodName)'"
        var value = synthesizer.validExample(for: schema)
        if let (example, location) = resolvedExample(schema) {
            let validator = ExampleValidator(schemas: types.componentSchemas, overrides: types.overrides)
            if let problem = validator.mismatch(example, schema) {
                diagnostics.emit(.exampleMismatch("the example of " + what, problem: problem, at: location))
            } else {
                value = example
            }
        }
        let json = JSONText.render(value)
        let name = scope.claim(HTTPStatus.name(status) + "Events").name
        let file = "Fixtures/\(FileName.component(methodName))/" + FileName.component("\(code)-events", suffix: ".json")
        let format: String
        switch framing {
        case .serverSentEvents: format = ".serverSentEvents"
        case .jsonLines: format = ".jsonLines"
        case .jsonSequence: format = ".jsonSequence"
        }
        let view = FixtureView(
            doc: DocComment.field("\(code):", "One event of the \(stream.accept.joined(separator: ", ")) stream.")
                + ["///", "/// The same payload is in \(DocComment.code(file))."],
            name: name, valueType: element.spelling, statusCode: code,
            contentType: SwiftLiteral.string(stream.accept.first ?? ""),
            literalLines: SwiftLiteral.rawMultilineLines(json),
            framing: ["framing: \(format)" + (terminator.map { ", terminator: \(SwiftLiteral.string($0))" } ?? "")])
        return (view, (file, json))
    }

    /// The payloads of a response's media type: the first example is the status's fixture (`ok`); further named
    /// examples get fixtures of their own (`okSecondPage`, file `200-secondPage.json`). Only payloads the models
    /// decode become fixtures: an example that contradicts its schema is reported and replaced (the status's own
    /// fixture) or left out (a further named example).
    private func examples(
        of media: MediaType, schema: Schema, what: String, synthesizer: ExampleSynthesizer
    ) -> [(label: String?, value: JSONValue)] {
        let validator = ExampleValidator(schemas: types.componentSchemas, overrides: types.overrides)
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
                        "example '\(example.name ?? "example")' of " + what, problem: problem, at: example.location))
                if label == nil { examples.append((nil, synthesizer.validExample(for: schema))) }
            } else {
                examples.append((label, example.value))
            }
        }
        return examples
    }

    /// The statement that adds an operation's route to `ReplayTransport`: one statement per route, never one huge
    /// literal, since large nested literals are what makes the type checker slow and hungry on big specs.
    private func routeStatement(
        _ operation: APIModel.Operation, plan: OperationPlan, hasFixtures: Bool, emptyStatuses: [Int]
    ) -> String {
        let defaultStatus =
            operation.responses.sorted(by: { $0.status < $1.status })
            .first(where: \.status.isSuccess).map { HTTPStatus.representativeCode($0.status) } ?? 200
        let method = SwiftLiteral.string(operation.method.wireName)
        return "routes.append(Route(operation: .\(SwiftNaming.unescaped(plan.name)), method: \(method), "
            + "path: \(SwiftLiteral.string(operation.path)), defaultStatus: \(defaultStatus), "
            + "fixtures: \(hasFixtures ? "Fixtures.\(plan.typeName).all" : "[]"), "
            + "emptyStatuses: [\(emptyStatuses.map(String.init).joined(separator: ", "))]))"
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
