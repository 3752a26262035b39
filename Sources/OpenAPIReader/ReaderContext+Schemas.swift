import APIModel
import Diagnostics
import YAMLNodes

extension ReaderContext {
    /// Reads a schema object (or a boolean schema) at `path`.
    func readSchema(_ node: YAMLNode, path: String) -> Schema {
        let here = location(node)
        schemaReads += 1
        if schemaReads > maxSchemaReads {
            if !reportedBudget {
                reportedBudget = true
                emit(.tooManySchemas(limit: maxSchemaReads, at: here))
            }
            return Schema(kind: .any, location: here, specPath: path)
        }
        if case .bool(let allowed)? = node.scalar?.value {
            if !allowed { emit(.unsupported("the 'false' schema (nothing is valid)", at: here)) }
            return Schema(kind: .any, location: here, specPath: path)
        }
        guard pairs(of: node, "schema '\(path)'", known: KnownKeys.schema) != nil else {
            return Schema(kind: .any, location: here, specPath: path)
        }
        var schema = readAnnotations(node, path: path)
        if let refNode = node["$ref"] {
            readReference(refNode, into: &schema)
            return schema
        }
        var types = readTypes(node)
        if types.contains("null") {
            schema.isNullable = true
            types.removeAll { $0 == "null" }
        }
        // 3.1 spells 3.0's `format: byte` as `contentEncoding: base64`: both are bytes coded as base64 text.
        var format = readFormat(node["format"])
        if format == nil, let encoding = string(node["contentEncoding"], "'contentEncoding'")?.lowercased(),
            encoding == "base64"
        {
            format = .byte
        }
        if let enumNode = node["enum"] ?? node["const"].map({ YAMLNode(.sequence([$0]), at: $0.mark) }) {
            schema.kind = readEnum(enumNode, types: types, schema: &schema)
            return schema
        }
        if let compositions = readComposition(node, path: path, into: &schema) {
            schema.kind = compositions
            // Every part of an allOf applies: one marked readOnly or writeOnly (Asana's `{type: object, readOnly:
            // true}` beside a $ref) marks the whole.
            for part in node["allOf"]?.items ?? [] {
                if case .bool(true)? = part["readOnly"]?.scalar?.value { schema.isReadOnly = true }
                if case .bool(true)? = part["writeOnly"]?.scalar?.value { schema.isWriteOnly = true }
            }
            return schema
        }
        if node["not"] != nil { emit(.unsupported("'not'", at: location(node["not"]!))) }
        readKind(node, path: path, types: types, format: format, into: &schema)
        return schema
    }

    /// A schema's descriptive keywords and validation keywords, its kind still `.any`.
    func readAnnotations(_ node: YAMLNode, path: String) -> Schema {
        var schema = Schema(
            kind: .any,
            description: string(node["description"], "'description'"),
            title: string(node["title"], "'title'"),
            isNullable: node["nullable"].flatMap { bool($0, "'nullable'") } ?? false,
            defaultValue: node["default"].flatMap(jsonValue),
            example: node["example"].flatMap(jsonValue) ?? node["examples"]?.items?.first.flatMap(jsonValue),
            isDeprecated: node["deprecated"].flatMap { bool($0, "'deprecated'") } ?? false,
            isReadOnly: node["readOnly"].flatMap { bool($0, "'readOnly'") } ?? false,
            isWriteOnly: node["writeOnly"].flatMap { bool($0, "'writeOnly'") } ?? false,
            location: location(node),
            specPath: path
        )
        schema.constraints = readConstraints(node)
        return schema
    }

    /// `type`: a string, or in 3.1 a list that may include "null"; unknown names are reported and dropped.
    func readTypes(_ node: YAMLNode) -> [String] {
        guard let typeNode = node["type"] else { return [] }
        var types: [String] = []
        if let items = typeNode.items {
            types = items.compactMap { string($0, "an entry of 'type'") }
        } else if let single = string(typeNode, "'type'") {
            types = [single]
        }
        let valid: Set<String> = ["string", "integer", "number", "boolean", "array", "object", "null"]
        for type in types where !valid.contains(type) {
            emit(
                .wrongType(
                    "'type'", expected: "one of array, boolean, integer, null, number, object, string",
                    found: "'\(type)'", at: location(typeNode)))
        }
        return types.filter { valid.contains($0) }
    }

