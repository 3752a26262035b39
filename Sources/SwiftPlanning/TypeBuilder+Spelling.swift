package import APIModel
import Diagnostics
import Foundation

// How TypeBuilder spells a schema as a Swift type, and where models must store a value out of line (recursion).

extension TypeBuilder {
    // MARK: - Spelling types

    /// The Swift type for `schema` (never optional); inline types are declared once per scope and appended to
    /// `nested` the first time.
    package func spell(
        _ schema: Schema, suggested: String, nested: inout [DeclarationPlan], scope: inout NameScope,
        qualifier: String = ""
    ) -> SwiftType {
        switch schema.kind {
        case .any:
            return .json
        case .string(let format):
            if let type = overrides.type(forFormat: format, of: "string") { return type }
            switch format {
            case .dateTime?: return .date
            case .uuid?: return .uuid
            case .byte?, .binary?: return .data
            default: return .string
            }
        case .integer(let format):
            if let type = overrides.type(forFormat: format, of: "integer") { return type }
            // Swift's guidelines: `Int` unless a size is required. `int32` is a range the API promises, which
            // `Int` holds, and one integer type spares callers conversions; `int64` stays sized, as `Int` is 32
            // bits on some platforms.
            return format == .int64 ? .int64 : .int
        case .number(let format):
            if let type = overrides.type(forFormat: format, of: "number") { return type }
            return format == .float ? .float : .double
        case .boolean:
            return .bool
        case .reference(let ref):
            if let type = overrides.schemas[ref.name] { return .named(type) }
            return componentTypeNames[ref.name].map { .named($0) } ?? .json
        case .array(let items):
            return .array(
                elementType(
                    items,
                    spell(items, suggested: suggested + "Item", nested: &nested, scope: &scope, qualifier: qualifier)
                ))
        case .object(let object) where object.properties.isEmpty:
            if case .schema(let values) = object.additionalProperties {
                return .dictionary(
                    elementType(
                        values,
                        spell(
                            values, suggested: suggested + "Value", nested: &nested, scope: &scope,
                            qualifier: qualifier)))
            }
            return .dictionary(.json)
        case .object, .enumeration, .anyOf, .oneOf, .allOf:
            if let name = sharedTypeNames[schema.specPath] { return .named(name) }
            let key = scopeRoot + qualifier + scopePath.joined(separator: ".") + "|" + schema.specPath
            if let type = declared[key] { return type }
            let name = scope.claim(suggested).name
            let type = SwiftType.named(name, qualifier: qualifier)
            declared[key] = type
            let outerRoot = scopeRoot
            scopeRoot += qualifier
            defer { scopeRoot = outerRoot }
            // An inline type's documentation is its schema's description and provenance (its title names it already).
            var doc = schema.description.map(DocComment.lines) ?? []
            doc += Self.branchesNote(schema, after: doc)
            doc += DocComment.remark(schema.specPath, after: doc)
            nested.append(declaration(named: name, for: schema, exactDoc: doc))
            return type
        }
    }

    /// A list's item or a map's value: optional when its schema allows `null` (GitHub's `classifications: [null]`,
    /// a gist's `files: {"x": null}`), but for `JSONValue`, which holds `null` itself, and `Date`, which models code
    /// as RFC 3339 text only in the shapes `DateShape` names.
    private func elementType(_ schema: Schema, _ type: SwiftType) -> SwiftType {
        switch type {
        case .json, .date, .optional: return type
        default: return isNullable(schema) ? .optional(type) : type
        }
    }

    /// Whether `null` is a value of `schema`, also when it refers to a nullable component (`parent: {$ref:
    /// nullable-team}`): such a property is optional in Swift even when required.
    package func isNullable(_ schema: Schema) -> Bool {
        Self.isNullable(schema, in: componentSchemas)
    }

