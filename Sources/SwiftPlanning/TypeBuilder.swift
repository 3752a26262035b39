package import APIModel
package import Diagnostics
import Foundation

/// Turns schemas into Swift type declarations (views) and type spellings.
///
/// Named schemas become top-level types named after their key, and so do the inline schemas of component
/// parameters, responses and request bodies (one type, however many operations refer to the component); other
/// inline enums, objects and compositions become types nested in the declaration that uses them, named after the
/// property (or parameter/response).
package final class TypeBuilder {
    package let document: APIDocument
    package let diagnostics: any DiagnosticSink
    /// `components.schemas` key → Swift type name.
    private(set) var componentTypeNames: [String: String] = [:]
    /// `components.schemas` (and schemas of other files) by key, for lookups in constant time.
    package private(set) var componentSchemas: [String: Schema] = [:]
    /// Inline schemas of `components.parameters`, `components.responses` and `components.requestBodies`: each is
    /// declared once, at the top level, named after its component, and every operation that refers to the component
    /// gets that one type (JSON pointer → Swift type name).
    private(set) var sharedTypeNames: [String: String] = [:]
    /// Those schemas in order of first use, with their names.
    package var sharedSchemas: [(name: String, schema: Schema)] = []
    /// The component whose declaration is being built (for cycle checks of its properties).
    package var currentComponent: String?
    /// Component → components it contains by value (not through arrays or dictionaries), computed once.
    package lazy var byValueEdges: [String: Set<String>] = componentSchemas.mapValues(byValueTargets)
    /// The naming pass: each inline schema that needs a declaration is named once per declaring scope, keyed by
    /// its JSON pointer, and every builder (client, models, fixtures) that spells it again gets the same type.
    package var declared: [String: SwiftType] = [:]
    /// The declarations being built, outermost first: the scope of inline types spelled now.
    package var scopePath: [String] = []
    /// The qualifier of the operation namespace being built (`Operations.GetThing.`), part of the scope.
    package var scopeRoot = ""
    /// Swift types the configuration chose instead of gen's.
    package let overrides: TypeOverrides
    /// The type names generated code declares itself (the runtime's, and the server side's when generated).
    package let reservedNames: Set<String>

    /// The qualified Swift name of the declaration being built.
    package var qualifiedName: String { scopeRoot + scopePath.joined(separator: ".") }

    /// The `format` of a string, integer or number schema.
    package static func format(of schema: Schema) -> Format? {
        switch schema.kind {
        case .string(let format), .integer(let format), .number(let format): format
        default: nil
        }
    }

    /// Component type names and the names generated code relies on, built once.
    package lazy var takenTypeNames: Set<String> =
        Set(componentTypeNames.values.map(SwiftNaming.unescaped)).union(
            sharedTypeNames.values.map(SwiftNaming.unescaped)
        )
        .union(reservedNames)

    package init(
        document: APIDocument, overrides: TypeOverrides = TypeOverrides(), reserved: Set<String> = [],
        diagnostics: any DiagnosticSink
    ) {
        self.document = document
        self.overrides = overrides
        self.diagnostics = diagnostics
        self.reservedNames = SwiftNaming.reservedTypeNames.union(reserved)
        var scope = NameScope(reserved: Array(reservedNames).sorted())
        for named in document.schemas {
            var candidate = SwiftNaming.typeName(named.name)
            if reservedNames.contains(SwiftNaming.unescaped(candidate)) {
                candidate = SwiftNaming.unescaped(candidate) + "Model"
            }
            componentTypeNames[named.name] = scope.claim(candidate, at: named.schema.location) { renamed, first in
                diagnostics.emit(
                    .typeNameCollision(
                        named.name, swiftName: candidate, renamed: renamed, at: named.schema.location, firstAt: first))
            }
            componentSchemas[named.name] = named.schema
        }
        for operation in document.operations {
            for schema in Self.schemasSpelled(by: operation) {
                guard let (name, fallback) = Self.sharedComponentNames(of: schema.specPath) else { continue }
                shareDeclaration(of: schema, named: name, fallback: fallback, in: &scope)
            }
        }
    }

    /// The schemas `OperationPlanner` spells for an operation: its parameters', its request body's chosen media type's
    /// and each response's JSON schema.
    package static func schemasSpelled(by operation: APIModel.Operation) -> [Schema] {
        var schemas = operation.parameters.map(\.schema)
        if let body = operation.requestBody, let schema = OperationPlanner.bodyMedia(of: body)?.schema {
            schemas.append(schema)
        }
        return schemas + operation.responses.compactMap(OperationPlanner.jsonSchema(of:))
    }

    /// The type name, and the one tried when it is taken, when `pointer` is the schema of a component parameter
    /// (`#/components/parameters/direction/schema`: `Direction`, `DirectionParameter`), response
    /// (`#/components/responses/not_found/content/application~1json/schema`: `NotFoundBody`,
    /// `NotFoundResponseBody`) or request body (`…RequestBody`).
    package static func sharedComponentNames(of pointer: String) -> (name: String, fallback: String)? {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false)
        guard tokens.count >= 5, tokens[0] == "#", tokens[1] == "components", tokens.last == "schema" else {
            return nil
        }
        let key = tokens[3].replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        let names: (String, String)
        switch tokens[2] {
        case "parameters" where tokens.count == 5: names = (key, key + " parameter")
        case "responses" where tokens.count == 7 && tokens[4] == "content":
            names = (key + " body", key + " response body")
        case "requestBodies" where tokens.count == 7 && tokens[4] == "content":
            names = (key + " body", key + " request body")
        default: return nil
        }
        return (
            SwiftNaming.unescaped(SwiftNaming.typeName(names.0)), SwiftNaming.unescaped(SwiftNaming.typeName(names.1))
        )
    }

    /// Names the declaration `schema` needs (for an array, its items') in the top-level scope, once per pointer.
    package func shareDeclaration(of schema: Schema, named name: String, fallback: String, in scope: inout NameScope) {
        switch schema.kind {
        case .array(let items):
            shareDeclaration(of: items, named: name + "Item", fallback: fallback + "Item", in: &scope)
        case .object(let object) where object.properties.isEmpty:
            if case .schema(let values) = object.additionalProperties {
                shareDeclaration(of: values, named: name + "Value", fallback: fallback + "Value", in: &scope)
            }
        case .object, .enumeration, .anyOf, .oneOf, .allOf:
            guard sharedTypeNames[schema.specPath] == nil else { return }
            // The scope reserves Swift's and the runtime's type names, so `isFree` also keeps clear of those.
            let candidate = scope.isFree(name) ? name : fallback
            let claimed = scope.claim(SwiftNaming.escapedIfNeeded(candidate)).name
            sharedTypeNames[schema.specPath] = claimed
            sharedSchemas.append((claimed, schema))
        case .any, .string, .integer, .number, .boolean, .reference:
            return
        }
    }

    // MARK: - Top-level declarations

    /// One declaration per named schema, in document order, then one per shared inline schema of a component.
    package func componentTypes() -> [ComponentDeclaration] {
        // A schema the configuration maps to a type of the user's is not declared.
        document.schemas.filter { overrides.schemas[$0.name] == nil }.map { named in
            currentComponent = named.name
            defer { currentComponent = nil }
            let name = componentTypeNames[named.name]!
            var doc = named.schema.description.map(DocComment.lines) ?? []
            if SwiftNaming.unescaped(name) != SwiftNaming.unescaped(SwiftNaming.typeName(named.name)) {
                doc += doc.isEmpty ? [] : ["///"]
                doc.append(
                    "/// Named `\(name)` because `\(SwiftNaming.typeName(named.name))` is taken by Swift or by other "
                        + "generated code.")
            }
            return ComponentDeclaration(name: name, plan: declaration(named: name, for: named.schema, doc: doc))
        }
            + sharedSchemas.map { name, schema in
                let doc = schema.description.map(DocComment.lines) ?? []
                return ComponentDeclaration(name: name, plan: declaration(named: name, for: schema, doc: doc))
            }
    }

    /// The declaration named `name` for `schema`, documented with `doc` (or the schema's title), its deprecation
    /// and its provenance.
    package func declaration(named name: String, for schema: Schema, doc: [String]) -> DeclarationPlan {
        var doc = doc
        if doc.isEmpty, let title = schema.title { doc = DocComment.lines(title) }
        if schema.isDeprecated { doc = doc + (doc.isEmpty ? [] : ["///"]) + [DocComment.deprecated] }
        doc += Self.branchesNote(schema, after: doc)
        doc += DocComment.remark(schema.specPath, after: doc)
        return declaration(named: name, for: schema, exactDoc: doc)
    }

    /// What the `oneOf`/`anyOf` beside an object's properties asks of a value, which the struct cannot enforce:
    /// a note with a line per branch (nothing for other schemas), after `doc`.
    package static func branchesNote(_ schema: Schema, after doc: [String]) -> [String] {
        guard case .object(let object) = schema.kind, !object.branches.isEmpty else { return [] }
        var lines =
            (doc.isEmpty ? [] : ["///"]) + [
                "/// - Note: The spec accepts a value that satisfies \(object.branchesAreExclusive ? "exactly one" : "at least one") of these (not checked here):"
            ]
        for branch in object.branches {
            var clauses: [String] = []
            for property in branch.properties {
                guard case .enumeration(let values) = property.schema.kind else { continue }
                let allowed = values.values.map { DocComment.code($0.raw) }.joined(separator: ", ")
                clauses.append(
                    DocComment.code(property.name) + (values.values.count == 1 ? " is " : " is one of ") + allowed)
            }
            if !branch.required.isEmpty {
                clauses.append(branch.required.map(DocComment.code).joined(separator: ", ") + " set")
            }
            lines.append("///   - " + (clauses.isEmpty ? "no further rule" : clauses.joined(separator: "; ")))
        }
        return lines
    }

    /// A struct, enum, oneOf enum or typealias named `name` for `schema`, documented with exactly `doc`.
    package func declaration(named name: String, for schema: Schema, exactDoc doc: [String]) -> DeclarationPlan {
        scopePath.append(SwiftNaming.unescaped(name))
        defer { scopePath.removeLast() }
        let qualified = qualifiedName
        let kind: DeclarationPlan.Kind
        switch schema.kind {
        case .object(let object) where !object.properties.isEmpty:
            kind = structure(named: name, object)
        case .enumeration(let values):
            kind = .enumeration(enumeration(values))
        case .reference where !schema.constraints.required.isEmpty && requiresNullMember(schema):
            // `allOf: [$ref: Record, {required: [priority]}]` with `priority` nullable: a struct of its own, which
            // sends `null` where the referenced one leaves the member out.
            kind = structure(named: name, mergedObject([schema])!)
        case .allOf(let parts):
            if let merged = mergedObject(parts) {
                kind = structure(named: name, merged)
            } else {
                kind = .composite(composite(named: name, parts: parts, isAllOf: true))
            }
        case .anyOf(let parts):
            kind = .composite(composite(named: name, parts: parts, isAllOf: false))
        case .oneOf(let parts, let discriminator):
            kind = .oneOf(oneOf(named: name, parts: parts, discriminator: discriminator))
        default:
            // A typealias cannot hold nested types: its inline types are declared beside it, in the outer scope.
            scopePath.removeLast()
            defer { scopePath.append(SwiftNaming.unescaped(name)) }
            var siblings: [DeclarationPlan] = []
            var scope = NameScope(taken: takenTypeNames)
            let type = spell(schema, suggested: SwiftNaming.unescaped(name) + "Item", nested: &siblings, scope: &scope)
            kind = .alias(type, siblings: siblings)
        }
        return DeclarationPlan(
            name: name, qualifiedName: qualified, doc: doc, pointer: schema.specPath, location: schema.location,
            kind: kind)
    }

    // MARK: - Structs

    /// A struct with a stored property per property of `object`.
    package func structure(named name: String, _ object: ObjectSchema) -> DeclarationPlan.Kind {
        var nested: [DeclarationPlan] = []
        var typeScope = nestedScope(in: name)
        var memberScope = NameScope(reserved: ["init", "encode", "CodingKeys"])
        let members = object.properties.map { property -> MemberPlan in
            var candidate = SwiftNaming.memberName(property.name)
            // A stored property named `self` would shadow `self` in the initializer.
            if SwiftNaming.unescaped(candidate) == "self" { candidate = "selfValue" }
            let member = memberScope.claim(candidate, at: property.location) { renamed, first in
                diagnostics.emit(
                    .memberNameCollision(
                        property.name, swiftName: candidate, renamed: renamed, at: property.location, firstAt: first))
            }
            let base = spell(
                property.schema, suggested: SwiftNaming.typeName(property.name), nested: &nested, scope: &typeScope)
            // A read-only property is absent from requests and a write-only one from responses, so "required"
            // holds in one direction only; Swift gets an optional so both directions decode and encode.
            let isReadOnly = Self.isReadOnly(property.schema, in: componentSchemas)
            let isNullable = isNullable(property.schema)
            let isOptional =
                !property.isRequired || isNullable || isReadOnly
                || Self.isWriteOnly(property.schema, in: componentSchemas)
            return MemberPlan(
                name: member, jsonName: property.name, base: base, isOptional: isOptional,
                isRequired: property.isRequired, isReadOnly: isReadOnly, encodesNull: property.isRequired && isNullable,
                allowedValues: stringEnumValues(property.schema), isIndirect: isOnCycle(property.schema),
                format: Self.format(of: property.schema)?.rawValue, location: property.location,
                doc: memberDoc(property.schema))
        }
        return .structure(members, nested: nested)
    }

    /// The values of `schema` when it is an enumeration of strings, through references; else none.
    package func stringEnumValues(_ schema: Schema) -> [String] {
        var schema = schema
        var visited = Set<String>()
        while case .reference(let ref) = schema.kind, visited.insert(ref.name).inserted,
            let target = componentSchemas[ref.name]
        {
            schema = target
        }
        guard case .enumeration(let values) = schema.kind, values.rawType == .string else { return [] }
        return values.values.map(\.raw)
    }

    /// A property's documentation: its description (or title), deprecation, direction and default.
    package func memberDoc(_ schema: Schema) -> [String] {
        var doc = schema.description.map(DocComment.lines) ?? []
        if doc.isEmpty, let title = schema.title { doc = DocComment.lines(title) }
        func note(_ line: String) { doc += (doc.isEmpty ? [] : ["///"]) + [line] }
        if schema.isDeprecated { note(DocComment.deprecated) }
        if Self.isReadOnly(schema, in: componentSchemas) {
            note("/// - Note: Read-only: set by the server, not sent in requests.")
        }
        if Self.isWriteOnly(schema, in: componentSchemas) {
            note("/// - Note: Write-only: sent in requests, never returned.")
        }
        if let value = schema.defaultValue {
            note(
                "/// - Note: Default: \(DocComment.code(JSONText.compact(value))) (the server's value when left out).")
        }
        return doc
    }

    /// A struct with a stored property per part of an `allOf` or `anyOf`.
    package func composite(named name: String, parts: [Schema], isAllOf: Bool) -> CompositePlan {
        var nested: [DeclarationPlan] = []
        var typeScope = nestedScope(in: name)
        var memberScope = NameScope(reserved: ["init", "encode"])
        var allObjects = true
        let members = parts.enumerated().map { index, part -> CompositePartPlan in
            let type = spell(part, suggested: "Value\(index + 1)", nested: &nested, scope: &typeScope)
            let member = memberScope.claim(SwiftNaming.memberName(type.nameWords)).name
            allObjects = allObjects && isObjectLike(part)
            var doc = part.description.map(DocComment.lines) ?? []
            if doc.isEmpty, case .reference(let ref) = part.kind {
                doc = componentSchemas[ref.name]?.description.map(DocComment.lines) ?? []
            }
            return CompositePartPlan(
                name: member, type: type, isIndirect: isOnCycle(part), format: Self.format(of: part)?.rawValue,
                location: part.location, doc: doc)
        }
        // Only a composite of simple values can be a parameter; its value is the first part present.
        return CompositePlan(
            isAllOf: isAllOf, parts: members, encodesAllParts: allObjects,
            mergesMembers: !isAllOf
                && (allObjects ? sharesStructuredMember(parts) : parts.count(where: { !isSimpleValue($0) }) > 1),
            isParameterValue: parts.allSatisfy(isSimpleValue), nested: nested)
    }

    /// Whether two of `parts` declare a member of one name whose schema is not a simple value (or a part's members
    /// cannot be told).
    func sharesStructuredMember(_ parts: [Schema]) -> Bool {
        var seen: Set<String> = []
        for part in parts {
            guard let object = mergedObject([part]) else { return true }
            for property in object.properties where !isSimpleValue(property.schema) {
                if !seen.insert(property.name).inserted { return true }
            }
        }
        return false
    }

    /// Whether `schema` requires a member that may be `null` and that the object it refers to does not require.
    func requiresNullMember(_ schema: Schema) -> Bool {
        guard case .reference(let ref) = schema.kind, let target = componentSchemas[ref.name],
            let object = mergedObject([target])
        else { return false }
        return object.properties.contains { property in
            !property.isRequired && schema.constraints.required.contains(property.name)
                && isNullable(property.schema)
        }
    }

    /// The properties of every part of an `allOf` merged into one object, when every part is an object.
    package func mergedObject(_ parts: [Schema]) -> ObjectSchema? {
        var properties: [Property] = []
        var visited = Set<String>()
        // Names a part requires that another part declares (`allOf: [$ref: record, {required: [priority]}]`).
        var requiredElsewhere: Set<String> = []
        func collect(_ schema: Schema) -> Bool {
            requiredElsewhere.formUnion(schema.constraints.required)
            switch schema.kind {
            case .object(let object):
                for property in object.properties {
                    if let index = properties.firstIndex(where: { $0.name == property.name }) {
                        properties[index].isRequired = properties[index].isRequired || property.isRequired
                    } else {
                        properties.append(property)
                    }
                }
                return true
            case .reference(let ref):
                guard visited.insert(ref.name).inserted, let target = componentSchemas[ref.name] else { return false }
                return collect(target)
            case .allOf(let inner):
                return inner.allSatisfy(collect)
            default:
                return false
            }
        }
        guard parts.allSatisfy(collect), !properties.isEmpty else { return nil }
        // A member that may be `null` and is required there is sent as `null` rather than left out (its Swift
        // type is optional either way; the others keep the optionality their own part gives them).
        for index in properties.indices
        where requiredElsewhere.contains(properties[index].name) && isNullable(properties[index].schema) {
            properties[index].isRequired = true
        }
        return ObjectSchema(properties: properties)
    }

}
