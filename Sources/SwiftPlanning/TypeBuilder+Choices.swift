package import APIModel
import Diagnostics
import Foundation

// How TypeBuilder declares enums and oneOf choices.

extension TypeBuilder {
    // MARK: - Enums

    /// An open enum's cases, each named once.
    package func enumeration(_ values: EnumSchema) -> EnumerationPlan {
        var scope = NameScope(reserved: ["unknown", "allCases", "rawValue", "init"])
        let cases = values.values.map { value -> EnumCasePlan in
            var candidate = value.raw.isEmpty ? "empty" : SwiftNaming.memberName(value.raw)
            if values.rawType == .integer, let int = Int(value.raw) {
                candidate = int < 0 ? "_minus\(-int)" : "_\(int)"
            }
            if candidate == "_unnamed" { candidate = "value" }
            let caseName = scope.claim(candidate, at: value.location) { renamed, first in
                diagnostics.emit(
                    .enumCaseCollision(
                        value.raw, swiftName: candidate, renamed: renamed, at: value.location, firstAt: first))
            }
            return EnumCasePlan(name: caseName, raw: value.raw, location: value.location)
        }
        return EnumerationPlan(rawType: values.rawType == .integer ? .int : .string, cases: cases)
    }

    // MARK: - oneOf

    /// A `oneOf`'s cases: an alternative listed twice is one case; with a discriminator, the mapping's targets are
    /// cases too (the values to decode on are its keys), and a mapping key selects one case, as does the implicit
    /// value (the schema's name) of an alternative the mapping does not name; a value the alternatives' own
    /// discriminator properties allow may select several, tried in order.
    package func oneOf(named name: String, parts: [Schema], discriminator: Discriminator?) -> OneOfPlan {
        var nested: [DeclarationPlan] = []
        var typeScope = nestedScope(in: name)
        var caseScope = NameScope()
        var alternatives: [Schema] = []
        var seenReferences = Set<String>()
        for part in parts {
            if case .reference(let ref) = part.kind, !seenReferences.insert(ref.name).inserted { continue }
            alternatives.append(part)
        }
        var valuesByTarget: [String: [String]] = [:]
        // A mapping key or an alternative's name selects one case; the values alternatives' own discriminator
        // properties allow may be shared (OpenAI's input and output messages are both `type: message`), and then
        // each of them is tried in order.
        var exclusive = Set<String>()
        for member in discriminator?.mapping ?? [] {
            guard case .string(let target) = member.value, let targetName = componentName(ofReference: target),
                exclusive.insert(member.key).inserted
            else { continue }
            valuesByTarget[targetName, default: []].append(member.key)
            if seenReferences.insert(targetName).inserted, let schema = componentSchemas[targetName] {
                alternatives.append(
                    Schema(
                        kind: .reference(SchemaReference(name: targetName, ref: target)),
                        location: schema.location, specPath: schema.specPath))
            }
        }
        // 3.2's default is an alternative too, when the spec does not list it.
        if let target = discriminator?.defaultMapping, let targetName = componentName(ofReference: target),
            seenReferences.insert(targetName).inserted, let schema = componentSchemas[targetName]
        {
            alternatives.append(
                Schema(
                    kind: .reference(SchemaReference(name: targetName, ref: target)), location: schema.location,
                    specPath: schema.specPath))
        }
        let mappingKeys = exclusive
        let mappedTargets = Set(valuesByTarget.keys)
        for part in alternatives {
            if case .reference(let ref) = part.kind, !mappedTargets.contains(ref.name) { exclusive.insert(ref.name) }
        }
        let cases = alternatives.enumerated().map { index, part -> OneOfCasePlan in
            let type = spell(part, suggested: "Value\(index + 1)", nested: &nested, scope: &typeScope)
            let caseName = caseScope.claim(SwiftNaming.memberName(type.nameWords)).name
            var values: [String] = []
            if let discriminator, case .reference(let ref) = part.kind {
                values = valuesByTarget[ref.name] ?? []
                if values.isEmpty {
                    // Unmapped: its name selects it, as the specification says, and so do the values its own
                    // discriminator property allows (OpenAI's `EasyInputMessage` is sent as `type: message`).
                    values =
                        (mappingKeys.contains(ref.name) ? [] : [ref.name])
                        + Self.discriminatorValues(
                            of: part, propertyName: discriminator.propertyName, in: componentSchemas
                        ).filter { !exclusive.contains($0) }
                }
            } else if let discriminator {
                // An inline alternative has no name to be selected by; the values its own discriminator property
                // allows (`type: {const: server_vad}`) select it.
                values = Self.discriminatorValues(
                    of: part, propertyName: discriminator.propertyName, in: componentSchemas
                ).filter { !exclusive.contains($0) }
            }
            var seen = Set<String>()
            values = values.filter { seen.insert($0).inserted }
            // An object alternative without the discriminator property (selected by its name or the mapping) is
            // encoded with it, so what a server sends decodes as the same case (Coalesce's `Node`).
            var written: String?
            if let discriminator, let value = values.first, let object = mergedObject([part]),
                !object.properties.contains(where: { $0.name == discriminator.propertyName })
            {
                written = value
            }
            return OneOfCasePlan(
                name: caseName, type: type, discriminatorValues: values, writtenDiscriminator: written,
                location: part.location)
        }
        let defaultName = discriminator?.defaultMapping.flatMap(componentName(ofReference:))
        let defaultCase = defaultName.flatMap { name in
            zip(alternatives, cases).first { part, _ in
                if case .reference(let ref) = part.kind { ref.name == name } else { false }
            }?.1
        }
        return OneOfPlan(
            cases: cases, discriminatorKey: discriminator?.propertyName, defaultCase: defaultCase,
            isIndirect: alternatives.contains(where: isOnCycle),
            isParameterValue: alternatives.allSatisfy(isSimpleValue), nested: nested)
    }

