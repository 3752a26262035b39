import APIModel
import Diagnostics
import Foundation

/// Turns schemas into Swift type declarations (views) and type spellings.
///
/// Named schemas become top-level types named after their key, and so do the inline schemas of component
/// parameters, responses and request bodies (one type, however many operations refer to the component); other
/// inline enums, objects and compositions become types nested in the declaration that uses them, named after the
/// property (or parameter/response).
final class TypeBuilder {
    let document: APIDocument
    let diagnostics: any DiagnosticSink
    /// `components.schemas` key → Swift type name.
    private(set) var componentTypeNames: [String: String] = [:]
    /// `components.schemas` (and schemas of other files) by key, for lookups in constant time.
    private(set) var componentSchemas: [String: Schema] = [:]
    /// Inline schemas of `components.parameters`, `components.responses` and `components.requestBodies`: each is
    /// declared once, at the top level, named after its component, and every operation that refers to the component
    /// gets that one type (JSON pointer → Swift type name).
    private(set) var sharedTypeNames: [String: String] = [:]
    /// Those schemas in order of first use, with their names.
    private var sharedSchemas: [(name: String, schema: Schema)] = []
    /// The component whose declaration is being built (for cycle checks of its properties).
    private var currentComponent: String?
    /// Component → components it contains by value (not through arrays or dictionaries), computed once.
    private lazy var byValueEdges: [String: Set<String>] = componentSchemas.mapValues(byValueTargets)
    /// The naming pass: each inline schema that needs a declaration is named once per declaring scope, keyed by
    /// its JSON pointer, and every builder (client, models, fixtures) that spells it again gets the same type.
    private var declared: [String: SwiftType] = [:]
    /// The declarations being built, outermost first: the scope of inline types spelled now.
    private var scopePath: [String] = []
    /// The qualifier of the operation namespace being built (`Operations.GetThing.`), part of the scope.
    private var scopeRoot = ""
    /// Swift types the configuration chose instead of gen's.
    let overrides: TypeOverrides
    /// The type names generated code declares itself (the runtime's, and the server side's when generated).
    let reservedNames: Set<String>

    /// The qualified Swift name of the declaration being built.
    private var qualifiedName: String { scopeRoot + scopePath.joined(separator: ".") }

    /// The `format` of a string, integer or number schema.
    static func format(of schema: Schema) -> Format? {
        switch schema.kind {
        case .string(let format), .integer(let format), .number(let format): format
        default: nil
        }
    }

