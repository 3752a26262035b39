import APIModel
package import SwiftPlanning

extension ResponseHeadersPlan {
    /// `Operations.X.OkHeaders(rateLimit: try argument(Int.self, "1"), …)`: every header with a value built from
    /// its schema (any text for a header typed as text whose schema is not a plain value), each decoded from its
    /// JSON by `function` (`try argument`, `try MockHandler.payload`).
    package func example(synthesizer: ExampleSynthesizer, decoding function: String) -> String {
        let arguments = members.map { member -> String in
            var value = synthesizer.validExample(for: member.schema, complete: true)
            let isText = if case .string = value { true } else { false }
            if member.type == .string, !isText { value = .string("gen exerciser") }
            let json = SwiftLiteral.string(JSONText.compact(value))
            return "\(SwiftNaming.unescaped(member.name)): \(function)(\(member.type.spelling).self, \(json))"
        }
        return "\(type.spelling)(\(arguments.joined(separator: ", ")))"
    }
}
