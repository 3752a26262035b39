import APIModel
import Diagnostics
import ExampleValues
import SwiftPlanning

/// Builds Exerciser.swift from the operation plans: for every operation, valid arguments built from the schemas
/// (required ones only, and every one), the request of each of the two calls kept for a validator, then one call
/// against `ReplayTransport` per documented response, checking that a success returns the decoded
/// fixture, that a documented error throws the operation's typed error carrying it (or, for a body that does not
/// decode, its bytes), and that an undocumented status throws `APIError.unexpectedStatus`.
struct ExerciserBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    /// Per operation, the fixture member of each documented JSON response (index in `responses`).
    let fixtureMembers: [FixtureMembers]
    let types: TypeBuilder
    let diagnostics: any DiagnosticSink
    /// Whether the server side is generated: each call then also goes through `APIRouter` in-process, the handler
    /// comparing the `Input` it receives with the arguments, and answering with each documented response.
    var roundTrips = false

    /// Statuses tried, in order, for `default` and for an undocumented status.
    static let spareStatuses = [599, 499, 418, 399, 299]

    func build() -> ExerciserView {
        let synthesizer = ExampleSynthesizer(
            schemas: types.componentSchemas, overrides: types.overrides, diagnostics: diagnostics)
        var operations: [ExerciseOperationView] = []
        var deprecatedRequirements: [String] = []
        for (index, plan) in plans.enumerated() {
            let operation = document.operations[index]
            operations.append(
                exercise(plan, operation: operation, members: fixtureMembers[index], synthesizer: synthesizer))
            if operation.isDeprecated { deprecatedRequirements += requirements(plan) }
        }
        // Deprecated operations are called through a protocol they satisfy, so the exerciser compiles without
        // deprecation warnings (a deprecated witness is not diagnosed).
        let deprecatedLines =
            deprecatedRequirements.isEmpty
            ? []
            : [
                "",
                "/// The deprecated operations, called through this protocol so that exercising them is not itself deprecated.",
                "protocol DeprecatedOperations {",
            ] + deprecatedRequirements.map { "    " + $0 } + ["}", "", "extension Client: DeprecatedOperations {}"]
        // A whole function body, so a spec without operations gets `return Report()`, not a variable never mutated.
        // One call per letter's file (`await runG(&report)`), each calling its operations' checks: with one async
        // function awaiting every operation (GitHub's 814), Exerciser.swift alone took 8 GB to compile.
        let runLines =
            operations.isEmpty
            ? ["return Report()"]
            : ["var report = Report()"]
                + Self.letters(operations).map { "await \($0.function)(&report)" } + ["return report"]
        let decoded = decodedTypeLines()
        return ExerciserView(
            operations: operations, runLines: runLines, deprecatedLines: deprecatedLines,
            roundTripLines: roundTrips ? roundTripHandlerLines() : [], hasRoundTrips: roundTrips ? [true] : [],
            decodedTypeLines: decoded.switchLines, decodedTypeKeys: decoded.keyLines)
    }

    /// The operations' checks by the letter of the file they are in (`Exerciser+G.swift`), with the function that
    /// runs them (`runG`).
    static func letters(
        _ operations: [ExerciseOperationView]
    ) -> [(key: String, function: String, operations: [ExerciseOperationView])] {
        FileLayout.grouped(operations, everyKey: false, name: \.operationName).map {
            ($0.key, "run" + $0.key, $0.entries)
        }
    }

    /// The checks of one operation: the arguments of both calls built once, each call's request kept (and checked
    /// to route back to the operation), then a check per documented response with the required arguments (and one
    /// for an undocumented status when the operation has no `default`).
    func exercise(
        _ plan: OperationPlan, operation: APIModel.Operation, members fixtureMembers: FixtureMembers,
        synthesizer: ExampleSynthesizer
    ) -> ExerciseOperationView {
        let members = fixtureMembers.responses
        let method = SwiftNaming.unescaped(plan.name)
        var lines = ["report.operations += 1"] + argumentLines(plan, synthesizer: synthesizer)
        let operationID = "." + plan.name
        // The requests of both calls, kept for a validator; the responses are checked with the first.
        for variant in CallVariant.allCases {
            let label = SwiftLiteral.string("\(method) \(variant.label)")
            let call = call(plan, variant, isDeprecated: operation.isDeprecated)
            lines.append(
                "await report.send(\(label), \(operationID), authentication: \(credentials(for: operation))) { _ = try await \(client("$0", isDeprecated: operation.isDeprecated)).\(call) }"
            )
        }
        let call = call(plan, .required, isDeprecated: operation.isDeprecated)
        let client = client("replay(\(operationID), response)", isDeprecated: operation.isDeprecated)
        let statuses = DocumentedStatuses(plan)
        for (responseIndex, response) in plan.responses.enumerated() {
            guard let code = statuses.code(standingFor: response.status) else { continue }
            let (setup, payload) = responseSetup(
                response, code: code, responseIndex: responseIndex, plan: plan, operation: operation,
                members: members, synthesizer: synthesizer)
            let check = checkLines(
                response, code: code, payload: payload, plan: plan, call: "\(client).\(call)", lines: &lines)
            let label = SwiftLiteral.string("\(method) \(code)")
            lines += ["await report.check(\(label)) {"] + (setup + check).map { "    " + $0 } + ["}"]
        }
        if !plan.hasDefault, let code = Self.spareStatuses.first(where: { !statuses.isDocumented($0) }) {
            lines += [
                "await report.check(\(SwiftLiteral.string("\(method) \(code) undocumented"))) {",
                "    let response = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
                "    try await expectUnexpectedStatus(\(code)) { _ = try await \(client).\(call) }",
                "}",
            ]
        }
        lines += streamChecks(
            plan, operation: operation, members: fixtureMembers, statuses: statuses, synthesizer: synthesizer)
        if roundTrips {
            lines += roundTripLines(
                plan, operation: operation, members: members,
                breakingConstraints: fixtureMembers.breakingConstraints, statuses: statuses,
                synthesizer: synthesizer)
        }
        let route = DocComment.code("\(operation.method.wireName) \(operation.path)")
        return ExerciseOperationView(
            doc: ["/// \(route): every documented response of `Client.\(method)`."],
            functionName: "exercise" + plan.typeName,
            operationName: plan.typeName,
            lines: lines)
    }

    /// The arguments of both calls, decoded from JSON built from their schemas: every required parameter and a
    /// required body with its required members (`p0`, `body`), then every parameter and a body with every member
    /// (`all0`, `allBody`).
    func argumentLines(_ plan: OperationPlan, synthesizer: ExampleSynthesizer) -> [String] {
        var lines: [String] = []
        var declarations: [String] = []
        var assignments: [String] = []
        var eventBodies: [String] = []
        func argument(_ name: String, _ type: SwiftType, _ schema: Schema, complete: Bool, isParameter: Bool = false) {
            var value = synthesizer.validExample(for: schema, complete: complete)
            if isParameter, value == .string("") {
                // An empty parameter (a spec's `default: ''`) is not sent as a value: `allowEmptyValue` is false.
                var plain = synthesizer
                plain.usesSpecValues = false
                value = plain.validExample(for: schema, complete: complete)
            }
            let json = JSONText.compact(value)
            declarations.append("let \(name): \(type.spelling)")
            assignments.append("\(name) = try argument(\(type.spelling).self, \(SwiftLiteral.string(json)))")
        }
        for variant in CallVariant.allCases {
            let complete = variant == .all
            for (number, parameter) in plan.parameters.enumerated()
            where parameter.isRequired || complete && Self.canSend(parameter) {
                argument(
                    variant.parameterName(number), parameter.type, parameter.schema, complete: complete,
                    isParameter: true)
            }
            guard let body = plan.body, complete || body.isRequired else { continue }
            if let events = body.events {
                // A body of events: one event, built from the element's schema (kept for the round trip's `sent`).
                argument(variant.bodyName + "Event", events.element, events.schema, complete: complete)
                eventBodies.append("let \(variant.bodyName) = EventBody([\(variant.bodyName)Event])")
            } else if let schema = body.schema {
                argument(variant.bodyName, body.type, schema, complete: complete)
            } else {
                lines.append("let \(variant.bodyName) = Data(\"gen exerciser body\".utf8)")
            }
        }
        guard !declarations.isEmpty else { return lines }
        let method = SwiftLiteral.string(SwiftNaming.unescaped(plan.name))
        return lines + declarations + ["do {"] + assignments.map { "    " + $0 } + [
            "} catch {",
            "    report.fail(\(method), \"could not build arguments: \\(error)\")",
            "    return",
            "}",
        ] + eventBodies
    }

    /// Whether the client can send the parameter at all: the runtime refuses a header whose name is not visible
    /// ASCII (or holds a colon), or a cookie whose name holds a control character, as a request could be split.
    static func canSend(_ parameter: ParameterPlan) -> Bool {
        switch parameter.location {
        case .header: parameter.specName.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        case .cookie: parameter.specName.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
        default: true
        }
    }

    /// The two calls of every operation: required arguments only, and every argument.
    enum CallVariant: CaseIterable {
        case required, all

        var label: String { self == .required ? "required" : "all" }
        var bodyName: String { self == .required ? "body" : "allBody" }
        func parameterName(_ number: Int) -> String { self == .required ? "p\(number)" : "all\(number)" }
    }

    /// `op(runID: p0, body: body)`: the operation called with the arguments of `variant`. A deprecated operation
    /// is called through `DeprecatedOperations`, whose requirement has no default arguments, so every argument is
    /// passed (`nil` where the variant has none).
    func call(
        _ plan: OperationPlan, _ variant: CallVariant, isDeprecated: Bool, method: String? = nil,
        streamsBody: Bool = false, alternate: (label: String, value: String)? = nil
    ) -> String {
        var arguments: [String] = []
        for (number, parameter) in plan.parameters.enumerated() {
            let name = SwiftNaming.unescaped(parameter.swiftName)
            if parameter.isRequired || variant == .all && Self.canSend(parameter) {
                arguments.append("\(name): \(variant.parameterName(number))")
            } else if isDeprecated {
                arguments.append("\(name): nil")
            }
        }
        if let alternate {
            arguments.append("\(alternate.label): \(alternate.value)")
        } else if let body = plan.body {
            if streamsBody {
                arguments.append("body: ByteStream(\(variant.bodyName))")
            } else if variant == .all || body.isRequired {
                arguments.append("body: \(variant.bodyName)")
            } else if isDeprecated {
                arguments.append("body: nil")
            }
        }
        if isDeprecated { arguments.append("options: RequestOptions()") }
        return "\(method ?? plan.name)(\(arguments.joined(separator: ", ")))"
    }

    /// Credentials for the first alternative of the operation's security requirement whose schemes are not
    /// deprecated (else the first; every scheme it names), or `nil` when the operation needs none.
    func credentials(for operation: APIModel.Operation) -> String {
        let security = operation.security ?? document.security
        let factories = OperationPlanner.authentications(of: document)
        let deprecated = Set(document.securitySchemes.filter(\.isDeprecated).map(\.name))
        guard
            let requirement = security.first(where: { $0.schemeNames.allSatisfy { !deprecated.contains($0) } })
                ?? security.first,
            !security.contains(where: \.schemeNames.isEmpty)
        else { return "nil" }
        let applied: [String] = requirement.schemeNames.compactMap { schemeName in
            guard let factory = factories.first(where: { $0.scheme.name == schemeName }) else { return nil }
            // A deprecated scheme's factories warn where they are called: its credentials are spelled out.
            let isDeprecated = factory.scheme.isDeprecated
            switch factory.kind {
            case .basic:
                return isDeprecated
                    ? #"Authentication { $0.headers["Authorization"] = "Basic dXNlcjpwYXNzd29yZA==" }"#
                    : "Authentication.\(factory.name)(username: \"user\", password: \"password\")"
            case .bearer:
                return isDeprecated
                    ? #"Authentication { $0.headers["Authorization"] = "Bearer token" }"#
                    : "Authentication.\(factory.name)(token: \"token\")"
            case .apiKey(let keyName, let place):
                guard isDeprecated else { return "Authentication.\(factory.name)(apiKey: \"key\")" }
                let name = SwiftLiteral.string(keyName)
                return switch place {
                case .query: "Authentication { $0.url = $0.url.appendingQueryItem(\(name), value: \"key\") }"
                case .cookie: "Authentication { $0.headers[\"Cookie\"] = \(SwiftLiteral.string(keyName + "=key")) }"
                default: "Authentication { $0.headers[\(name)] = \"key\" }"
                }
            }
        }
        switch applied.count {
        case 0: return "nil"
        case 1: return applied[0]
        default:
            let steps = applied.map { "try await \($0).apply(&request)" }.joined(separator: "; ")
            return "Authentication { request in \(steps) }"
        }
    }

    /// The client an operation is called on: a deprecated operation through `DeprecatedOperations`.
    func client(_ expression: String, isDeprecated: Bool) -> String {
        isDeprecated ? "(\(expression) as any DeprecatedOperations)" : expression
    }

    /// The statuses an operation documents, and the code the exerciser answers with for each.
    struct DocumentedStatuses {
        let codes: Set<Int>
        let ranges: Set<Int>

        init(_ plan: OperationPlan) {
            codes = Set(plan.responses.compactMap { if case .code(let code) = $0.status { code } else { nil } })
            ranges = Set(plan.responses.compactMap { if case .range(let range) = $0.status { range } else { nil } })
        }

        func isDocumented(_ code: Int) -> Bool { codes.contains(code) || ranges.contains(code / 100) }

        /// A code of `status` that no other documented status claims (nil when there is none).
        func code(standingFor status: ResponseStatus) -> Int? {
            switch status {
            case .code(let value): value
            case .range(let range): (range * 100...range * 100 + 99).first { !codes.contains($0) }
            case .default: ExerciserBuilder.spareStatuses.first { !isDocumented($0) }
            }
        }
    }

    /// The response the transport answers with, and the payload the client should hand back (its expression and
    /// type; nil for no content).
    func responseSetup(
        _ response: ResponsePlan, code: Int, responseIndex: Int, plan: OperationPlan, operation: APIModel.Operation,
        members: [Int: String], synthesizer: ExampleSynthesizer
    ) -> (setup: [String], payload: (expression: String, type: SwiftType)?) {
        switch response.body {
        case .none:
            return (["let response = HTTPResponse(statusCode: \(code))"], nil)
        case .bytes:
            let headers = "[\"Content-Type\": \"application/octet-stream\"]"
            return (
                [
                    "let response = HTTPResponse(statusCode: \(code), headers: \(headers), body: Data(\"gen exerciser bytes\".utf8))"
                ], ("response.body", .data)
            )
        case .json(let type):
            if let member = members[responseIndex] {
                let fixture = "Fixtures.\(plan.typeName).\(member)"
                return (
                    [
                        "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \(fixture).contentType], body: \(fixture).data)"
                    ], ("try \(fixture).decoded()", type)
                )
            }
            // A response whose status another one's fixture already stands for (or whose fixture a server may not
            // answer with): its own payload here, valid as a server checks it.
            let schema = schema(ofResponse: responseIndex, in: plan, operation: operation)
            let json = SwiftLiteral.string(JSONText.compact(synthesizer.validExample(for: schema, complete: true)))
            return (
                [
                    "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"application/json\"], body: Data(\(json).utf8))"
                ], ("try argument(\(type.spelling).self, from: response.body)", type)
            )
        }
    }

    /// The statements that call the operation and check what it does with the response; a documented error with
    /// a JSON body also gets a check of its own (appended to `lines`) that an undecodable body keeps the case.
    func checkLines(
        _ response: ResponsePlan, code: Int, payload: (expression: String, type: SwiftType)?, plan: OperationPlan,
        call: String, lines: inout [String]
    ) -> [String] {
        let method = SwiftNaming.unescaped(plan.name)
        let returnType = plan.returns.spelling(namespace: "Operations.\(plan.typeName).")
        let expression = payload?.expression ?? ""
        switch response.outcome {
        case .returnNothing:
            return ["try await \(call)"]
        case .returnNil:
            return [
                "let value = try await \(call)",
                "try expect(value == nil, \"returned \\(String(describing: value)) instead of nil\")",
            ]
        case .returnBody:
            return [
                "let expected: \(returnType) = \(expression)", "let value = try await \(call)",
                "try expect(value, equals: expected)",
            ]
        case .returnCase(let caseName, _):
            return [
                "let expected: \(returnType) = .\(caseName)\(payload == nil ? "" : "(\(expression))")",
                "let value = try await \(call)", "try expect(value, equals: expected)",
            ]
        case .throwDocumented(let caseName, let body, let carriesStatus):
            func expected(_ payload: String?) -> String {
                let values = (carriesStatus ? ["statusCode: \(code)"] : []) + (payload.map { [$0] } ?? [])
                return "\(plan.errorTypeName ?? "").\(caseName)"
                    + (values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")")
            }
            let documented: String?
            switch body {
            case .none: documented = nil
            case .bytes: documented = expression
            case .json: documented = ".decoded(\(expression))"
            }
            if case .json = body {
                // A body that does not decode as documented (a gateway's HTML page) keeps the typed case.
                lines += [
                    "await report.check(\(SwiftLiteral.string("\(method) \(code) undecodable"))) {",
                    "    let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"text/html\"], body: Data(\"<html>\(code)</html>\".utf8))",
                    "    let expected = \(expected(".undecoded(response.body)"))",
                    "    try await expectError(expected) { _ = try await \(call) }",
                    "}",
                ]
            }
            return [
                "let expected = \(expected(documented))",
                "try await expectError(expected) { _ = try await \(call) }",
            ]
        }
    }

    /// The requirements of `DeprecatedOperations` that a deprecated operation's client methods satisfy: the
    /// method, its streamed forms, and the overload that streams a raw body.
    func requirements(_ plan: OperationPlan) -> [String] {
        let namespace = "Operations.\(plan.typeName)."
        var parameters = plan.parameters.map {
            "\($0.swiftName): \(($0.isRequired ? $0.type : $0.type.optional).spelling)"
        }
        var streamedBody = parameters
        if let body = plan.body {
            parameters.append("body: \((body.isRequired ? body.type : body.type.optional).spelling)")
            streamedBody.append("body: ByteStream")
        }
        parameters.append("options: RequestOptions")
        streamedBody.append("options: RequestOptions")
        let list = parameters.joined(separator: ", ")
        var requirements = ["func \(plan.name)(\(list)) async throws -> \(plan.returns.spelling(namespace: namespace))"]
        requirements += plan.streams.map { "func \($0.name)(\(list)) async throws -> \($0.returnType)" }
        if let body = plan.body, case .raw = body.encoding {
            requirements.append(
                "func \(plan.name)(\(streamedBody.joined(separator: ", "))) async throws -> \(plan.returns.spelling(namespace: namespace))"
            )
        }
        for alternate in plan.alternateBodies {
            let parameters =
                plan.parameters.map { "\($0.swiftName): \(($0.isRequired ? $0.type : $0.type.optional).spelling)" }
                + ["\(alternate.label) body: \(alternate.body.type.spelling)", "options: RequestOptions"]
            requirements.append(
                "func \(plan.name)(\(parameters.joined(separator: ", "))) async throws -> \(plan.returns.spelling(namespace: namespace))"
            )
        }
        return requirements
    }

    /// The JSON schema of a documented response (the plan typed it as JSON).
    func schema(ofResponse index: Int, in plan: OperationPlan, operation: APIModel.Operation) -> Schema {
        let sorted = operation.responses.sorted { $0.status < $1.status }
        return sorted[index].content.first(where: \.isJSON)!.schema!
    }
}
