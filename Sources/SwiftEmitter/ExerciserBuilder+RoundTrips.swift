import APIModel
import Diagnostics
import ExampleValues
import SwiftPlanning

// The exerciser's round trips through the server side (with server: true).

extension ExerciserBuilder {
    // MARK: - Round trips through the server side

    /// What every round trip of one operation shares.
    struct RoundTrip {
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
    func roundTripLines(
        _ plan: OperationPlan, operation: APIModel.Operation, members: [Int: String], breakingConstraints: Set<Int>,
        statuses: DocumentedStatuses, synthesizer: ExampleSynthesizer
    ) -> [String] {
        let trip = RoundTrip(
            plan: plan, operation: operation, method: SwiftNaming.unescaped(plan.name),
            namespace: "Operations.\(plan.typeName)", call: call(plan, .all, isDeprecated: operation.isDeprecated),
            client: client(
                "roundTrip(handler, authentication: \(credentials(for: operation)))",
                isDeprecated: operation.isDeprecated))
        var lines = sentInputLines(trip)
        // A fixture that breaks its schema's validation keywords is no answer a server may give.
        let answers = members.filter { !breakingConstraints.contains($0.key) }
        for (responseIndex, response) in plan.responses.enumerated() {
            guard let code = statuses.code(standingFor: response.status) else { continue }
            lines += statusRoundTrip(
                trip, response, code: code, responseIndex: responseIndex, members: answers, synthesizer: synthesizer)
            lines += streamAlternativeRoundTrip(trip, response, code: code, synthesizer: synthesizer)
        }
        if !plan.hasDefault, let code = Self.spareStatuses.first(where: { !statuses.isDocumented($0) }) {
            // The router answers as the handler says, unchecked: the status is one the spec does not document.
            let unchecked = client(
                "roundTrip(handler, authentication: \(credentials(for: operation)), checksResponses: false)",
                isDeprecated: operation.isDeprecated)
            lines += [
                "await report.roundTrip(\(SwiftLiteral.string("\(trip.method) \(code) undocumented round trip"))) {",
                "    let answer = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
                "    let handler = RoundTripHandler(sent: sent, answer: \(trip.namespace).Response.undocumented(answer), compare: compare\(plan.typeName))",
                "    try await expectUnexpectedStatus(\(code)) { _ = try await \(unchecked).\(trip.call) }",
                "    try handler.verify()",
                "}",
            ]
        }
        lines += otherBodyRoundTrips(trip, synthesizer: synthesizer)
        // The field-by-field comparison the handler makes, declared before its use.
        return comparisonFunction(plan) + lines
    }

