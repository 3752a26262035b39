import APIModel
import Diagnostics
import ExampleValues
import Foundation
import SwiftPlanning

/// Builds MockHandler.swift: an `APIHandler` that answers every operation with its fixtures, the first documented
/// success unless the request asks for another status (`Prefer: code=404`) or the handler was configured with one.
struct MockBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    let fixtureMembers: [FixtureMembers]
    let types: TypeBuilder
    let diagnostics: any DiagnosticSink

    func build() -> MockView {
        let synthesizer = ExampleSynthesizer(
            schemas: types.componentSchemas, overrides: types.overrides, diagnostics: diagnostics)
        var operations: [MockOperationView] = []
        for (index, plan) in plans.enumerated() {
            let operation = document.operations[index]
            let members = fixtureMembers[index].responses
            let eventMembers = fixtureMembers[index].events
            let sorted = operation.responses.sorted { $0.status < $1.status }
            let fallback = plan.responses.first(where: \.status.isSuccess) ?? plan.responses.first
            let fallbackCode = fallback.map { HTTPStatus.representativeCode($0.status) } ?? 200
            var lines = ["let code = status(for: .\(plan.name), fallback: \(fallbackCode))", "switch code {"]
            for (responseIndex, response) in plan.responses.enumerated() {
                var values: [String] = []
                switch response.status {
                case .code: break
                case .range, .default: values.append("statusCode: code")
                }
                switch response.body {
                case .none: break
                case .bytes:
                    if let events = response.events {
                        values.append(
                            eventsValue(
                                events, plan: plan, status: response.status, members: eventMembers,
                                synthesizer: synthesizer))
                    } else {
                        values.append("ByteStream(Data())")
                    }
                case .json(let type):
                    if let member = members[responseIndex] {
                        values.append("try Fixtures.\(plan.typeName).\(member).decoded()")
                    } else if let schema = sorted[responseIndex].content.first(where: \.isJSON)?.schema {
                        let json = JSONText.compact(synthesizer.validExample(for: schema))
                        values.append("try MockHandler.payload(\(type.spelling).self, \(SwiftLiteral.string(json)))")
                    }
                }
                // The typed headers of the status, with values built from their schemas as the fixtures' bodies are.
                if let typed = plan.headers(of: response.status) {
                    values.append(
                        "headers: " + typed.example(synthesizer: synthesizer, decoding: "try MockHandler.payload"))
                }
                lines.append(HTTPStatus.pattern(response.status))
                // An event stream offered beside JSON, when the request asks for it by name (`…Stream` methods do).
                if let events = response.streamAlternative,
                    let media = sorted[responseIndex].content.first(where: { $0.eventFraming != nil })
                {
                    var streamed = Array(values.prefix { $0.hasPrefix("statusCode:") })
                    streamed.append(
                        eventsValue(
                            events, plan: plan, status: response.status, members: eventMembers,
                            synthesizer: synthesizer))
                    lines += [
                        "    if MockHandler.asks(for: \(SwiftLiteral.string(media.contentType))) {",
                        "        return .\(ServerBuilder.streamCaseName(response))(\(streamed.joined(separator: ", ")))",
                        "    }",
                    ]
                }
                lines.append("    return " + ServerBuilder.responseCase(plan, response, values: values))
            }
            if !plan.hasDefault {
                lines += ["default:", "    throw MockHandler.notDocumented(code, .\(plan.name))"]
            }
            lines.append("}")
            operations.append(
                MockOperationView(name: plan.name, namespace: "Operations.\(plan.typeName)", lines: lines))
        }
        return MockView(operations: operations)
    }

    /// The events a mock streams: the status's event fixture twice (as `ReplayTransport` sends it), or one event
    /// built from the element's schema.
    private func eventsValue(
        _ events: EventsPlan, plan: OperationPlan, status: ResponseStatus, members: [String: String],
        synthesizer: ExampleSynthesizer
    ) -> String {
        let stream = plan.streams.first { stream in
            if case .events = stream.kind { stream.statuses.contains(status) } else { false }
        }
        if let stream, let member = members[stream.name] {
            let fixture = "try Fixtures.\(plan.typeName).\(member).decoded()"
            return "EventBody([\(fixture), \(fixture)])"
        }
        let json = JSONText.compact(synthesizer.validExample(for: events.schema))
        return "EventBody([try MockHandler.payload(\(events.element.spelling).self, \(SwiftLiteral.string(json)))])"
    }
}
