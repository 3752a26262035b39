import APIModel
import SwiftPlanning

// The exerciser's table of decoded types: the Swift type of every component schema and every JSON request and
// response body, by where the spec writes it, so that a conformance test (Scripts/conformance.py) can decode values
// an independent JSON Schema generator made from the spec into them and compare what they encode back to.

extension ExerciserBuilder {
    /// One decoded type: the key a conformance test names it by, and its Swift spelling.
    struct DecodedType: Equatable {
        /// `schema #/components/schemas/Pet`, `request POST /pets application/json` or
        /// `response GET /pets 200 application/json`.
        var key: String
        var type: SwiftType
    }

    /// Each component schema's type (optional when the schema allows `null`), then each operation's JSON request
    /// body and JSON responses, in document order. A component schema is named by its JSON pointer (prefixed with
    /// its file, relative to the spec's, when it is written in another file); a body by its operation's method and
    /// path, its status for a response, and its media type.
    func decodedTypes() -> [DecodedType] {
        var entries: [DecodedType] = []
        var seen: Set<String> = []
        func add(_ key: String, _ type: SwiftType) {
            if seen.insert(key).inserted { entries.append(DecodedType(key: key, type: type)) }
        }
        for named in document.schemas {
            let reference = Schema(
                kind: .reference(SchemaReference(name: named.name, ref: named.schema.specPath)),
                location: named.schema.location, specPath: named.schema.specPath)
            var nested: [DeclarationPlan] = []
            var scope = NameScope(reserved: [])
            let type = types.spell(reference, suggested: "Unused", nested: &nested, scope: &scope)
            add("schema " + named.schema.specPath, types.isNullable(reference) ? type.optional : type)
        }
        for (index, plan) in plans.enumerated() {
            let operation = document.operations[index]
            let route = operation.method.wireName + " " + operation.path
            if let body = plan.body, case .json(let contentType) = body.encoding, body.schema != nil {
                add("request \(route) \(contentType)", body.allowsNull ? body.type.optional : body.type)
            }
            for response in plan.responses {
                guard case .json(let type) = response.body,
                    let media = operation.responses.first(where: { $0.status == response.status })?.content.first(
                        where: \.isJSON)
                else { continue }
                add("response \(route) \(Self.statusKey(response.status)) \(media.contentType)", type)
            }
        }
        return entries
    }

    /// `200`, `4XX` or `default`, as the spec writes a response's key.
    static func statusKey(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): String(code)
        case .range(let digit): "\(digit)XX"
        case .default: "default"
        }
    }

    /// The body of `decodedType(_:)` (a `switch` over the keys, which compiles faster than a dictionary literal of
    /// thousands of metatypes) and the elements of `decodedTypeKeys`.
    func decodedTypeLines() -> (switchLines: [String], keyLines: [String]) {
        let entries = decodedTypes()
        guard !entries.isEmpty else { return (["_ = key", "return nil"], []) }
        var lines = ["switch key {"]
        for entry in entries {
            lines.append("case \(SwiftLiteral.string(entry.key)): return \(Self.metatype(entry.type))")
        }
        lines += ["default: return nil", "}"]
        return (lines, entries.map { SwiftLiteral.string($0.key) + "," })
    }

    /// `Pet.self`, `[Pet].self`, `Pet?.self`: a metatype expression for `type`.
    static func metatype(_ type: SwiftType) -> String {
        switch type {
        case .optional(let wrapped): "Optional<\(wrapped.spelling)>.self"
        default: "\(type.spelling).self"
        }
    }
}
