import APIModel
import Diagnostics
import ExampleValues
import SwiftPlanning

/// Prints the rules (`SchemaRule` in the runtime) that the router checks requests against, and with
/// `checksResponses` handlers' answers, from the spec's schemas: one for each parameter, request body and response
/// body whose schema says more than its Swift type holds (bounds, lengths, patterns, counts, closed enums, forbidden
/// members, compositions), in `RequestRules` (or `ResponseRules`), with one for each component schema they reach. A
/// schema the Swift type already holds gets none, and costs a request nothing.
///
/// ```swift
/// static let listRunsLimit = SchemaRule(kinds: [.integer], minimum: 0, maximum: 1000)
/// ```
final class SchemaRuleBuilder {
    /// Which way the values go: a request leaves out what the server sets (`readOnly`), a response what only a
    /// client sends (`writeOnly`), required or not.
    enum Direction {
        case request, response

        /// `RequestRules`, `ResponseRules`.
        var namespace: String { self == .request ? "RequestRules" : "ResponseRules" }
    }

    let direction: Direction
    private let schemas: [String: Schema]
    private let diagnostics: any DiagnosticSink
    private var names = NameScope()
    /// Whether each component's schema constrains anything (nil while it is being decided: a cycle adds nothing).
    private var constrainsMemo: [String: Bool?] = [:]
    /// Component name → its rule's name in `RequestRules`, for those printed.
    private var componentNames: [String: String] = [:]
    /// `static let` lines, in the order they were first needed.
    private(set) var declarations: [String] = []
    private var pending: [String] = []
    /// The patterns already reported as unchecked, by where they are written.
    private var reportedPatterns: Set<SourceLocation> = []

    /// - Parameter diagnostics: Receives the patterns not checked (give the response rules' builder a sink that
    ///   drops them: the request rules' builder reports each pattern once).
    init(_ direction: Direction, schemas: [String: Schema], diagnostics: any DiagnosticSink) {
        self.direction = direction
        self.schemas = schemas
        self.diagnostics = diagnostics
    }

    /// `RequestRules.listRunsLimit` for a parameter's or a body's schema that needs checking, declared under
    /// `name`; nil when the Swift type holds all the schema says.
    func rule(for schema: Schema, named name: String) -> String? {
        guard constrains(schema) else { return nil }
        // A component's schema: its rule, not an alias of it per parameter or body.
        if case .reference(let reference) = schema.kind {
            let component = componentName(reference.name)
            drainComponents()
            return direction.namespace + "." + component
        }
        let member = names.claim(SwiftNaming.memberName(name)).name
        declarations.append("static let \(member): SchemaRule = \(expression(schema))")
        drainComponents()
        return direction.namespace + "." + member
    }

    /// Prints the components that the rules printed so far refer to (and those they refer to).
    private func drainComponents() {
        while let component = pending.popLast(), let schema = schemas[component], let name = componentNames[component] {
            declarations.append("static let \(name): SchemaRule = \(expression(schema))")
        }
    }

    // MARK: - Which schemas need a rule

    /// Whether `schema` says anything its Swift type does not hold.
    func constrains(_ schema: Schema) -> Bool {
        if schema.constraints != Constraints() { return true }
        switch schema.kind {
        case .any, .string, .number, .boolean: return false
        case .enumeration: return true
        case .array(let items): return constrains(items)
        case .reference(let reference): return componentConstrains(reference.name)
        case .integer(let format): return format == .int32
        case .object(let object):
            switch object.additionalProperties {
            case .forbidden: return true
            case .schema(let other) where constrains(other): return true
            default:
                return !notNull(object).isEmpty || object.properties.contains { constrains($0.schema) }
                    || direction == .response && requiresOptional(object)
            }
        case .anyOf(let parts), .oneOf(let parts, _), .allOf(let parts): return parts.contains(where: constrains)
        }
    }

    /// Whether the object requires a member its Swift type holds as optional, which a response must carry: a
    /// read-only one (a request leaves it out).
    private func requiresOptional(_ object: ObjectSchema) -> Bool {
        object.properties.contains { $0.isRequired && TypeBuilder.isReadOnly($0.schema, in: schemas) }
    }