    /// The values an alternative's discriminator property allows: its `enum` or `const`, also through references
    /// (in `schemas`), the parts of an `allOf` (OpenAI's `InputMessageResource`: `allOf: [InputMessage, …]`, whose
    /// `type` allows `message`) and the alternatives of a nested `oneOf` or `anyOf`.
    package static func discriminatorValues(
        of alternative: Schema, propertyName: String, in schemas: [String: Schema] = [:]
    ) -> [String] {
        var visited = Set<String>()
        return discriminatorValues(of: alternative, propertyName: propertyName, in: schemas, visited: &visited)
    }

    private static func discriminatorValues(
        of alternative: Schema, propertyName: String, in schemas: [String: Schema], visited: inout Set<String>
    ) -> [String] {
        switch alternative.kind {
        case .reference(let ref):
            guard visited.insert(ref.name).inserted, let target = schemas[ref.name] else { return [] }
            return discriminatorValues(of: target, propertyName: propertyName, in: schemas, visited: &visited)
        case .object(let object):
            guard var schema = object.properties.first(where: { $0.name == propertyName })?.schema else { return [] }
            while case .reference(let ref) = schema.kind, visited.insert(ref.name).inserted,
                let target = schemas[ref.name]
            {
                schema = target
            }
            guard case .enumeration(let values) = schema.kind, values.rawType == .string else { return [] }
            return values.values.map(\.raw)
        case .allOf(let parts):
            for part in parts {
                let values = discriminatorValues(of: part, propertyName: propertyName, in: schemas, visited: &visited)
                if !values.isEmpty { return values }
            }
            return []
        case .oneOf(let parts, let inner):
            // A choice among choices (OpenAI's `InputItem` offers `Item`, itself discriminated by `type`): what
            // selects any of its alternatives selects it, names included where its own discriminator is this one.
            let sameKey = inner?.propertyName == propertyName
            var values = sameKey ? (inner?.mapping.map(\.key) ?? []) : []
            for part in parts {
                if sameKey, case .reference(let ref) = part.kind { values.append(ref.name) }
                values += discriminatorValues(of: part, propertyName: propertyName, in: schemas, visited: &visited)
            }
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        case .anyOf(let parts):
            var seen = Set<String>()
            return parts.flatMap {
                discriminatorValues(of: $0, propertyName: propertyName, in: schemas, visited: &visited)
            }.filter { seen.insert($0).inserted }
        default:
            return []
        }
    }

    /// The component a discriminator mapping's target names: a `#/components/schemas/…` reference or a bare
    /// schema name (both are allowed by the specification).
    package func componentName(ofReference target: String) -> String? {
        let prefix = "#/components/schemas/"
        let name = target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
        return componentSchemas[name] == nil ? nil : name
    }
}
