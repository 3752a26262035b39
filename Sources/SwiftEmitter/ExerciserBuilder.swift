import APIModel
import Diagnostics

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
    private static let spareStatuses = [599, 499, 418, 399, 299]

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
        return ExerciserView(
            operations: operations, runLines: runLines, deprecatedLines: deprecatedLines,
            roundTripLines: roundTrips ? roundTripHandlerLines() : [], hasRoundTrips: roundTrips ? [true] : [])
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
    private func exercise(
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
                plan, operation: operation, members: members, statuses: statuses, synthesizer: synthesizer)
        }
        let route = DocComment.code("\(operation.method.rawValue.uppercased()) \(operation.path)")
        return ExerciseOperationView(
            doc: ["/// \(route): every documented response of `Client.\(method)`."],
            functionName: "exercise" + plan.typeName,
            operationName: plan.typeName,
            lines: lines)
    }

    // MARK: - Round trips through the server side

    /// What every round trip of one operation shares.
    private struct RoundTrip {
        let plan: OperationPlan
        let operation: APIModel.Operation
        /// The client's method name, unescaped.
        let method: String
        /// `Operations.GetRun`.
        let namespace: String
        /// The call with every argument.
        let call: String
        /// The client that sends through the router in-process.
        let client: String
    }

    /// The round trips of one operation: the call with every argument sent through `APIRouter` in-process once per
    /// documented response (and once for an undocumented status); the handler compares the `Input` it receives
    /// with the arguments field by field and answers with the response, and the client's result is checked as
    /// against `ReplayTransport`.
    private func roundTripLines(
        _ plan: OperationPlan, operation: APIModel.Operation, members: [Int: String], statuses: DocumentedStatuses,
        synthesizer: ExampleSynthesizer
    ) -> [String] {
        let trip = RoundTrip(
            plan: plan, operation: operation, method: SwiftNaming.unescaped(plan.name),
            namespace: "Operations.\(plan.typeName)", call: call(plan, .all, isDeprecated: operation.isDeprecated),
            client: client(
                "roundTrip(handler, authentication: \(credentials(for: operation)))",
                isDeprecated: operation.isDeprecated))
        var lines = sentInputLines(trip)
        for (responseIndex, response) in plan.responses.enumerated() {
            guard let code = statuses.code(standingFor: response.status) else { continue }
            lines += statusRoundTrip(
                trip, response, code: code, responseIndex: responseIndex, members: members, synthesizer: synthesizer)
        }
        if !plan.hasDefault, let code = Self.spareStatuses.first(where: { !statuses.isDocumented($0) }) {
            lines += [
                "await report.roundTrip(\(SwiftLiteral.string("\(trip.method) \(code) undocumented round trip"))) {",
                "    let answer = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
                "    let handler = RoundTripHandler(sent: sent, answer: \(trip.namespace).Response.undocumented(answer), compare: compare\(plan.typeName))",
                "    try await expectUnexpectedStatus(\(code)) { _ = try await \(trip.client).\(trip.call) }",
                "    try handler.verify()",
                "}",
            ]
        }
        lines += otherBodyRoundTrips(trip, synthesizer: synthesizer)
        // The field-by-field comparison the handler makes, declared before its use.
        let fields = ServerBuilder.inputFields(plan).map(\.name)
        return comparisonFunction(plan, fields: fields) + lines
    }

    /// `let sent = Operations.X.Input(…)`: what the wire carries, each argument as the client encodes it
    /// (read-only properties are not sent), a parameter as text.
    private func sentInputLines(_ trip: RoundTrip) -> [String] {
        var arguments: [String] = []
        for (number, parameter) in trip.plan.parameters.enumerated()
        where parameter.isRequired || Self.canSend(parameter) {
            arguments.append(
                "\(SwiftNaming.unescaped(parameter.swiftName)): try sentParameter(\(CallVariant.all.parameterName(number)))"
            )
        }
        if let body = trip.plan.body {
            // A form or multipart body cannot carry an empty list or object (no item, no part): not sent.
            let function: String
            switch body.encoding {
            case .formURLEncoded, .multipart: function = "sentFormValue"
            case .json, .raw: function = "sentValue"
            }
            arguments.append("body: try \(function)(\(CallVariant.all.bodyName))")
        }
        guard !arguments.isEmpty else { return ["let sent = \(trip.namespace).Input()"] }
        return [
            "let sent: \(trip.namespace).Input",
            "do {",
            "    sent = \(trip.namespace).Input(\(arguments.joined(separator: ", ")))",
            "} catch {",
            "    report.fail(\(SwiftLiteral.string(trip.method + " round trip")), \"could not build the input: \\(error)\")",
            "    return",
            "}",
        ]
    }

    /// The round trip of one documented status (and, for the status `…WithHeaders` reads, one through that method).
    private func statusRoundTrip(
        _ trip: RoundTrip, _ response: ResponsePlan, code: Int, responseIndex: Int, members: [Int: String],
        synthesizer: ExampleSynthesizer
    ) -> [String] {
        let (plan, operation, method, namespace) = (trip.plan, trip.operation, trip.method, trip.namespace)
        let (setup, payload) = responseSetup(
            response, code: code, responseIndex: responseIndex, plan: plan, operation: operation,
            members: members, synthesizer: synthesizer)
        var values: [String] = []
        switch response.status {
        case .code: break
        case .range, .default: values.append("statusCode: \(code)")
        }
        if let payload { values.append(payload.expression) }
        // The typed headers of a status other than the one `…WithHeaders` reads: answered with the response and
        // read back from what the router answered (a capturing middleware), in the same round trip.
        var headerLines: (before: [String], after: [String]) = ([], [])
        var roundTripClient = trip.client
        if let typed = plan.headers(of: response.status), plan.responseHeaders?.status != response.status {
            headerLines = (
                headerValueLines(typed, synthesizer: synthesizer) + ["let capture = ResponseCapture()"],
                ["try expect(\(typed.type.spelling)(response: try capture.response()), equals: headers)"]
            )
            roundTripClient = self.client(
                "roundTrip(handler, authentication: \(credentials(for: operation)), capture: capture)",
                isDeprecated: operation.isDeprecated)
            values.append("headers: headers")
        }
        let answer = "\(namespace).Response" + ServerBuilder.responseCase(plan, response, values: values)
        var ignored: [String] = []
        // The client reads what the router's JSON carries: an `anyOf` with several alternatives present decodes
        // each from the merged object again, which can fill in more of them than the value handed over.
        var expected = payload
        if case .json = response.body, let carried = payload {
            expected = ("try carried(\(carried.expression))", carried.type)
        }
        let check = checkLines(
            response, code: code, payload: expected, plan: plan, call: "\(roundTripClient).\(trip.call)",
            lines: &ignored)
        // The replayed response is only needed when the payload is read from it (bytes).
        let needed = payload?.expression.contains("response") == true ? setup : []
        var lines =
            ["await report.roundTrip(\(SwiftLiteral.string("\(method) \(code) round trip"))) {"]
            + (needed + headerLines.before + [
                "let handler = RoundTripHandler(sent: sent, answer: \(answer), compare: compare\(plan.typeName))"
            ] + check + headerLines.after + ["try handler.verify()"]).map { "    " + $0 } + ["}"]
        // The typed headers `…WithHeaders` returns: answered by the handler, read back through that method.
        if let typed = plan.responseHeaders, typed.status == response.status, !operation.isDeprecated {
            lines += headersRoundTrip(
                trip, response, typed: typed, code: code, values: values + ["headers: headers"], setup: needed,
                synthesizer: synthesizer)
        }
        return lines
    }

    /// The round trip of the status `…WithHeaders` reads: the handler answers with typed headers, and the method
    /// hands them back.
    private func headersRoundTrip(
        _ trip: RoundTrip, _ response: ResponsePlan, typed: ResponseHeadersPlan, code: Int, values: [String],
        setup: [String], synthesizer: ExampleSynthesizer
    ) -> [String] {
        let (plan, method) = (trip.plan, trip.method)
        let withHeaders = "\(trip.namespace).Response" + ServerBuilder.responseCase(plan, response, values: values)
        let headersCall = self.call(
            plan, .all, isDeprecated: false, method: SwiftNaming.memberName(method + " with headers"))
        return ["await report.roundTrip(\(SwiftLiteral.string("\(method) \(code) headers round trip"))) {"]
            + (setup + headerValueLines(typed, synthesizer: synthesizer) + [
                "let handler = RoundTripHandler(sent: sent, answer: \(withHeaders), compare: compare\(plan.typeName))",
                "let received = try await \(trip.client).\(headersCall)",
                "try expect(received.headers, equals: headers)",
                "try handler.verify()",
            ]).map { "    " + $0 } + ["}"]
    }

    /// Each request body of another Swift type, sent by its overload with the required arguments: the handler gets
    /// it in its own field (`multipartBody`), `body` nil; whatever the answer, the input is what is checked.
    private func otherBodyRoundTrips(_ trip: RoundTrip, synthesizer: ExampleSynthesizer) -> [String] {
        let plan = trip.plan
        var lines: [String] = []
        for other in ServerBuilder.separateBodies(plan) {
            let value: String
            if let schema = other.body.schema {
                let json = JSONText.compact(synthesizer.validExample(for: schema, complete: true))
                value = "try argument(\(other.body.type.spelling).self, \(SwiftLiteral.string(json)))"
            } else {
                value = "Data(\"gen exerciser body\".utf8)"
            }
            let function: String
            switch other.body.encoding {
            case .formURLEncoded, .multipart: function = "sentFormText"
            case .json, .raw: function = "sentValue"
            }
            var sentArguments: [String] = []
            for (number, parameter) in plan.parameters.enumerated() where parameter.isRequired {
                sentArguments.append(
                    "\(SwiftNaming.unescaped(parameter.swiftName)): try sentParameter(\(CallVariant.required.parameterName(number)))"
                )
            }
            sentArguments.append("\(SwiftNaming.unescaped(other.label)): try \(function)(otherBody)")
            let otherCall = self.call(
                plan, CallVariant.required, isDeprecated: trip.operation.isDeprecated,
                alternate: (other.label, "otherBody"))
            let label = "\(trip.method) \(SwiftNaming.unescaped(other.label)) round trip"
            lines += [
                "await report.roundTrip(\(SwiftLiteral.string(label))) {",
                "    let otherBody = \(value)",
                "    let sent = \(trip.namespace).Input(\(sentArguments.joined(separator: ", ")))",
                "    let answer = HTTPResponse(statusCode: 599, body: Data(\"undocumented\".utf8))",
                "    let handler = RoundTripHandler(sent: sent, answer: \(trip.namespace).Response.undocumented(answer), compare: compare\(plan.typeName))",
                "    _ = try? await \(trip.client).\(otherCall)",
                "    try handler.verify()",
                "}",
            ]
        }
        return lines
    }

    /// `let headers = Operations.X.OKHeaders(rateLimit: try argument(Int.self, "1"), …)`.
    private func headerValueLines(_ typed: ResponseHeadersPlan, synthesizer: ExampleSynthesizer) -> [String] {
        ["let headers = " + typed.example(synthesizer: synthesizer, decoding: "try argument")]
    }

    /// `func compareGetRun(_ received:, _ sent:) -> [String]`: the fields that differ, each named with both values.
    private func comparisonFunction(_ plan: OperationPlan, fields: [String]) -> [String] {
        let namespace = "Operations.\(plan.typeName)"
        let signature =
            "@Sendable func compare\(plan.typeName)(_ received: \(namespace).Input, _ sent: \(namespace).Input) -> [String] {"
        guard !fields.isEmpty else { return [signature, "    []", "}"] }
        return [signature, "    var differences: [String] = []"]
            + fields.map {
                let name = SwiftNaming.unescaped($0)
                return
                    "    compareField(\(SwiftLiteral.string(name)), received.\(name), sent.\(name), into: &differences)"
            } + ["    return differences", "}"]
    }

    /// `RoundTripHandler`: an `APIHandler` whose every method hands its input to the comparison the check gave it
    /// and answers with the check's response.
    private func roundTripHandlerLines() -> [String] {
        var lines = [
            "/// Answers every operation with the response a round trip gave it, after comparing the `Input` it received",
            "/// with the one the client was called with.",
            "final class RoundTripHandler: APIHandler, @unchecked Sendable {",
            "    private let sent: any Sendable",
            "    private let answer: any Sendable",
            "    private let compare: @Sendable (any Sendable) -> [String]?",
            "    private let lock = NSLock()",
            "    private var calls = 0",
            "    private var differences: [String] = []",
            "",
            "    init<Input: Sendable, Answer: Sendable>(",
            "        sent: Input, answer: Answer, compare: @escaping @Sendable (Input, Input) -> [String]",
            "    ) {",
            "        self.sent = sent",
            "        self.answer = answer",
            "        self.compare = { received in (received as? Input).map { compare($0, sent) } }",
            "    }",
            "",
            "    func receive<Input: Sendable, Answer: Sendable>(_ input: Input) throws -> Answer {",
            "        let found = compare(input) ?? [\"the router called the handler of another operation (\\(Input.self))\"]",
            "        lock.withLock {",
            "            calls += 1",
            "            differences += found",
            "        }",
            "        guard let answer = answer as? Answer else { throw Mismatch(description: \"no answer of type \\(Answer.self)\") }",
            "        return answer",
            "    }",
            "",
            "    /// Throws unless the handler was called once with the input that was sent.",
            "    func verify() throws {",
            "        let (calls, differences) = lock.withLock { (self.calls, self.differences) }",
            "        try expect(calls == 1, \"the handler was called \\(calls) times\")",
            "        try expect(differences.isEmpty, \"the handler received another input: \\(differences.joined(separator: \"; \"))\")",
            "    }",
        ]
        for plan in plans {
            let namespace = "Operations.\(plan.typeName)"
            lines += [
                "",
                "    func \(plan.name)(_ input: \(namespace).Input) async throws -> \(namespace).Response {",
                "        try receive(input)",
                "    }",
            ]
        }
        return lines + ["}"]
    }

    /// The checks of the streamed forms, each with the required arguments: a `…Stream` method yields its fixture's
    /// two events and stops at the terminator; a `…Bytes` method hands back the body's bytes; both throw what the
    /// operation's method throws for its first documented error and `APIError.unexpectedStatus` for an
    /// undocumented status. The overload that streams a raw request body gets the first success response.
    private func streamChecks(
        _ plan: OperationPlan, operation: APIModel.Operation, members: FixtureMembers, statuses: DocumentedStatuses,
        synthesizer: ExampleSynthesizer
    ) -> [String] {
        let method = SwiftNaming.unescaped(plan.name)
        let operationID = "." + plan.name
        let isDeprecated = operation.isDeprecated
        var lines: [String] = []
        let firstError = plan.responses.enumerated().first { _, response in
            if case .throwDocumented = response.outcome {
                statuses.code(standingFor: response.status) != nil
            } else {
                false
            }
        }
        let undocumented = plan.hasDefault ? nil : Self.spareStatuses.first { !statuses.isDocumented($0) }
        for stream in plan.streams {
            let call = call(plan, .required, isDeprecated: isDeprecated, method: stream.name)
            let label = SwiftNaming.unescaped(stream.name)
            guard
                let check = streamedFormCheck(
                    stream, plan: plan, members: members, call: call, isDeprecated: isDeprecated)
            else { continue }
            lines += check
            if let (index, response) = firstError, let code = statuses.code(standingFor: response.status) {
                lines += responseCheck(
                    "\(label) \(code)", response: response, index: index, code: code, plan: plan, operation: operation,
                    members: members, synthesizer: synthesizer, call: call)
            }
            if let code = undocumented {
                lines += undocumentedCheck(
                    label, code: code, call: call,
                    client: client("replay(\(operationID), response)", isDeprecated: isDeprecated))
            }
        }
        guard let (index, response) = plan.responses.enumerated().first(where: { $0.element.status.isSuccess }),
            let code = statuses.code(standingFor: response.status)
        else { return lines }
        if let body = plan.body, case .raw = body.encoding {
            lines += responseCheck(
                "\(method) \(code) streamed body", response: response, index: index, code: code, plan: plan,
                operation: operation, members: members, synthesizer: synthesizer,
                call: call(plan, .all, isDeprecated: isDeprecated, streamsBody: true))
        }
        // Each other media type of the request body, sent by its overload, with the first success response.
        for alternate in plan.alternateBodies {
            let value: String
            if let schema = alternate.body.schema {
                let json = JSONText.compact(synthesizer.validExample(for: schema, complete: false))
                value = "try argument(\(alternate.body.type.spelling).self, \(SwiftLiteral.string(json)))"
            } else {
                value = "Data(\"gen exerciser body\".utf8)"
            }
            lines += responseCheck(
                "\(method) \(code) \(alternate.label)", response: response, index: index, code: code, plan: plan,
                operation: operation, members: members, synthesizer: synthesizer,
                call: call(plan, .required, isDeprecated: isDeprecated, alternate: (alternate.label, "alternateBody")),
                prelude: ["let alternateBody = \(value)"])
        }
        return lines
    }

    /// A check that `call` throws `APIError.unexpectedStatus` for an undocumented status `code`.
    private func undocumentedCheck(_ label: String, code: Int, call: String, client: String) -> [String] {
        [
            "await report.check(\(SwiftLiteral.string("\(label) \(code) undocumented"))) {",
            "    let response = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
            "    try await expectUnexpectedStatus(\(code)) { _ = try await \(client).\(call) }",
            "}",
        ]
    }

    /// The check of one streamed form with its first documented status: a `…Stream` method yields its fixture's
    /// two events, a `…Bytes` method hands back the body's bytes; `nil` for a stream without a fixture.
    private func streamedFormCheck(
        _ stream: StreamPlan, plan: OperationPlan, members: FixtureMembers, call: String, isDeprecated: Bool
    ) -> [String]? {
        let label = SwiftNaming.unescaped(stream.name)
        let operationID = "." + plan.name
        guard let status = stream.statuses.first else { return nil }
        let code = HTTPStatus.representativeCode(status)
        switch stream.kind {
        case .events(let element, _, _):
            guard let member = members.events[stream.name] else { return nil }
            let fixture = "Fixtures.\(plan.typeName).\(member)"
            let client = client("replay(\(operationID), \(fixture).response)", isDeprecated: isDeprecated)
            return [
                "await report.check(\(SwiftLiteral.string("\(label) \(code) events"))) {",
                "    let expected = try \(fixture).decoded()",
                "    var values: [\(element.spelling)] = []",
                "    for try await value in try await \(client).\(call) { values.append(value) }",
                "    try expect(values, equals: [expected, expected])",
                "}",
            ]
        case .bytes:
            let contentType = SwiftLiteral.string(stream.accept.first ?? "application/octet-stream")
            let client = client("replay(\(operationID), response)", isDeprecated: isDeprecated)
            return [
                "await report.check(\(SwiftLiteral.string("\(label) \(code) bytes"))) {",
                "    let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \(contentType)], body: Data(\"gen exerciser bytes\".utf8))",
                "    let body = try await \(client).\(call)",
                "    try expect(try await body.collect(upTo: 1 << 20), equals: response.body)",
                "}",
            ]
        }
    }

    /// A check that `call` (on a replaying client) does with `response` what the plan says, as the operation's
    /// own checks do.
    private func responseCheck(
        _ label: String, response: ResponsePlan, index: Int, code: Int, plan: OperationPlan,
        operation: APIModel.Operation, members: FixtureMembers, synthesizer: ExampleSynthesizer, call: String,
        prelude: [String] = []
    ) -> [String] {
        let (setup, payload) = responseSetup(
            response, code: code, responseIndex: index, plan: plan, operation: operation,
            members: members.responses, synthesizer: synthesizer)
        let client = client("replay(.\(plan.name), response)", isDeprecated: operation.isDeprecated)
        var ignored: [String] = []
        let check = checkLines(
            response, code: code, payload: payload, plan: plan, call: "\(client).\(call)", lines: &ignored)
        return ["await report.check(\(SwiftLiteral.string(label))) {"]
            + (prelude + setup + check).map { "    " + $0 } + ["}"]
    }

    /// The arguments of both calls, decoded from JSON built from their schemas: every required parameter and a
    /// required body with its required members (`p0`, `body`), then every parameter and a body with every member
    /// (`all0`, `allBody`).
    private func argumentLines(_ plan: OperationPlan, synthesizer: ExampleSynthesizer) -> [String] {
        var lines: [String] = []
        var declarations: [String] = []
        var assignments: [String] = []
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
            if let schema = body.schema {
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
        ]
    }

    /// Whether the client can send the parameter at all: the runtime refuses a header whose name is not visible
    /// ASCII (or holds a colon), or a cookie whose name holds a control character, as a request could be split.
    private static func canSend(_ parameter: ParameterPlan) -> Bool {
        switch parameter.location {
        case .header: parameter.specName.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        case .cookie: parameter.specName.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
        default: true
        }
    }

    /// The two calls of every operation: required arguments only, and every argument.
    private enum CallVariant: CaseIterable {
        case required, all

        var label: String { self == .required ? "required" : "all" }
        var bodyName: String { self == .required ? "body" : "allBody" }
        func parameterName(_ number: Int) -> String { self == .required ? "p\(number)" : "all\(number)" }
    }

    /// `op(runID: p0, body: body)`: the operation called with the arguments of `variant`. A deprecated operation
    /// is called through `DeprecatedOperations`, whose requirement has no default arguments, so every argument is
    /// passed (`nil` where the variant has none).
    private func call(
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

    /// Credentials for the first alternative of the operation's security requirement (every scheme it names),
    /// or `nil` when the operation needs none.
    private func credentials(for operation: APIModel.Operation) -> String {
        let security = operation.security ?? document.security
        guard let requirement = security.first, !security.contains(where: \.schemeNames.isEmpty) else { return "nil" }
        let factories = ClientBuilder.authentications(of: document)
        let applied: [String] = requirement.schemeNames.compactMap { schemeName in
            guard let factory = factories.first(where: { $0.scheme.name == schemeName }) else { return nil }
            switch factory.kind {
            case .basic: return "Authentication.\(factory.name)(username: \"user\", password: \"password\")"
            case .bearer: return "Authentication.\(factory.name)(token: \"token\")"
            case .apiKey: return "Authentication.\(factory.name)(apiKey: \"key\")"
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
    private func client(_ expression: String, isDeprecated: Bool) -> String {
        isDeprecated ? "(\(expression) as any DeprecatedOperations)" : expression
    }

    /// The statuses an operation documents, and the code the exerciser answers with for each.
    private struct DocumentedStatuses {
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
    private func responseSetup(
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
            // A response whose status another one's fixture already stands for: its own payload here.
            let schema = schema(ofResponse: responseIndex, in: plan, operation: operation)
            let json = SwiftLiteral.string(JSONText.compact(synthesizer.validExample(for: schema)))
            return (
                [
                    "let response = HTTPResponse(statusCode: \(code), headers: [\"Content-Type\": \"application/json\"], body: Data(\(json).utf8))"
                ], ("try argument(\(type.spelling).self, from: response.body)", type)
            )
        }
    }

    /// The statements that call the operation and check what it does with the response; a documented error with
    /// a JSON body also gets a check of its own (appended to `lines`) that an undecodable body keeps the case.
    private func checkLines(
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
    private func requirements(_ plan: OperationPlan) -> [String] {
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
    private func schema(ofResponse index: Int, in plan: OperationPlan, operation: APIModel.Operation) -> Schema {
        let sorted = operation.responses.sorted { $0.status < $1.status }
        return sorted[index].content.first(where: \.isJSON)!.schema!
    }
}