    /// The properties that may be left out but not sent as `null`: optional, and their schema does not allow it
    /// (the models decode a `null` as absent).
    private func notNull(_ object: ObjectSchema) -> [String] {
        object.properties.filter { property in
            guard !property.isRequired, !TypeBuilder.isNullable(property.schema, in: schemas) else { return false }
            if case .any = property.schema.kind { return false }
            return true
        }.map(\.name)
    }

    private func componentConstrains(_ name: String) -> Bool {
        if let known = constrainsMemo[name] { return known ?? false }
        guard let schema = schemas[name] else { return false }
        constrainsMemo[name] = .some(nil)
        let result = constrains(schema)
        constrainsMemo[name] = result
        return result
    }

    // MARK: - Printing

    /// The rule's Swift expression: `SchemaRule(kinds: [.integer], maximum: 1000)`, or a reference to a component's.
    ///
    /// - Parameter isPart: The schema is a part of an `allOf`, whose `required` may name members another part
    ///   declares. Elsewhere an object requires only members it declares: a generated type has no field for any
    ///   other (GitHub's `checks/update` requires an undeclared `identifie`), so no generated client could send it.
    private func expression(_ schema: Schema, isPart: Bool = false) -> String {
        let rule = nonNullExpression(schema, isPart: isPart)
        // A reference or composition that also allows `null` (`anyOf: [{$ref: X}, {type: 'null'}]`): its own
        // kinds cannot say so, the component's rule or the alternatives would refuse it.
        switch schema.kind {
        case .reference, .anyOf, .oneOf, .allOf:
            guard schema.isNullable, !TypeBuilder.isNullable(Self.withoutOwnNull(schema), in: schemas) else { break }
            return "SchemaRule(anyOf: [\(rule), SchemaRule(kinds: [.null])])"
        default: break
        }
        return rule
    }

    private static func withoutOwnNull(_ schema: Schema) -> Schema {
        var schema = schema
        schema.isNullable = false
        return schema
    }

    private func nonNullExpression(_ schema: Schema, isPart: Bool) -> String {
        if case .reference(let reference) = schema.kind {
            return ".reference { \(direction.namespace).\(componentName(reference.name)) }"
        }
        var arguments = constraintArguments(schema)
        let kinds = Self.kinds(schema)
        if !kinds.isEmpty { arguments["kinds"] = "[" + kinds.map { "." + $0 }.joined(separator: ", ") + "]" }
        var required = schema.constraints.required
        switch schema.kind {
        case .enumeration(let enumeration):
            var values = enumeration.values.map { value -> String in
                enumeration.rawType == .integer && Int(value.raw) != nil
                    ? ".integer(\(value.raw))" : ".string(\(SwiftLiteral.string(value.raw)))"
            }
            if schema.isNullable { values.append(".null") }
            arguments["allowed"] = "[" + values.joined(separator: ", ") + "]"
        case .array(let items):
            if constrains(items) { arguments["items"] = expression(items) }
        case .object(let object):
            if !isPart { required = required.filter { name in object.properties.contains { $0.name == name } } }
            objectArguments(object, into: &arguments)
            let nullFree = notNull(object)
            if !nullFree.isEmpty {
                arguments["notNull"] = "[" + nullFree.map(SwiftLiteral.string).joined(separator: ", ") + "]"
            }
            // A request leaves out what the server sets (`readOnly`), a response what only a client sends
            // (`writeOnly`), required or not.
            let isOneSided = direction == .request ? TypeBuilder.isReadOnly : TypeBuilder.isWriteOnly
            required += object.properties.filter {
                $0.isRequired && !isOneSided($0.schema, schemas) && !required.contains($0.name)
            }.map(\.name)
        case .allOf(let parts):
            arguments["allOf"] =
                "[" + parts.filter(constrains).map { expression($0, isPart: true) }.joined(separator: ", ") + "]"
        case .anyOf(let parts): arguments["anyOf"] = list(parts)
        case .oneOf(let parts, _): arguments["oneOf"] = list(parts)
        case .any, .string, .integer, .number, .boolean, .reference: break
        }
        if !required.isEmpty {
            arguments["required"] = "[" + required.map(SwiftLiteral.string).joined(separator: ", ") + "]"
        }
        // In the order `SchemaRule.init` declares them.
        return "SchemaRule("
            + Self.labels.compactMap { label in arguments[label].map { "\(label): \($0)" } }
            .joined(separator: ", ") + ")"
    }

