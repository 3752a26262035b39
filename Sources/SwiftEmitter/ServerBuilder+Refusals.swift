import APIModel
import ExampleValues
import SwiftPlanning

// How a refused request (a parameter or body that breaks the spec, credentials it lacks, a media type it does not
// take) is answered in the shape the operation documents for that status: an `APIHandler` requirement per error
// type, with a default built from the schema, and per operation a `Response.refusal(_:handler:)`.

/// The error types the spec documents for refused requests, each an `APIHandler` requirement: decided as the
/// operations are built, in document order.
final class RefusalShapes {
    private let schemas: [String: Schema]
    private var names: NameScope
    /// Per Swift type spelling, its requirement's name.
    private var requirementNames: [String: String] = [:]
    private(set) var requirements: [ErrorRequirementView] = []

    init(schemas: [String: Schema], operationNames: [String]) {
        self.schemas = schemas
        names = NameScope(reserved: operationNames)
    }

    /// `errorResponse`: the requirement that makes a `type` from a refusal, declared the first time it is asked for.
    func requirement(for type: SwiftType, schema: Schema?) -> String {
        if let name = requirementNames[type.spelling] { return name }
        let name = names.claim(SwiftNaming.memberName(type.nameWords)).name
        requirementNames[type.spelling] = name
        let template =
            schema.map {
                JSONText.compact(
                    ExampleSynthesizer(schemas: schemas, usesSpecValues: false, coverage: .required).validExample(
                        for: $0))
            } ?? "{}"
        requirements.append(
            ErrorRequirementView(
                doc: [
                    "/// The body of an answer the router sends for a request an operation refuses, where the spec",
                    "/// documents the status with \(DocComment.code(type.spelling)) (a parameter or body that breaks the spec:",
                    "/// `400`; credentials it lacks: `401`). The default fills what it can by the members' names",
                    "/// (`RequestError.documented`); implement it to map the refusal to your error model.",
                ],
                requirement:
                    "func \(name)(for problem: RequestError, operation: OperationID) throws -> \(type.spelling)",
                implementation:
                    "try problem.documented(\(type.spelling).self, template: \(SwiftLiteral.string(template)))"
            ))
        return name
    }
}

extension ServerBuilder {
    /// The `case`s of `Response.refusal(_:handler:)`'s switch over the refusal's status: each documented error status
    /// (exact codes, then ranges, then `default`) whose answer is JSON or empty; none when there is none.
    static func refusalLines(
        _ plan: OperationPlan, operation: APIModel.Operation, shapes: RefusalShapes
    ) -> [String] {
        let sorted = operation.responses.sorted { $0.status < $1.status }
        var lines: [(order: Int, line: String)] = []
        for (index, response) in plan.responses.enumerated() {
            let pattern: String
            let order: Int
            switch response.status {
            case .code(let code) where code >= 400: (pattern, order) = ("case \(code):", 0)
            case .range(let range) where range >= 4: (pattern, order) = ("case \(range)00...\(range)99:", 1)
            case .default: (pattern, order) = ("default:", 2)
            default: continue
            }
            var values: [String] = []
            if response.status.isCode == false { values.append("statusCode: problem.status") }
            switch response.body {
            case .none: break
            case .json(let type):
                let schema = sorted.indices.contains(index) ? OperationPlanner.jsonSchema(of: sorted[index]) : nil
                let requirement = shapes.requirement(for: type, schema: schema)
                values.append("try handler.\(requirement)(for: problem, operation: .\(plan.name))")
            case .bytes: continue
            }
            lines.append((order, pattern + " " + responseCase(plan, response, values: values)))
        }
        guard !lines.isEmpty else { return [] }
        let ordered = lines.sorted { $0.order < $1.order }.map(\.line)
        return ordered.last?.hasPrefix("default:") == true ? ordered : ordered + ["default: nil"]
    }
}

extension ResponseStatus {
    /// Whether the status is one code (not a range or `default`).
    var isCode: Bool {
        if case .code = self { return true }
        return false
    }
}
