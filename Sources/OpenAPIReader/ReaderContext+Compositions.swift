import APIModel
import Diagnostics
import YAMLNodes

// Reading allOf, anyOf and oneOf: their parts, constraint-only branches and discriminators.

extension ReaderContext {
    /// `allOf`, `anyOf` or `oneOf`; `null` alternatives make the schema nullable instead.
    func readComposition(_ node: YAMLNode, path: String, into outer: inout Schema) -> Schema.Kind? {
        for key in ["allOf", "anyOf", "oneOf"] {
            guard let list = node[key] else { continue }
            guard let items = list.items, !items.isEmpty else {
                emit(
                    .wrongType(
                        "'\(key)'", expected: "a non-empty list of schemas", found: list.kindDescription,
                        at: location(list)))
                return nil
            }
            if key != "allOf", node["properties"] == nil,
                let branches = constraintBranches(items, beside: ObjectSchema(properties: []), path: "\(path)/\(key)"),
                items.allSatisfy({ $0["required"] != nil })
            {
                // Alternatives that only say which properties must be present (DigitalOcean's firewall: inbound or
                // outbound rules), for the properties of the allOf around them: rules of an object, no type.
                return .object(ObjectSchema(properties: [], branches: branches, branchesAreExclusive: key == "oneOf"))
            }
            if key != "allOf", node["properties"] != nil {
                return readChoiceBesideProperties(node, list: list, key: key, path: path, into: &outer)
            }
            var parts = readParts(items, key: key, path: path, nullable: &outer.isNullable)
            if key == "allOf", node["properties"] == nil, node["required"] != nil {
                // `required` beside the allOf, naming properties its parts declare (DigitalOcean's project).
                outer.constraints.required += stringList(node["required"], "'required'")
            }
            if key == "allOf" {
                // A part that only requires properties the others declare (`{required: [name]}`) is a constraint
                // of the whole; one that constrains nothing (`{}`, or only a description) adds nothing.
                for item in items where item["required"] != nil && item["properties"] == nil && item["$ref"] == nil {
                    let names = stringList(item["required"], "'required'")
                    outer.constraints.required += names.filter { !outer.constraints.required.contains($0) }
                }
                parts.removeAll { $0.kind == .any }
            }
            if node["properties"] != nil, key == "allOf" {
                // Properties beside allOf are one more part of the intersection.
                parts.append(
                    Schema(kind: .object(readObject(node, path: path)), location: location(node), specPath: path))
            }
            return composition(parts, key: key, node: node, into: &outer)
        }
        return nil
    }

    /// `anyOf`/`oneOf` beside `properties`: branches that only constrain the object, or an `allOf` of the object and
    /// the choice of the branches with members of their own.
    func readChoiceBesideProperties(
        _ node: YAMLNode, list: YAMLNode, key: String, path: String, into outer: inout Schema
    ) -> Schema.Kind {
        var object = readObject(node, path: path)
        let items = list.items ?? []
        // Branches that only say which properties go together, or narrow some: the object's own rules.
        if let branches = constraintBranches(items, beside: object, path: "\(path)/\(key)") {
            object.branches = branches
            object.branchesAreExclusive = key == "oneOf"
            return .object(object)
        }
        // Branches with members of their own: the properties beside are a part of every value.
        let parts = readParts(items, key: key, path: path, nullable: &outer.isNullable)
        if parts.isEmpty { return .object(object) }
        let choice: Schema.Kind =
            parts.count == 1
            ? parts[0].kind
            : key == "anyOf"
                ? .anyOf(parts) : .oneOf(parts, discriminator: readDiscriminator(node["discriminator"]))
        return .allOf([
            Schema(kind: .object(object), location: location(node), specPath: path),
            Schema(kind: choice, location: location(list), specPath: path + "/" + key),
        ])
    }