    /// The kind of a schema that is no reference, enum or composition: one primitive type, an object or array
    /// told by its keywords, or (3.1 `type: [string, integer]`) one of several primitive types.
    func readKind(
        _ node: YAMLNode, path: String, types: [String], format: Format?, into schema: inout Schema
    ) {
        let here = location(node)
        if types.count > 1 {
            schema.kind = .oneOf(
                types.map {
                    Schema(
                        kind: primitiveKind($0, format: format, node: node, path: path),
                        location: here, specPath: path)
                },
                discriminator: nil)
            return
        }
        let type =
            types.first
            ?? (node["properties"] != nil || node["additionalProperties"] != nil
                ? "object"
                : node["items"] != nil ? "array" : nil)
        if let type {
            schema.kind = primitiveKind(type, format: format, node: node, path: path)
        }
        if case .object(let object) = schema.kind, node["required"] != nil {
            // Names required but declared elsewhere (by the other parts of an allOf around this one).
            let declared = Set(object.properties.map(\.name))
            schema.constraints.required += stringList(node["required"], "'required'").filter { !declared.contains($0) }
        }
    }

    /// The validation keywords of a schema. A keyword of the wrong type is a warning and reads as absent; 3.0's
    /// Boolean `exclusiveMinimum` turns `minimum` exclusive, 3.1's is the exclusive bound itself.
    func readConstraints(_ node: YAMLNode) -> Constraints {
        func number(_ key: String) -> Double? {
            guard let value = node[key], !value.isNull else { return nil }
            switch value.scalar?.value {
            case .int(let i)?: return Double(i)
            case .float(let d)? where d.isFinite: return d
            default:
                let found = value.scalar.map { "'\($0.text)'" } ?? value.kindDescription
                emit(.wrongTypeUsingDefault("'\(key)'", expected: "a number", found: found, at: location(value)))
                return nil
            }
        }
        func count(_ key: String) -> Int? {
            guard let value = number(key) else { return nil }
            guard value >= 0, value == value.rounded(), value < 1e9 else {
                emit(
                    .wrongTypeUsingDefault(
                        "'\(key)'", expected: "a non-negative integer", found: "\(value)", at: location(node[key]!)))
                return nil
            }
            return Int(value)
        }
        var constraints = Constraints(
            pattern: node["pattern"].flatMap { string($0, "'pattern'") }, minLength: count("minLength"),
            maxLength: count("maxLength"), minimum: number("minimum"), maximum: number("maximum"),
            multipleOf: number("multipleOf").flatMap { $0 > 0 ? $0 : nil }, minItems: count("minItems"),
            maxItems: count("maxItems"),
            uniqueItems: node["uniqueItems"].flatMap { bool($0, "'uniqueItems'") } ?? false,
            minProperties: count("minProperties"), maxProperties: count("maxProperties"))
        for (key, bound) in [("exclusiveMinimum", \Constraints.minimum), ("exclusiveMaximum", \Constraints.maximum)] {
            guard let value = node[key], !value.isNull else { continue }
            let exclusive: Double?
            if case .bool(let flag)? = value.scalar?.value {
                exclusive = flag ? constraints[keyPath: bound] : nil
                if flag { constraints[keyPath: bound] = nil }
            } else {
                exclusive = number(key)
            }
            if key == "exclusiveMinimum" {
                constraints.exclusiveMinimum = exclusive
            } else {
                constraints.exclusiveMaximum = exclusive
            }
        }
        return constraints
    }

    /// A schema's `format`. Any format is allowed, as the specification says; one a typo away from a known format
    /// (`date_time`, `datetime`, `UUID`) gets a warning, since it would silently lose the known format's type.
    func readFormat(_ node: YAMLNode?) -> Format? {
        guard let node, let text = string(node, "'format'") else { return nil }
        let format = Format(text)
        if case .other = format, !Self.registeredFormatNames.contains(text),
            let suggestion = KnownKeys.suggestion(for: text, in: Self.knownFormatNames)
        {
            emit(.unknownFormat(text, suggestion: suggestion, at: location(node)))
        }
        return format
    }

