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
                case .bytes: values.append("Data()")
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
                lines += [
                    HTTPStatus.pattern(response.status),
                    "    return " + ServerBuilder.responseCase(plan, response, values: values),
                ]
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
}