    /// The kind of a composition of `parts`: nothing, the one part (its constraints, example and default filling
    /// the whole's), or the `allOf`, `anyOf` or `oneOf` of them.
    func composition(_ parts: [Schema], key: String, node: YAMLNode, into outer: inout Schema) -> Schema.Kind {
        if parts.isEmpty { return .any }
        if parts.count == 1 {
            // `allOf: [$ref]` beside a description, or `anyOf: [X, {type: 'null'}]`: just X.
            // The part's constraints, example and default hold for the whole where it gives none of its own
            // (`anyOf: [{type: integer, minimum: 16}, {type: 'null'}]` is an integer of at least 16).
            if parts[0].isNullable { outer.isNullable = true }
            outer.constraints = outer.constraints.filling(from: parts[0].constraints)
            outer.example = outer.example ?? parts[0].example
            outer.defaultValue = outer.defaultValue ?? parts[0].defaultValue
            return parts[0].kind
        }
        switch key {
        case "allOf": return .allOf(parts)
        // With a discriminator, the value names the one alternative it is (DigitalOcean's record types).
        case "anyOf" where node["discriminator"] == nil: return .anyOf(parts)
        default: return .oneOf(parts, discriminator: readDiscriminator(node["discriminator"]))
        }
    }

    /// The schemas of a composition's list; a `{type: 'null'}` entry makes the whole nullable instead.
    func readParts(_ items: [YAMLNode], key: String, path: String, nullable: inout Bool) -> [Schema] {
        var parts: [Schema] = []
        for (index, item) in items.enumerated() {
            if item["type"]?.string == "null" && item.pairs?.count == 1 {
                nullable = true
                continue
            }
            parts.append(readSchema(item, path: "\(path)/\(key)/\(index)"))
        }
        return parts
    }

    /// The branches of a `oneOf`/`anyOf` beside `object`'s properties when each only constrains them (a
    /// `required` list, narrower schemas of properties declared beside), else nil.
    func constraintBranches(_ items: [YAMLNode], beside object: ObjectSchema, path: String) -> [ObjectBranch]? {
        let declared = Set(object.properties.map(\.name))
        let allowed: Set<String> = ["required", "properties", "additionalProperties", "description", "title", "type"]
        for item in items {
            guard let pairs = item.pairs, item["$ref"] == nil,
                pairs.allSatisfy({ allowed.contains($0.key.scalar?.text ?? "") }),
                item["type"].map({ $0.scalar?.text == "object" }) ?? true,
                (item["properties"]?.pairs ?? []).allSatisfy({ declared.contains($0.key.scalar?.text ?? "") })
            else { return nil }
        }
        return items.enumerated().map { index, item in
            let required = stringList(item["required"], "'required'")
            let properties = (item["properties"]?.pairs ?? []).map { pair in
                let name = pair.key.scalar?.text ?? ""
                return Property(
                    name: name,
                    schema: readSchema(
                        pair.value, path: "\(path)/\(index)/properties/\(Self.escapePointerSegment(name))"),
                    isRequired: required.contains(name), location: location(pair.key))
            }
            return ObjectBranch(required: required, properties: properties)
        }
    }

    func readDiscriminator(_ node: YAMLNode?) -> Discriminator? {
        guard let node,
            pairs(of: node, "'discriminator'", known: KnownKeys.discriminator, object: "discriminator") != nil,
            let name = requiredString(node, "propertyName", in: "'discriminator'")
        else { return nil }
        var mapping: [JSONMember] = []
        if let mappingNode = node["mapping"], let mappingPairs = pairs(of: mappingNode, "'mapping'", known: nil) {
            for pair in mappingPairs {
                guard let ref = string(pair.value, "a discriminator mapping") else { continue }
                mapping.append(JSONMember(pair.key.scalar?.text ?? "", .string(mappingTarget(ref))))
            }
        }
        var discriminator = Discriminator(propertyName: name, mapping: mapping)
        if is32, let target = string(node["defaultMapping"], "'defaultMapping'") {
            discriminator.defaultMapping = mappingTarget(target)
        }
        return discriminator
    }

    /// A mapping's target as a reference: a schema of another file (DigitalOcean's
    /// `models/floating_ip_actions.yml#/…`), read as an alternative already, is named by the key it was given.
    func mappingTarget(_ ref: String) -> String {
        guard ref.contains("/") || ref.contains("#"), !ref.hasPrefix("#/") else { return ref }
        let (file, pointer) = split(ref)
        return externalSchemaKeys[file + pointer].map { "#/components/schemas/" + $0 } ?? ref
    }
}