    static let knownFormatNames = Set(Format.known.map(\.rawValue))

    /// Formats of the OpenAPI Format Registry and common unsigned sizes that gen reads as plain values: close
    /// to a known format by spelling (`uint32`, `int32`), but not typos of it.
    static let registeredFormatNames: Set<String> = [
        "base64url", "char", "commonmark", "decimal", "decimal128", "double-int", "html", "int8", "int16",
        "media-range", "sf-binary", "sf-boolean", "sf-decimal", "sf-integer", "sf-string", "sf-token", "uint8",
        "uint16", "uint32", "uint64", "url",
    ]

    func primitiveKind(_ type: String, format: Format?, node: YAMLNode, path: String) -> Schema.Kind {
        switch type {
        case "string": return .string(format: format)
        case "integer": return .integer(format: format)
        case "number": return .number(format: format)
        case "boolean": return .boolean
        case "array":
            guard let items = node["items"] else {
                return .array(items: Schema(kind: .any, location: location(node), specPath: path + "/items"))
            }
            return .array(items: readSchema(items, path: path + "/items"))
        case "object": return .object(readObject(node, path: path))
        default: return .any
        }
    }

    /// The file and pointer `ref` leads to, as one key (`/specs/models/a.yml#/b`), the same from every file.
    func canonicalReference(_ ref: String) -> String {
        let (file, pointer) = split(ref)
        return file + pointer
    }

    func readReference(_ refNode: YAMLNode, into schema: inout Schema) {
        guard let ref = string(refNode, "$ref") else { return }
        if isRemote(refNode) {
            emit(.remoteReference(ref, isNeeded: true, at: location(refNode)))
            return
        }
        let (targetFile, pointer) = split(ref)
        let prefix = "#/components/schemas/"
        if targetFile == specFile, pointer.hasPrefix(prefix), !pointer.dropFirst(prefix.count).contains("/") {
            let name = Self.unescapePointerSegment(String(pointer.dropFirst(prefix.count)))
            if componentSchemaNames.contains(name) {
                schema.kind = .reference(SchemaReference(name: name, ref: ref))
            } else {
                let suggestion = KnownKeys.suggestion(for: name, in: componentSchemaNames)
                emit(
                    .unresolvedReference(
                        ref,
                        reason: "no schema named '\(name)' in components.schemas"
                            + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                        at: location(refNode)))
            }
            return
        }
        if Self.namesWholeSchema(pointer) {
            // A schema of another file (or of a definitions map): a named type of its own, read once.
            if let key = externalSchemaKey(refNode, ref: ref, file: targetFile, pointer: pointer) {
                schema.kind = .reference(SchemaReference(name: key, ref: ref))
            }
            return
        }
        // A pointer into a schema (`#/components/schemas/Run/properties/id`) is read in place.
        let resolved: Schema? = withReference(refNode) { target, path in readSchema(target, path: path) }
        if let resolved {
            let description = schema.description
            let nullable = schema.isNullable
            schema = resolved
            schema.description = description ?? resolved.description
            schema.isNullable = nullable || resolved.isNullable
            schema.location = location(refNode)
        }
    }

    /// The name of the schema another file (or a definitions map) holds at `pointer`, read the first time it is
    /// referenced: its last pointer segment, or the file's name, numbered where a name is taken; `nil` when it
    /// cannot be read.
    func externalSchemaKey(_ refNode: YAMLNode, ref: String, file: String, pointer: String) -> String? {
        let canonical = canonicalReference(ref)
        if let key = externalSchemaKeys[canonical] { return key }
        let segments = pointer.split(separator: "/")
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        let suggested =
            segments.count > 1
            ? Self.unescapePointerSegment(String(segments.last!))
            : String(fileName.split(separator: ".").first ?? Substring(fileName))
        var key = suggested
        var counter = 2
        let taken = Set(externalSchemaKeys.values)
        while componentSchemaNames.contains(key) || taken.contains(key) {
            key = suggested + String(counter)
            counter += 1
        }
        // Registered before reading, so a schema that refers to itself finds its name.
        externalSchemaKeys[canonical] = key
        let read: Schema? = withReference(refNode) { target, path in readSchema(target, path: path) }
        guard let read else {
            externalSchemaKeys[canonical] = nil
            return nil
        }
        externalSchemas.append(NamedSchema(name: key, schema: read))
        return key
    }

