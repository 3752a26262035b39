import APIModel

/// Pretty JSON text for fixtures: two-space indent, members in document order, one final newline.
enum JSONText {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", to: &out)
        return out + "\n"
    }

    /// One line (`["push", "pull"]`, `{"a": 1}`), for doc comments.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { quoted($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        default:
            var out = ""
            write(value, indent: "", to: &out)
            return out
        }
    }

    private static func write(_ value: JSONValue, indent: String, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d):
            if d.isNaN || d.isInfinite {
                out += "null"
            } else if d == d.rounded(), abs(d) < 1e15 {
                out += String(Int(d)) + ".0"
            } else {
                out += String(d)
            }
        case .string(let s): out += quoted(s)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent + "  "
                write(item, indent: indent + "  ", to: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += indent + "  " + quoted(member.key) + ": "
                write(member.value, indent: indent + "  ", to: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Builds an example payload from a schema when the spec gives none; deterministic, and it always decodes
/// into the generated type.
struct ExampleSynthesizer {
    let schemas: [String: Schema]
    /// The configuration's types, so examples of overridden formats are checked as what they decode into.
    var overrides = TypeOverrides()
    /// Whether the schemas' own `example`s and `default`s are used (they may contradict their schema).
    var usesSpecValues = true

    func example(for schema: Schema) -> JSONValue {
        var visiting: [String] = []
        return example(for: schema, depth: 0, visiting: &visiting)
    }

    /// A value of `schema` that the generated models decode: built with the spec's examples, or, when those
    /// contradict the schema, from the schema alone.
    func validExample(for schema: Schema) -> JSONValue {
        let value = example(for: schema)
        guard usesSpecValues, ExampleValidator(schemas: schemas, overrides: overrides).mismatch(value, schema) != nil
        else { return value }
        var plain = self
        plain.usesSpecValues = false
        return plain.example(for: schema)
    }

    private func example(for schema: Schema, depth: Int, visiting: inout [String]) -> JSONValue {
        if usesSpecValues, let example = schema.example { return example }
        if usesSpecValues, let value = schema.defaultValue { return value }
        switch schema.kind {
        case .any: return .object([])
        case .string(let format):
            // A format the configuration maps to a Foundation type gets a value of that type.
            switch overrides.type(forFormat: format, of: "string") {
            case .date?: return .string("2024-01-01T00:00:00Z")
            case .uuid?: return .string("00000000-0000-0000-0000-000000000000")
            case .data?: return .string("AA==")
            default: break
            }
            switch format {
            case .dateTime?: return .string("2024-01-01T00:00:00Z")
            case .date?: return .string("2024-01-01")
            case .uuid?: return .string("00000000-0000-0000-0000-000000000000")
            case .uri?, .other("url")?: return .string("https://example.com")
            case .email?: return .string("user@example.com")
            case .byte?, .binary?: return .string("AA==")
            default: return .string("string")
            }
        case .integer: return .integer(0)
        case .number: return .number(0)
        case .boolean: return .bool(true)
        case .enumeration(let values):
            guard let first = values.values.first else { return .null }
            return values.rawType == .integer ? .integer(Int(first.raw) ?? 0) : .string(first.raw)
        case .array(let items):
            if depth > 6 { return .array([]) }
            return .array([example(for: items, depth: depth + 1, visiting: &visiting)])
        case .object(let object):
            var members: [JSONMember] = []
            for property in object.properties {
                // Beyond a few levels, or on a cycle, only required properties are filled in.
                if !property.isRequired && (depth > 3 || isCycle(property.schema, visiting)) { continue }
                members.append(
                    JSONMember(property.name, example(for: property.schema, depth: depth + 1, visiting: &visiting)))
            }
            return .object(members)
        case .reference(let ref):
            guard let target = schemas[ref.name], !visiting.contains(ref.name) || depth < 8 else { return .null }
            visiting.append(ref.name)
            defer { visiting.removeLast() }
            return example(for: target, depth: depth, visiting: &visiting)
        case .oneOf(let parts, let discriminator?):
            // The first alternative, with the discriminator value that selects it.
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
                }?.key ?? ref.name
            members.removeAll { $0.key == discriminator.propertyName }
            members.insert(JSONMember(discriminator.propertyName, .string(value)), at: 0)
            return .object(members)
        case .anyOf(let parts), .oneOf(let parts, nil):
            return parts.first.map { example(for: $0, depth: depth, visiting: &visiting) } ?? .null
        case .allOf(let parts):
            var members: [JSONMember] = []
            for part in parts {
                if case .object(let partMembers) = example(for: part, depth: depth, visiting: &visiting) {
                    for member in partMembers where !members.contains(where: { $0.key == member.key }) {
                        members.append(member)
                    }
                }
            }
            return .object(members)
        }
    }

    private func isCycle(_ schema: Schema, _ visiting: [String]) -> Bool {
        if case .reference(let ref) = schema.kind { return visiting.contains(ref.name) }
        if case .array(let items) = schema.kind { return isCycle(items, visiting) }
        return false
    }
}
