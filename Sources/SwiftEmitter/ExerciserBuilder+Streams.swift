import APIModel
import Diagnostics
import ExampleValues
import SwiftPlanning

// The exerciser's checks of the streamed forms (…Stream, …Bytes) and of the body overloads.

extension ExerciserBuilder {
    /// The checks of the streamed forms, each with the required arguments: a `…Stream` method yields its fixture's
    /// two events and stops at the terminator; a `…Bytes` method hands back the body's bytes; both throw what the
    /// operation's method throws for its first documented error and `APIError.unexpectedStatus` for an
    /// undocumented status. The overload that streams a raw request body gets the first success response.
    func streamChecks(
        _ plan: OperationPlan, operation: APIModel.Operation, members: FixtureMembers, statuses: DocumentedStatuses,
        synthesizer: ExampleSynthesizer
    ) -> [String] {
        let method = SwiftNaming.unescaped(plan.name)
        let operationID = "." + plan.name
        let isDeprecated = operation.isDeprecated
        var lines: [String] = []
        let firstError = Self.firstDocumentedError(plan, statuses: statuses)
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
        if let body = plan.body, case .raw = body.encoding, body.events == nil {
            lines += responseCheck(
                "\(method) \(code) streamed body", response: response, index: index, code: code, plan: plan,
                operation: operation, members: members, synthesizer: synthesizer,
                call: call(plan, .all, isDeprecated: isDeprecated, streamsBody: true))
        }
        // Each other media type of the request body, sent by its overload, with the first success response.
        for alternate in plan.alternateBodies {
            let value: String
            if let events = alternate.body.events {
                let json = JSONText.compact(synthesizer.validExample(for: events.schema, complete: false))
                value =
                    "EventBody([try argument(\(events.element.spelling).self, \(SwiftLiteral.string(json)))])"
            } else if let schema = alternate.body.schema {
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

    /// The first response the operation throws as a documented error, with its index.
    static func firstDocumentedError(
        _ plan: OperationPlan, statuses: DocumentedStatuses
    ) -> (offset: Int, element: ResponsePlan)? {
        plan.responses.enumerated().first { _, response in
            if case .throwDocumented = response.outcome {
                statuses.code(standingFor: response.status) != nil
            } else {
                false
            }
        }
    }

    /// A check that `call` throws `APIError.unexpectedStatus` for an undocumented status `code`.
    func undocumentedCheck(_ label: String, code: Int, call: String, client: String) -> [String] {
        [
            "await report.check(\(SwiftLiteral.string("\(label) \(code) undocumented"))) {",
            "    let response = HTTPResponse(statusCode: \(code), body: Data(\"undocumented\".utf8))",
            "    try await expectUnexpectedStatus(\(code)) { _ = try await \(client).\(call) }",
            "}",
        ]
    }

    /// The check of one streamed form with its first documented status: a `…Stream` method yields its fixture's
    /// two events, a `…Bytes` method hands back the body's bytes; `nil` for a stream without a fixture.
    func streamedFormCheck(
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
    func responseCheck(
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
}
