package import APIModel
package import Diagnostics
package import SwiftPlanning

/// Builds an example payload from a schema when the spec gives none; deterministic, and it always decodes
/// into the generated type.
package struct ExampleSynthesizer {
    package let schemas: [String: Schema]
    /// The configuration's types, so examples of overridden formats are checked as what they decode into.
    package var overrides = TypeOverrides()
    /// Whether the schemas' own `example`s and `default`s are used (they may contradict their schema).
    package var usesSpecValues = true
    /// Which properties objects get.
    package var coverage = Coverage.fixture
    /// The most items an array gets (`minItems` beyond it is not met).
    package static let maxItems = 256
    /// Where a pattern no value could be built for is reported.
    package var diagnostics: (any DiagnosticSink)?

    package init(
        schemas: [String: Schema], overrides: TypeOverrides = TypeOverrides(), usesSpecValues: Bool = true,
        coverage: Coverage = .fixture, diagnostics: (any DiagnosticSink)? = nil
    ) {
        self.schemas = schemas
        self.overrides = overrides
        self.usesSpecValues = usesSpecValues
        self.coverage = coverage
        self.diagnostics = diagnostics
    }

    /// Which properties objects get.
    package enum Coverage {
        /// The spec's example of the whole object, or built from the schema with every property for a few levels.
        case fixture
        /// The spec's example of the whole object, or built from the schema with the required properties only.
        case required
        /// Built from the schema with every property (spec examples only for the properties' values).
        case complete
    }

    package func example(for schema: Schema) -> JSONValue {
        var visiting: [String] = []
        return example(for: schema, depth: 0, visiting: &visiting)
    }

    /// A value of `schema` that the generated models decode: built with the spec's examples, or, when those
    /// contradict the schema, from the schema alone.
    package func validExample(for schema: Schema) -> JSONValue {
        let value = example(for: schema)
        // A request argument is checked as a server checks it; a fixture as the models decode it.
        let validator = ExampleValidator(
            schemas: schemas, overrides: overrides, checksConstraints: coverage != .fixture)
        guard usesSpecValues, validator.mismatch(value, schema) != nil else { return value }
        var plain = self
        plain.usesSpecValues = false
        return plain.example(for: schema)
    }

    /// A valid value of `schema` for a request argument: with every object property (`complete`), or with the
    /// required ones where the value is built from the schema.
    package func validExample(for schema: Schema, complete: Bool) -> JSONValue {
        var synthesizer = self
        synthesizer.coverage = complete ? .complete : .required
        return synthesizer.validExample(for: schema)
    }

    /// `forcing`: properties an enclosing `allOf` requires, filled in wherever the object declares them.
    private func example(
        for schema: Schema, depth: Int, visiting: inout [String], forcing: [String] = []
    ) -> JSONValue {
        let isStructured: Bool
        switch schema.kind {
        case .object, .allOf, .reference: isStructured = true
        default: isStructured = false
        }
        let isComplete = coverage == .complete && isStructured
        if usesSpecValues, !isComplete, let example = schema.example { return example }
        if usesSpecValues, !isComplete, let value = schema.defaultValue { return value }
        switch schema.kind {
        case .any: return .object([])
        case .string(let format): return .string(string(format: format, schema))
        case .integer:
            // A bound beyond Int's range (a spec may write 1e300) gives the nearest Int.
            let value = number(schema.constraints, isInteger: true)
            return .integer(Int(exactly: value.rounded()) ?? (value > 0 ? Int.max : Int.min))
        case .number: return .number(number(schema.constraints, isInteger: false))
        case .boolean: return .bool(true)
        case .enumeration(let values):
            guard let first = values.values.first else { return .null }
            return values.rawType == .integer ? .integer(Int(first.raw) ?? 0) : .string(first.raw)
        case .array(let items):
            return arrayExample(items, constraints: schema.constraints, depth: depth, visiting: &visiting)
        case .object(let object):
            return objectExample(
                object, constraints: schema.constraints.requiring(schema.constraints.required + forcing), depth: depth,
                visiting: &visiting)
        case .reference(let ref):
            guard let target = schemas[ref.name], !visiting.contains(ref.name) || depth < 8 else { return .null }
            visiting.append(ref.name)
            defer { visiting.removeLast() }
            return example(
                for: target, depth: depth, visiting: &visiting, forcing: schema.constraints.required + forcing)
        case .oneOf(let parts, let discriminator?):
            return discriminatedExample(parts, discriminator: discriminator, depth: depth, visiting: &visiting)
        case .anyOf(let parts), .oneOf(let parts, nil):
            return parts.first.map { example(for: $0, depth: depth, visiting: &visiting) } ?? .null
        case .allOf(let parts):
            // What the whole requires, and what each part requires of it.
            let forced = schema.constraints.required + forcing + parts.flatMap(requiredOfPart)
            return allOfExample(parts, forcing: forced, depth: depth, visiting: &visiting)
        }
    }

    /// An array of the items' example: as many as `minItems` asks (at most a few hundred, whatever it says; a spec
    /// may ask for a billion), distinct where they must be unique.
    private func arrayExample(
        _ items: Schema, constraints: Constraints, depth: Int, visiting: inout [String]
    ) -> JSONValue {
        let count = min(max(constraints.minItems ?? 1, depth > 6 ? 0 : 1), Self.maxItems)
        if count == 0 || constraints.maxItems == 0 { return .array([]) }
        let item = example(for: items, depth: depth + 1, visiting: &visiting)
        guard count > 1 else { return .array([item]) }
        // More items than one: distinct where the items are numbers or strings and must be unique.
        return .array((0..<count).map { constraints.uniqueItems ? Self.variant(of: item, $0) : item })
    }

    /// The first alternative of a discriminated `oneOf`, with the discriminator value that selects it.
    private func discriminatedExample(
        _ parts: [Schema], discriminator: Discriminator, depth: Int, visiting: inout [String]
    ) -> JSONValue {
        guard let first = parts.first, case .reference(let ref) = first.kind,
            case .object(var members) = example(for: first, depth: depth, visiting: &visiting)
        else { return parts.first.map { example(for: $0, depth: depth, visiting: &visiting) } ?? .null }
        let value =
            discriminator.mapping.first { member in
                if case .string(let target) = member.value {
                    target.split(separator: "/").last.map(String.init) == ref.name
                } else {
                    false
                }
            }?.key
            // Unmapped: the value the alternative's own property allows, which is what its schema accepts.
            ?? TypeBuilder.discriminatorValues(of: first, propertyName: discriminator.propertyName, in: schemas)
            .first ?? ref.name
        members.removeAll { $0.key == discriminator.propertyName }
        members.insert(JSONMember(discriminator.propertyName, .string(value)), at: 0)
        return .object(members)
    }

    /// The members of every part of an `allOf`, the first of a name kept.
    private func allOfExample(
        _ parts: [Schema], forcing forced: [String], depth: Int, visiting: inout [String]
    ) -> JSONValue {
        var members: [JSONMember] = []
        for part in parts {
            if case .object(let partMembers) = example(for: part, depth: depth, visiting: &visiting, forcing: forced) {
                for member in partMembers where !members.contains(where: { $0.key == member.key }) {
                    members.append(member)
                }
            }
        }
        return .object(members)
    }

    /// What a part of an allOf requires of the whole: names it requires without declaring them, and the first
    /// branch of a part that only says which properties go together (`anyOf: [{required: [inbound_rules]}, …]`).
    private func requiredOfPart(_ part: Schema) -> [String] {
        var part = part
        if case .reference(let ref) = part.kind, let target = schemas[ref.name] { part = target }
        var names = part.constraints.required
        if case .object(let object) = part.kind, object.properties.isEmpty {
            names += object.branches.first?.required ?? []
        }
        return names
    }

    /// An object with its required properties (and the optional ones the coverage asks for), under the rules of
    /// the first branch of a `oneOf`/`anyOf` beside them.
    private func objectExample(
        _ object: ObjectSchema, constraints: Constraints, depth: Int, visiting: inout [String]
    ) -> JSONValue {
        var members: [JSONMember] = []
        // With branches beside the properties, the first branch's rules: its required properties and narrower
        // schemas; properties only other branches require stay out (under oneOf, they could satisfy two).
        let branch = object.branches.first
        let othersRequire = Set(object.branches.dropFirst().flatMap(\.required))
        var properties = object.properties.map { property in
            var property = property
            if constraints.required.contains(property.name) { property.isRequired = true }
            if let branch {
                if branch.required.contains(property.name) { property.isRequired = true }
                if let narrower = branch.properties.first(where: { $0.name == property.name }) {
                    property.schema.kind = narrower.schema.kind
                    property.schema.example = narrower.schema.example
                    property.schema.defaultValue = narrower.schema.defaultValue
                }
            }
            return property
        }
        if branch != nil { properties.removeAll { !$0.isRequired && othersRequire.contains($0.name) } }
        // `minProperties` asks for optional properties even when only the required ones are wanted.
        var optionalWanted = max(
            0, (constraints.minProperties ?? 0) - properties.filter(\.isRequired).count)
        for property in properties {
            // Beyond a few levels, or on a cycle, only required properties are filled in.
            if !property.isRequired && (coverage == .required || depth > 3 || isCycle(property.schema, visiting)) {
                guard optionalWanted > 0, !isCycle(property.schema, visiting) else { continue }
            }
            if !property.isRequired { optionalWanted -= 1 }
            members.append(
                JSONMember(property.name, example(for: property.schema, depth: depth + 1, visiting: &visiting)))
        }
        return .object(members)
    }

    /// A string of `format` that satisfies the schema's pattern and lengths; a pattern it cannot match is reported
    /// once (where the schema is) and the plain value kept.
    private func string(format: Format?, _ schema: Schema) -> String {
        let constraints = schema.constraints
        if let pattern = constraints.pattern {
            if let text = PatternSynthesizer.string(
                matching: pattern, minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength)
            {
                return text
            }
            diagnostics?.emit(.patternNotSynthesized(pattern, at: schema.location))
        }
        var text = plainString(format: format)
        if let minLength = constraints.minLength, text.count < minLength {
            text += String(repeating: "x", count: min(minLength, PatternSynthesizer.maxBuiltLength) - text.count)
        }
        if let maxLength = constraints.maxLength, text.count > maxLength { text = String(text.prefix(maxLength)) }
        return text
    }

    private func plainString(format: Format?) -> String {
        // A format the configuration maps to a Foundation type gets a value of that type.
        switch overrides.type(forFormat: format, of: "string") {
        case .date?: return "2024-01-01T00:00:00Z"
        case .uuid?: return "00000000-0000-0000-0000-000000000000"
        case .data?: return "AA=="
        default: break
        }
        switch format {
        case .dateTime?: return "2024-01-01T00:00:00Z"
        case .date?: return "2024-01-01"
        case .time?: return "12:00:00Z"
        case .duration?: return "P1D"
        case .uuid?: return "00000000-0000-0000-0000-000000000000"
        case .uri?, .iri?, .other("url")?: return "https://example.com"
        case .uriReference?, .iriReference?: return "/example"
        case .email?, .idnEmail?: return "user@example.com"
        case .hostname?, .idnHostname?: return "example.com"
        case .ipv4?: return "192.0.2.1"
        case .ipv6?: return "2001:db8::1"
        case .byte?, .binary?: return "AA=="
        case .jsonPointer?: return "/example"
        case .regex?: return ".*"
        default: return "string"
        }
    }

    /// The number nearest zero within the bounds that is a multiple of `multipleOf` (an integer for integers).
    private func number(_ constraints: Constraints, isInteger: Bool) -> Double {
        let step = constraints.multipleOf ?? (isInteger ? 1 : 0)
        var value = 0.0
        func snapUp(_ bound: Double, exclusive: Bool) -> Double {
            guard step > 0 else { return exclusive ? bound + max(1, abs(bound)) * 1e-6 : bound }
            var snapped = (bound / step).rounded(.up) * step
            if exclusive, snapped <= bound { snapped += step }
            return snapped
        }
        if let minimum = constraints.minimum, value < minimum { value = snapUp(minimum, exclusive: false) }
        if let exclusive = constraints.exclusiveMinimum, value <= exclusive {
            value = snapUp(exclusive, exclusive: true)
        }
        // Only an upper bound (or an exclusive one at zero): the nearest allowed value below it.
        func snapDown(_ bound: Double, exclusive: Bool) -> Double {
            guard step > 0 else { return exclusive ? bound - max(1, abs(bound)) * 1e-6 : bound }
            var snapped = (bound / step).rounded(.down) * step
            if exclusive, snapped >= bound { snapped -= step }
            return snapped
        }
        if let maximum = constraints.maximum, value > maximum { value = snapDown(maximum, exclusive: false) }
        if let exclusive = constraints.exclusiveMaximum, value >= exclusive {
            value = snapDown(exclusive, exclusive: true)
        }
        // A step too small for the bound's magnitude (multipleOf: 1e-300) overflows: no value is built for it.
        return value.isFinite ? value : 0
    }

    /// The `index`th of several distinct items built from `item` (numbers counted up, strings suffixed).
    private static func variant(of item: JSONValue, _ index: Int) -> JSONValue {
        guard index > 0 else { return item }
        switch item {
        case .integer(let value): return .integer(value + index)
        case .number(let value): return .number(value + Double(index))
        case .string(let text): return .string(text + String(index))
        default: return item
        }
    }

    private func isCycle(_ schema: Schema, _ visiting: [String]) -> Bool {
        if case .reference(let ref) = schema.kind { return visiting.contains(ref.name) }
        if case .array(let items) = schema.kind { return isCycle(items, visiting) }
        return false
    }
}