    package static func isNullable(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isNullable, for: schema, in: components)
    }

    /// Whether `schema` or a schema it refers to is `readOnly` (DigitalOcean's `id: {$ref: ssh_key_id.yml}`).
    package static func isReadOnly(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isReadOnly, for: schema, in: components)
    }

    /// Whether `schema` or a schema it refers to is `writeOnly`.
    package static func isWriteOnly(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isWriteOnly, for: schema, in: components)
    }

    /// Whether `flag` holds for `schema` or for a schema its chain of references leads to.
    package static func holds(
        _ flag: KeyPath<Schema, Bool>, for schema: Schema, in components: [String: Schema]
    ) -> Bool {
        var schema = schema
        var seen = Set<String>()
        while true {
            if schema[keyPath: flag] { return true }
            guard case .reference(let ref) = schema.kind, seen.insert(ref.name).inserted,
                let target = components[ref.name]
            else {
                return false
            }
            schema = target
        }
    }

    /// Whether values of `schema` are simple (strings, numbers, Booleans, enums, or compositions of them), so
    /// they can be sent as one parameter value.
    package func isSimpleValue(_ schema: Schema) -> Bool {
        var visited = Set<String>()
        func simple(_ schema: Schema) -> Bool {
            switch schema.kind {
            case .string, .integer, .number, .boolean, .enumeration: return true
            case .reference(let ref):
                guard visited.insert(ref.name).inserted else { return false }
                return componentSchemas[ref.name].map(simple) ?? false
            case .anyOf(let parts), .oneOf(let parts, _), .allOf(let parts): return parts.allSatisfy(simple)
            case .any, .array, .object: return false
            }
        }
        return simple(schema)
    }

    /// Names for types nested in `name`: never a component's name, which the nested type would shadow inside
    /// its parent (a nested `Region` referring to the component `Region` would refer to itself).
    /// The server side's types in each operation's namespace (`Operations.GetRun.Input`).
    package static let serverNamespaceMembers = ["Input", "Response"]

    package func nestedScope(in name: String) -> NameScope {
        NameScope(
            reserved: [name] + (reservedNames.contains("APIHandler") ? Self.serverNamespaceMembers : []),
            taken: takenTypeNames, parentName: SwiftNaming.unescaped(name))
    }

    // MARK: - Recursion

    /// Whether a value of `schema` stored inline in the current component would contain the component itself,
    /// which Swift cannot lay out: such a property is stored out of line (`@Indirect`), and such an enum is
    /// `indirect`. Arrays and dictionaries already store their elements out of line.
    package func isOnCycle(_ schema: Schema) -> Bool {
        guard let current = currentComponent else { return false }
        var seen = Set<String>()
        var queue = Array(byValueTargets(schema))
        while let next = queue.popLast() {
            if next == current { return true }
            guard seen.insert(next).inserted else { continue }
            queue += byValueEdges[next] ?? []
        }
        return false
    }

    /// The components a value of `schema` contains by value.
    package func byValueTargets(_ schema: Schema) -> Set<String> {
        switch schema.kind {
        case .reference(let ref): return [ref.name]
        case .object(let object): return object.properties.reduce(into: []) { $0.formUnion(byValueTargets($1.schema)) }
        case .anyOf(let parts), .allOf(let parts), .oneOf(let parts, _):
            return parts.reduce(into: []) { $0.formUnion(byValueTargets($1)) }
        case .any, .string, .integer, .number, .boolean, .enumeration, .array: return []
        }
    }

    package func isObjectLike(_ schema: Schema, depth: Int = 0) -> Bool {
        switch schema.kind {
        case .object(let object): return !object.properties.isEmpty || object.additionalProperties != .forbidden
        case .reference(let ref):
            return depth < 16 && (componentSchemas[ref.name].map { isObjectLike($0, depth: depth + 1) } ?? false)
        case .allOf, .anyOf: return true
        // A choice between objects (the oneOf beside an object's properties) merges into the object too.
        case .oneOf(let parts, _): return depth < 16 && parts.allSatisfy { isObjectLike($0, depth: depth + 1) }
        default: return false
        }
    }
}