    /// `let sent = Operations.X.Input(…)`: what the wire carries, each argument as the client encodes it
    /// (read-only properties are not sent), a parameter as text.
    func sentInputLines(_ trip: RoundTrip) -> [String] {
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
            if let events = body.events {
                // The event the body was made of, framed as the client sends it.
                arguments.append("body: " + Self.receivedEvent("\(CallVariant.all.bodyName)Event", events))
            } else {
                arguments.append("body: " + Self.received(body, "try \(function)(\(CallVariant.all.bodyName))"))
            }
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

    /// `bytes` (the client's argument) as the handler's `Input` holds it: a body that streams as a `ByteStream`, or
    /// as the `EventStream` of its events.
    static func received(_ body: BodyPlan, _ bytes: String) -> String {
        guard body.serverType != body.type else { return bytes }
        guard let events = body.events else { return "ByteStream(\(bytes))" }
        return received(events, bytes: bytes)
    }

    /// The event `value` (an expression) as the handler's `Input` holds a body of it: encoded as a request encodes
    /// it, framed in the body's format, read back as an `EventStream`.
    static func receivedEvent(_ value: String, _ events: EventsPlan) -> String {
        let json = "String(decoding: try JSONCoding.requestEncoder().encode(\(value)), as: UTF8.self)"
        return received(events, bytes: "EventStreamFormat\(events.format).frame([\(json)])")
    }

    static func received(_ events: EventsPlan, bytes: String) -> String {
        "EventStream(body: ByteStream(\(bytes)), format: \(events.format))"
    }

    /// The round trip of one documented status (and, for the status `…WithHeaders` reads, one through that method).
    func statusRoundTrip(
        _ trip: RoundTrip, _ response: ResponsePlan, code: Int, responseIndex: Int, members: [Int: String],
        synthesizer: ExampleSynthesizer
    ) -> [String] {
        let (plan, operation, method, namespace) = (trip.plan, trip.operation, trip.method, trip.namespace)
        var (setup, payload) = responseSetup(
            response, code: code, responseIndex: responseIndex, plan: plan, operation: operation,
            members: members, synthesizer: synthesizer)
        var values: [String] = []
        switch response.status {
        case .code: break
        case .range, .default: values.append("statusCode: \(code)")
        }
        // What the handler answers with: a body that streams as the server takes it (bytes as a `ByteStream`, events
        // as an `EventBody` of one event, which the client reads back framed).
        var eventLines: [String] = []
        if let carried = payload, case .bytes = response.body {
            if let events = response.events {
                let json = JSONText.compact(synthesizer.validExample(for: events.schema))
                let terminator = events.terminator.map { ", terminator: " + SwiftLiteral.string($0) } ?? ""
                eventLines = [
                    "let event = try argument(\(events.element.spelling).self, \(SwiftLiteral.string(json)))",
                    "let framed = EventStreamFormat\(events.format).frame([String(decoding: try JSONCoding.encoder().encode(event), as: UTF8.self)]\(terminator))",
                ]
                values.append("EventBody([event])")
                payload = ("framed", carried.type)
            } else {
                values.append("ByteStream(\(carried.expression))")
            }
        } else if let payload {
            values.append(payload.expression)
        }
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
        let needed = (payload?.expression.contains("response") == true ? setup : []) + eventLines
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

    /// The round trip of the event stream a status offers beside JSON: the handler answers with its stream case
    /// (one event), and the operation's `…Stream` method reads the event back.
    func streamAlternativeRoundTrip(
        _ trip: RoundTrip, _ response: ResponsePlan, code: Int, synthesizer: ExampleSynthesizer
    ) -> [String] {
        guard let events = response.streamAlternative,
            let stream = trip.plan.streams.first(where: { stream in
                if case .events = stream.kind { stream.statuses.contains(response.status) } else { false }
            })
        else { return [] }
        var values: [String] = []
        switch response.status {
        case .code: break
        case .range, .default: values.append("statusCode: \(code)")
        }
        values.append("EventBody([event])")
        let answer =
            "\(trip.namespace).Response.\(ServerBuilder.streamCaseName(response))(\(values.joined(separator: ", ")))"
        let json = JSONText.compact(synthesizer.validExample(for: events.schema))
        let call = self.call(trip.plan, .all, isDeprecated: trip.operation.isDeprecated, method: stream.name)
        return [
            "await report.roundTrip(\(SwiftLiteral.string("\(trip.method) \(code) stream round trip"))) {",
            "    let event = try argument(\(events.element.spelling).self, \(SwiftLiteral.string(json)))",
            "    let handler = RoundTripHandler(sent: sent, answer: \(answer), compare: compare\(trip.plan.typeName))",
            "    var received: [\(events.element.spelling)] = []",
            "    for try await value in try await \(trip.client).\(call) { received.append(value) }",
            "    try expect(received, equals: [try carried(event)])",
            "    try handler.verify()",
            "}",
        ]
    }

    /// The round trip of the status `…WithHeaders` reads: the handler answers with typed headers, and the method
    /// hands them back.
    func headersRoundTrip(
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
    func otherBodyRoundTrips(_ trip: RoundTrip, synthesizer: ExampleSynthesizer) -> [String] {
        let plan = trip.plan
        var lines: [String] = []
        for other in plan.separateBodies {
            let value: String
            var sentBody: String?
            if let events = other.body.events {
                let json = JSONText.compact(synthesizer.validExample(for: events.schema, complete: true))
                value = "try argument(\(events.element.spelling).self, \(SwiftLiteral.string(json)))"
                sentBody = Self.receivedEvent("otherBody", events)
            } else if let schema = other.body.schema {
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
            sentArguments.append(
                "\(SwiftNaming.unescaped(other.label)): "
                    + (sentBody ?? Self.received(other.body, "try \(function)(otherBody)")))
            let otherCall = self.call(
                plan, CallVariant.required, isDeprecated: trip.operation.isDeprecated,
                alternate: (other.label, sentBody == nil ? "otherBody" : "EventBody([otherBody])"))
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
    func headerValueLines(_ typed: ResponseHeadersPlan, synthesizer: ExampleSynthesizer) -> [String] {
        ["let headers = " + typed.example(synthesizer: synthesizer, decoding: "try argument")]
    }

    /// `func compareGetRun(_ received:, _ sent:) async -> [String]`: the fields that differ, each named with both
    /// values (a body that streams read whole).
    func comparisonFunction(_ plan: OperationPlan) -> [String] {
        let namespace = "Operations.\(plan.typeName)"
        let signature =
            "@Sendable func compare\(plan.typeName)(_ received: \(namespace).Input, _ sent: \(namespace).Input) async -> [String] {"
        guard !plan.inputFields.isEmpty else { return [signature, "    []", "}"] }
        return [signature, "    var differences: [String] = []"]
            + plan.inputFields.map { field in
                let name = SwiftNaming.unescaped(field.name)
                let body = field.alternate?.body ?? (field.parameter == nil ? plan.body : nil)
                let streams = body.map { $0.serverType != $0.type } ?? false
                return
                    "    \(streams ? "await compareStream" : "compareField")(\(SwiftLiteral.string(name)), received.\(name), sent.\(name), into: &differences)"
            } + ["    return differences", "}"]
    }

    /// `RoundTripHandler`: an `APIHandler` whose every method hands its input to the comparison the check gave it
    /// and answers with the check's response.
    func roundTripHandlerLines() -> [String] {
        var lines = [
            "/// Answers every operation with the response a round trip gave it, after comparing the `Input` it received",
            "/// with the one the client was called with.",
            "final class RoundTripHandler: APIHandler, @unchecked Sendable {",
            "    private let sent: any Sendable",
            "    private let answer: any Sendable",
            "    private let compare: @Sendable (any Sendable) async -> [String]?",
            "    private let lock = NSLock()",
            "    private var calls = 0",
            "    private var differences: [String] = []",
            "",
            "    init<Input: Sendable, Answer: Sendable>(",
            "        sent: Input, answer: Answer, compare: @escaping @Sendable (Input, Input) async -> [String]",
            "    ) {",
            "        self.sent = sent",
            "        self.answer = answer",
            "        self.compare = { received in",
            "            guard let received = received as? Input else { return nil }",
            "            return await compare(received, sent)",
            "        }",
            "    }",
            "",
            "    func receive<Input: Sendable, Answer: Sendable>(_ input: Input) async throws -> Answer {",
            "        let found = await compare(input) ?? [\"the router called the handler of another operation (\\(Input.self))\"]",
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
                "        try await receive(input)",
                "    }",
            ]
        }
        return lines + ["}"]
    }
}
