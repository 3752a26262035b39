import APIModel

/// Builds Exerciser.swift from the operation plans: for every operation, valid arguments built from the schemas,
/// then one call against `ReplayTransport` per documented response, checking that a success returns the decoded
/// fixture, that a documented error throws the operation's typed error carrying it (or, for a body that does not
/// decode, its bytes), and that an undocumented status throws `APIError.unexpectedStatus`.
struct ExerciserBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    /// Per operation, the fixture member of each documented JSON response (index in `responses`).
    let fixtureMembers: [[Int: String]]
    let types: TypeBuilder

    /// Statuses tried, in order, for `default` and for an undocumented status.
    private static let spareStatuses = [599, 499, 418, 399, 299]

    func build() -> ExerciserView {
        let synthesizer = ExampleSynthesizer(schemas: types.componentSchemas, overrides: types.overrides)
        var operations: [ExerciseOperationView] = []
        var deprecatedRequirements: [String] = []
        for (index, plan) in plans.enumerated() {
            let operation = document.operations[index]
            operations.append(
                exercise(plan, operation: operation, members: fixtureMembers[index], synthesizer: synthesizer))
            if operation.isDeprecated { deprecatedRequirements.append(requirement(plan)) }
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
        let runLines =
            operations.isEmpty
            ? ["return Report()"]
            : ["var report = Report()"] + operations.map { "await \($0.functionName)(&report)" } + ["return report"]
        return ExerciserView(operations: operations, runLines: runLines, deprecatedLines: deprecatedLines)
    }

    private func exercise(
        _ plan: OperationPlan, operation: APIModel.Operation, members: [Int: String], synthesizer: ExampleSynthesizer
    ) -> ExerciseOperationView {
        let method = SwiftNaming.unescaped(plan.name)
        let namespace = "Operations.\(plan.typeName)."
        var lines = ["report.operations += 1"]

        // Arguments: every required parameter and a required body, decoded from JSON built from their schemas.
        var declarations: [String] = []
        var assignments: [String] = []
        var arguments: [String] = []
        for (number, parameter) in plan.parameters.enumerated() where parameter.isRequired {
            let json = JSONText.compact(synthesizer.validExample(for: parameter.schema))
            declarations.append("let p\(number): \(parameter.type.spelling)")
            assignments.append(
                "p\(number) = try argument(\(parameter.type.spelling).self, \(SwiftLiteral.string(json)))")
            arguments.append("\(SwiftNaming.unescaped(parameter.swiftName)): p\(number)")
        }
        if let body = plan.body, body.isRequired {
            if let schema = body.schema {
                let json = JSONText.compact(synthesizer.validExample(for: schema))
                declarations.append("let body: \(body.type.spelling)")
                assignments.append("body = try argument(\(body.type.spelling).self, \(SwiftLiteral.string(json)))")
            } else {
                lines.append("let body = Data(\"gen exerciser body\".utf8)")
            }
            arguments.append("body: body")
        }
        if !declarations.isEmpty {
            lines +=
                declarations + ["do {"] + assignments.map { "    " + $0 } + [
                    "} catch {",
                    "    report.fail(\(SwiftLiteral.string(method)), \"could not build arguments: \\(error)\")",
                    "    return",
                    "}",
                ]
        }
        let operationID = "." + plan.name
        var call = "\(plan.name)(\(arguments.joined(separator: ", ")))"
        var replayClient = "replay(\(operationID), response)"
        if operation.isDeprecated {
            // Through `DeprecatedOperations`, whose requirement has no default arguments: every argument is passed.
            var all: [String] = []
            for (number, parameter) in plan.parameters.enumerated() {
                all.append(
                    "\(SwiftNaming.unescaped(parameter.swiftName)): \(parameter.isRequired ? "p\(number)" : "nil")")
            }
            if let body = plan.body { all.append("body: \(body.isRequired ? "body" : "nil")") }
            all.append("options: RequestOptions()")
            call = "\(plan.name)(\(all.joined(separator: ", ")))"
            replayClient = "(replay(\(operationID), response) as any DeprecatedOperations)"
        }

        let documentedCodes = Set(
            plan.responses.compactMap { if case .code(let code) = $0.status { code } else { nil } })
        let documentedRanges = Set(
            plan.responses.compactMap { if case .range(let range) = $0.status { range } else { nil } })
        func isDocumented(_ code: Int) -> Bool {
            documentedCodes.contains(code) || documentedRanges.contains(code / 100)
        }

        for (responseIndex, response) in plan.responses.enumerated() {
            let code: Int
            switch response.status {
            case .code(let value): code = value
            case .range(let range):
                guard let free = (range * 100...range * 100 + 99).first(where: { !documentedCodes.contains($0) }) else {
                    continue
                }
                code = free
            case .default:
                guard let free = Self.spareStatuses.first(where: { !isDocumented($0) }) else { continue }
                code = free
            }
            // The response the transport answers with, and the payload the client should hand back.
            var setup: [String] = []
            var payload = ""
            var payloadType: SwiftType?
            switch response.body {
            case .none:
                setup.append("let response = HTTPResponse(statusCode: \(code))")
            case .bytes:
                setup.append(
                    "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"application/octet-stream\"], body: Data(\"gen exerciser bytes\".utf8))"
                )
                payload = "response.body"
                payloadType = .data
            case .json(let type):
                if let member = members[responseIndex] {
                    let fixture = "Fixtures.\(plan.typeName).\(member)"
                    setup.append(
                        "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \(fixture).contentType], body: \(fixture).data)"
                    )
                    payload = "try \(fixture).decoded()"
                } else {
                    // A response whose status another one's fixture already stands for: its own payload here.
                    let json = JSONText.compact(
                        synthesizer.validExample(for: schema(ofResponse: responseIndex, in: plan, operation: operation))
                    )
                    setup.append(
                        "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"application/json\"], body: Data(\(SwiftLiteral.string(json)).utf8))"
                    )
                    payload = "try argument(\(type.spelling).self, from: response.body)"
                }
                payloadType = type
            }
            let label = SwiftLiteral.string("\(method) \(code)")
            var check = setup
            let client = replayClient
            switch response.outcome {
            case .returnNothing:
                check.append("try await \(client).\(call)")
            case .returnNil:
                check += [
                    "let value = try await \(client).\(call)",
                    "try expect(value == nil, \"returned \\(String(describing: value)) instead of nil\")",
                ]
            case .returnBody:
                let returnType = plan.returns.spelling(namespace: namespace)
                check += [
                    "let expected: \(returnType) = \(payload)", "let value = try await \(client).\(call)",
                    "try expect(value, equals: expected)",
                ]
            case .returnCase(let caseName, _):
                let returnType = plan.returns.spelling(namespace: namespace)
                check += [
                    "let expected: \(returnType) = .\(caseName)\(payloadType == nil ? "" : "(\(payload))")",
                    "let value = try await \(client).\(call)", "try expect(value, equals: expected)",
                ]
            case .throwDocumented(let caseName, let body, let carriesStatus):
                let errorType = plan.errorTypeName ?? ""
                func expected(_ payload: String?) -> String {
                    let values = (carriesStatus ? ["statusCode: \(code)"] : []) + (payload.map { [$0] } ?? [])
                    return "\(errorType).\(caseName)"
                        + (values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")")
                }
                let documented: String?
                switch body {
                case .none: documented = nil
                case .bytes: documented = payload
                case .json: documented = ".decoded(\(payload))"
                }
                check += [
                    "let expected = \(expected(documented))",
                    "try await expectError(expected) { _ = try await \(client).\(call) }",
                ]
                if case .json = body {
                    // A body that does not decode as documented (a gateway's HTML page) keeps the typed case.
                    lines += [
                        "await report.check(\(SwiftLiteral.string("\(method) \(code) undecodable"))) {",
                        "    let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"text/html\"], body: Data(\"<html>\(code)</html>\".utf8))",
                        "    let expected = \(expected(".undecoded(response.body)"))",
                        "    try await expectError(expected) { _ = try await \(client).\(call) }",
                        "}",
                    ]
                }
            }
            lines += ["await report.check(\(label)) {"] + check.map { "    " + $0 } + ["}"]
        }
        if !plan.hasDefault, let code = Self.spareStatuses.first(where: { !isDocumented($0) }) {
            lines += [
                "await report.check(\(SwiftLiteral.string("\(method) \(code) undocumented"))) {",
                "    let response = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
                "    try await expectUnexpectedStatus(\(code)) { _ = try await \(replayClient).\(call) }",
                "}",
            ]
        }
        return ExerciseOperationView(
            doc: [
                "/// \(DocComment.code("\(operation.method.rawValue.uppercased()) \(operation.path)")): every documented response of `Client.\(method)`."
            ],
            functionName: "exercise" + plan.typeName,
            lines: lines)
    }

    /// The requirement of `DeprecatedOperations` that a deprecated client method satisfies.
    private func requirement(_ plan: OperationPlan) -> String {
        let namespace = "Operations.\(plan.typeName)."
        var parameters = plan.parameters.map {
            "\($0.swiftName): \(($0.isRequired ? $0.type : $0.type.optional).spelling)"
        }
        if let body = plan.body {
            parameters.append("body: \((body.isRequired ? body.type : body.type.optional).spelling)")
        }
        parameters.append("options: RequestOptions")
        return
            "func \(plan.name)(\(parameters.joined(separator: ", "))) async throws -> \(plan.returns.spelling(namespace: namespace))"
    }

    /// The JSON schema of a documented response (the plan typed it as JSON).
    private func schema(ofResponse index: Int, in plan: OperationPlan, operation: APIModel.Operation) -> Schema {
        let sorted = operation.responses.sorted { $0.status < $1.status }
        return sorted[index].content.first(where: \.isJSON)!.schema!
    }
}