    private static let labels = [
        "kinds", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
        "pattern", "allowed", "items", "minItems", "maxItems", "uniqueItems", "properties", "required", "notNull",
        "otherMembers", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf",
    ]

    private func list(_ schemas: [Schema]) -> String {
        "[" + schemas.map { expression($0) }.joined(separator: ", ") + "]"
    }

    private func componentName(_ component: String) -> String {
        if let name = componentNames[component] { return name }
        let name = names.claim(SwiftNaming.memberName(component)).name
        componentNames[component] = name
        pending.insert(component, at: 0)
        return name
    }

    /// The JSON types a value may have; none for a composition or any value (its parts say).
    private static func kinds(_ schema: Schema) -> [String] {
        var kinds: [String]
        switch schema.kind {
        case .any, .reference, .anyOf, .oneOf, .allOf: return []
        case .string: kinds = ["string"]
        case .integer: kinds = ["integer"]
        case .number: kinds = ["number"]
        case .boolean: kinds = ["boolean"]
        case .enumeration(let enumeration): kinds = [enumeration.rawType == .integer ? "integer" : "string"]
        case .array: kinds = ["array"]
        case .object: kinds = ["object"]
        }
        if schema.isNullable { kinds.append("null") }
        return kinds
    }

    private func constraintArguments(_ schema: Schema) -> [String: String] {
        var constraints = schema.constraints
        // An `int32` holds no more than its 32 bits, whatever Swift type it decodes into.
        if case .integer(.int32) = schema.kind {
            constraints.minimum = max(constraints.minimum ?? -Double(Int32.max) - 1, -Double(Int32.max) - 1)
            constraints.maximum = min(constraints.maximum ?? Double(Int32.max), Double(Int32.max))
        }
        var arguments: [String: String] = [:]
        for (label, value) in [
            ("minimum", constraints.minimum), ("maximum", constraints.maximum),
            ("exclusiveMinimum", constraints.exclusiveMinimum), ("exclusiveMaximum", constraints.exclusiveMaximum),
            ("multipleOf", constraints.multipleOf),
        ] {
            if let value, value.isFinite { arguments[label] = Self.literal(value) }
        }
        for (label, value) in [
            ("minLength", constraints.minLength), ("maxLength", constraints.maxLength),
            ("minItems", constraints.minItems), ("maxItems", constraints.maxItems),
            ("minProperties", constraints.minProperties), ("maxProperties", constraints.maxProperties),
        ] {
            if let value { arguments[label] = String(value) }
        }
        if constraints.uniqueItems { arguments["uniqueItems"] = "true" }
        if let pattern = constraints.pattern {
            if PatternSynthesizer.isSafeToMatch(pattern) {
                arguments["pattern"] = SwiftLiteral.string(pattern)
            } else if reportedPatterns.insert(schema.location).inserted {
                diagnostics.emit(.patternNotChecked(pattern, at: schema.location))
            }
        }
        return arguments
    }

    private func objectArguments(_ object: ObjectSchema, into arguments: inout [String: String]) {
        // With `additionalProperties` set, every declared property is listed, so that it is not taken for another.
        let listsAll: Bool
        switch object.additionalProperties {
        case .forbidden: listsAll = true
        case .schema(let other): listsAll = constrains(other)
        case .unspecified, .any: listsAll = false
        }
        let checked = object.properties.filter { listsAll || constrains($0.schema) }
        if !checked.isEmpty {
            arguments["properties"] =
                "["
                + checked.map { SwiftLiteral.string($0.name) + ": " + expression($0.schema) }.joined(separator: ", ")
                + "]"
        }
        switch object.additionalProperties {
        case .forbidden: arguments["otherMembers"] = ".forbidden"
        case .schema(let other) where constrains(other): arguments["otherMembers"] = ".rule(\(expression(other)))"
        default: break
        }
    }

    /// A bound as a Swift `Double` literal: `1000`, `0.5`, `1e+30`.
    static func literal(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