    init(
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

    /// The schemas `ClientBuilder` spells for an operation: its parameters', its request body's chosen media type's
    /// and each response's JSON schema.
    private static func schemasSpelled(by operation: APIModel.Operation) -> [Schema] {
        var schemas = operation.parameters.map(\.schema)
        if let body = operation.requestBody, let schema = ClientBuilder.bodyMedia(of: body)?.schema {
            schemas.append(schema)
        }
        return schemas + operation.responses.compactMap(ClientBuilder.jsonSchema(of:))
    }

    /// The type name, and the one tried when it is taken, when `pointer` is the schema of a component parameter
    /// (`#/components/parameters/direction/schema`: `Direction`, `DirectionParameter`), response
    /// (`#/components/responses/not_found/content/application~1json/schema`: `NotFoundBody`,
    /// `NotFoundResponseBody`) or request body (`…RequestBody`).
    static func sharedComponentNames(of pointer: String) -> (name: String, fallback: String)? {
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
    private func shareDeclaration(of schema: Schema, named name: String, fallback: String, in scope: inout NameScope) {
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
    func componentTypes() -> [ComponentDeclaration] {
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
    func declaration(named name: String, for schema: Schema, doc: [String]) -> DeclarationPlan {
        var doc = doc
        if doc.isEmpty, let title = schema.title { doc = DocComment.lines(title) }
        if schema.isDeprecated { doc = doc + (doc.isEmpty ? [] : ["///"]) + [DocComment.deprecated] }
        doc += Self.branchesNote(schema, after: doc)
        doc += DocComment.remark(schema.specPath, after: doc)
        return declaration(named: name, for: schema, exactDoc: doc)
    }

    /// What the `oneOf`/`anyOf` beside an object's properties asks of a value, which the struct cannot enforce:
    /// a note with a line per branch (nothing for other schemas), after `doc`.
    static func branchesNote(_ schema: Schema, after doc: [String]) -> [String] {
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
    private func declaration(named name: String, for schema: Schema, exactDoc doc: [String]) -> DeclarationPlan {
        scopePath.append(SwiftNaming.unescaped(name))
        defer { scopePath.removeLast() }
        let qualified = qualifiedName
        let kind: DeclarationPlan.Kind
        switch schema.kind {
        case .object(let object) where !object.properties.isEmpty:
            kind = structure(named: name, object)
        case .enumeration(let values):
            kind = .enumeration(enumeration(values))
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
    private func structure(named name: String, _ object: ObjectSchema) -> DeclarationPlan.Kind {
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
            let isOptional =
                !property.isRequired || isNullable(property.schema) || isReadOnly
                || Self.isWriteOnly(property.schema, in: componentSchemas)
            return MemberPlan(
                name: member, jsonName: property.name, base: base, isOptional: isOptional,
                isRequired: property.isRequired, isReadOnly: isReadOnly,
                isIndirect: isOnCycle(property.schema),
                format: Self.format(of: property.schema)?.rawValue, location: property.location,
                doc: memberDoc(property.schema))
        }
        return .structure(members, nested: nested)
    }

    /// A property's documentation: its description (or title), deprecation, direction and default.
    private func memberDoc(_ schema: Schema) -> [String] {
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
    private func composite(named name: String, parts: [Schema], isAllOf: Bool) -> CompositePlan {
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
            isParameterValue: parts.allSatisfy(isSimpleValue), nested: nested)
    }

    /// The properties of every part of an `allOf` merged into one object, when every part is an object.
    private func mergedObject(_ parts: [Schema]) -> ObjectSchema? {
        var properties: [Property] = []
        var visited = Set<String>()
        func collect(_ schema: Schema) -> Bool {
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
        return ObjectSchema(properties: properties)
    }

    // MARK: - Enums

    /// An open enum's cases, each named once.
    private func enumeration(_ values: EnumSchema) -> EnumerationPlan {
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
    /// cases too (the values to decode on are its keys), and each value selects one case: the mapping's first,
    /// then the implicit value (the schema's name) of an alternative the mapping does not name.
    private func oneOf(named name: String, parts: [Schema], discriminator: Discriminator?) -> OneOfPlan {
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
        var usedValues = Set<String>()
        for member in discriminator?.mapping ?? [] {
            guard case .string(let target) = member.value, let targetName = componentName(ofReference: target),
                usedValues.insert(member.key).inserted
            else { continue }
            valuesByTarget[targetName, default: []].append(member.key)
            if seenReferences.insert(targetName).inserted, let schema = componentSchemas[targetName] {
                alternatives.append(
                    Schema(
                        kind: .reference(SchemaReference(name: targetName, ref: target)),
                        location: schema.location, specPath: schema.specPath))
            }
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
                        ([ref.name]
                        + Self.discriminatorValues(
                            of: part, propertyName: discriminator.propertyName, in: componentSchemas))
                        .filter { usedValues.insert($0).inserted }
                }
            } else if let discriminator {
                // An inline alternative has no name to be selected by; the values its own discriminator property
                // allows (`type: {const: server_vad}`) select it.
                values = Self.discriminatorValues(of: part, propertyName: discriminator.propertyName)
                    .filter { usedValues.insert($0).inserted }
            }
            return OneOfCasePlan(name: caseName, type: type, discriminatorValues: values, location: part.location)
        }
        return OneOfPlan(
            cases: cases, discriminatorKey: discriminator?.propertyName,
            isIndirect: alternatives.contains(where: isOnCycle),
            isParameterValue: alternatives.allSatisfy(isSimpleValue), nested: nested)
    }

    /// The values an alternative's discriminator property allows: its `enum` or `const` (a reference is followed
    /// one step, in `schemas`).
    static func discriminatorValues(
        of alternative: Schema, propertyName: String, in schemas: [String: Schema] = [:]
    ) -> [String] {
        if case .reference(let ref) = alternative.kind, let target = schemas[ref.name] {
            return discriminatorValues(of: target, propertyName: propertyName)
        }
        guard case .object(let object) = alternative.kind,
            let property = object.properties.first(where: { $0.name == propertyName }),
            case .enumeration(let values) = property.schema.kind, values.rawType == .string
        else { return [] }
        return values.values.map(\.raw)
    }

    /// The component a discriminator mapping's target names: a `#/components/schemas/…` reference or a bare
    /// schema name (both are allowed by the specification).
    private func componentName(ofReference target: String) -> String? {
        let prefix = "#/components/schemas/"
        let name = target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
        return componentSchemas[name] == nil ? nil : name
    }

    // MARK: - Spelling types

    /// The Swift type for `schema` (never optional); inline types are declared once per scope and appended to
    /// `nested` the first time.
    func spell(
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
                spell(items, suggested: suggested + "Item", nested: &nested, scope: &scope, qualifier: qualifier))
        case .object(let object) where object.properties.isEmpty:
            if case .schema(let values) = object.additionalProperties {
                return .dictionary(
                    spell(
                        values, suggested: suggested + "Value", nested: &nested, scope: &scope,
                        qualifier: qualifier))
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

    /// Whether `null` is a value of `schema`, also when it refers to a nullable component (`parent: {$ref:
    /// nullable-team}`): such a property is optional in Swift even when required.
    func isNullable(_ schema: Schema) -> Bool {
        Self.isNullable(schema, in: componentSchemas)
    }

    static func isNullable(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isNullable, for: schema, in: components)
    }

    /// Whether `schema` or a schema it refers to is `readOnly` (DigitalOcean's `id: {$ref: ssh_key_id.yml}`).
    static func isReadOnly(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isReadOnly, for: schema, in: components)
    }

    /// Whether `schema` or a schema it refers to is `writeOnly`.
    static func isWriteOnly(_ schema: Schema, in components: [String: Schema]) -> Bool {
        holds(\.isWriteOnly, for: schema, in: components)
    }

    /// Whether `flag` holds for `schema` or for a schema its chain of references leads to.
    private static func holds(
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
    func isSimpleValue(_ schema: Schema) -> Bool {
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
    static let serverNamespaceMembers = ["Input", "Response"]

    func nestedScope(in name: String) -> NameScope {
        NameScope(
            reserved: [name] + (reservedNames.contains("APIHandler") ? Self.serverNamespaceMembers : []),
            taken: takenTypeNames, parentName: SwiftNaming.unescaped(name))
    }

    /// Component type names and the names generated code relies on, built once.
    private lazy var takenTypeNames: Set<String> =
        Set(componentTypeNames.values.map(SwiftNaming.unescaped)).union(
            sharedTypeNames.values.map(SwiftNaming.unescaped)
        )
        .union(reservedNames)

    // MARK: - Recursion

    /// Whether a value of `schema` stored inline in the current component would contain the component itself,
    /// which Swift cannot lay out: such a property is stored out of line (`@Indirect`), and such an enum is
    /// `indirect`. Arrays and dictionaries already store their elements out of line.
    private func isOnCycle(_ schema: Schema) -> Bool {
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
    private func byValueTargets(_ schema: Schema) -> Set<String> {
        switch schema.kind {
        case .reference(let ref): return [ref.name]
        case .object(let object): return object.properties.reduce(into: []) { $0.formUnion(byValueTargets($1.schema)) }
        case .anyOf(let parts), .allOf(let parts), .oneOf(let parts, _):
            return parts.reduce(into: []) { $0.formUnion(byValueTargets($1)) }
        case .any, .string, .integer, .number, .boolean, .enumeration, .array: return []
        }
    }

    private func isObjectLike(_ schema: Schema, depth: Int = 0) -> Bool {
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