    /// Whether a pointer names a schema as a whole (a file, `#/X`, `…/schemas/X`, `…/definitions/X`, `…/$defs/X`)
    /// rather than a part of one (`…/properties/id`).
    static func namesWholeSchema(_ pointer: String) -> Bool {
        let segments = pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).filter {
            !$0.isEmpty
        }
        if segments.count <= 1 { return true }
        return ["schemas", "definitions", "$defs"].contains(String(segments[segments.count - 2]))
    }

    func readEnum(_ node: YAMLNode, types: [String], schema: inout Schema) -> Schema.Kind {
        guard let items = node.items else {
            emit(.wrongType("'enum'", expected: "a list", found: node.kindDescription, at: location(node)))
            return .any
        }
        var values: [EnumSchema.Value] = []
        var seen = Set<String>()
        var allIntegers = !items.isEmpty
        for item in items {
            guard let scalar = item.scalar else {
                emit(.unsupported("an enum value that is \(item.kindDescription)", at: location(item)))
                continue
            }
            switch scalar.value {
            case .null:
                schema.isNullable = true
                continue
            case .int: break
            default: allIntegers = false
            }
            if seen.insert(scalar.text).inserted {
                values.append(EnumSchema.Value(raw: scalar.text, location: location(item)))
            }
        }
        let isInteger = types == ["integer"] || (types.isEmpty && allIntegers)
        if types.first == "boolean" || types.first == "number" {
            // Boolean and number enums have no useful Swift enum; keep the primitive type.
            return types.first == "boolean" ? .boolean : .number(format: nil)
        }
        return .enumeration(EnumSchema(rawType: isInteger && allIntegers ? .integer : .string, values: values))
    }

    func readObject(_ node: YAMLNode, path: String) -> ObjectSchema {
        let required = stringList(node["required"], "'required'")
        var properties: [Property] = []
        let readProperties: (YAMLNode, String) -> [Property]? = { propertiesNode, path in
            guard let propertyPairs = self.pairs(of: propertiesNode, "'properties'", known: nil) else { return nil }
            return propertyPairs.map { pair in
                let name = pair.key.scalar?.text ?? ""
                let schema = self.readSchema(pair.value, path: path + "/" + Self.escapePointerSegment(name))
                return Property(
                    name: name, schema: schema, isRequired: required.contains(name), location: self.location(pair.key))
            }
        }
        if let propertiesNode = node["properties"] {
            if let ref = propertiesNode["$ref"], propertiesNode.pairs?.count == 1 {
                // Not in the grammar, but seen in real specs: the whole properties map by reference.
                properties = withReference(ref, readProperties) ?? []
            } else {
                properties = readProperties(propertiesNode, path + "/properties") ?? []
            }
        }
        if let requiredNode = node["required"], node["allOf"] == nil, node["anyOf"] == nil, node["oneOf"] == nil {
            let declared = Set(properties.map(\.name))
            for (index, name) in required.enumerated() where !declared.contains(name) {
                let item = requiredNode.items?[index] ?? requiredNode
                emit(.requiredPropertyNotDeclared(name, at: location(item)))
            }
        }
        var additional = ObjectSchema.AdditionalProperties.unspecified
        if let additionalNode = node["additionalProperties"] {
            if case .bool(let allowed)? = additionalNode.scalar?.value {
                additional = allowed ? .any : .forbidden
            } else {
                let schema = readSchema(additionalNode, path: path + "/additionalProperties")
                additional = schema.kind == .any ? .any : .schema(schema)
            }
        }
        return ObjectSchema(properties: properties, additionalProperties: additional)
    }
}
