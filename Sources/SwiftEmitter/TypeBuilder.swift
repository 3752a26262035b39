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
    /// How many spelled types of declarations needed Foundation so far: a file imports Foundation publicly when
    /// building one of its declarations moved this count.
    private(set) var foundationUses = 0

    /// `Equatable`, or `Hashable` with `EmitOptions.hashable`: what the models conform to besides `Codable` and
    /// `Sendable`.
    var equality = "Equatable"

    /// Swift types the configuration chose instead of gen's.
    let overrides: TypeOverrides

    /// Whether each declaration is also recorded as a `SurfaceType` (for `gen diff`).
    var recordsSurface = false
    /// The declarations built so far, when `recordsSurface`.
    private(set) var surfaceTypes: [SurfaceType] = []

    /// The qualified Swift name of the declaration being built.
    private var qualifiedName: String { scopeRoot + scopePath.joined(separator: ".") }

    private func record(_ kind: @autoclosure () -> SurfaceType.Kind, name: String, schema: Schema) {
        record(SurfaceType(name: name, pointer: schema.specPath, location: schema.location, kind: kind()))
    }

    /// Records a declaration made outside this builder (an operation's typed headers).
    func record(_ type: @autoclosure () -> SurfaceType) {
        if recordsSurface { surfaceTypes.append(type()) }
    }

    /// The `format` of a string, integer or number schema.
    static func format(of schema: Schema) -> Format? {
        switch schema.kind {
        case .string(let format), .integer(let format), .number(let format): format
        default: nil
        }
    }

    init(document: APIDocument, overrides: TypeOverrides = TypeOverrides(), diagnostics: any DiagnosticSink) {
        self.document = document
        self.overrides = overrides
        self.diagnostics = diagnostics
        var scope = NameScope(reserved: Array(SwiftNaming.reservedTypeNames))
        var firstUse: [String: SourceLocation] = [:]
        for named in document.schemas {
            var candidate = SwiftNaming.typeName(named.name)
            if SwiftNaming.reservedTypeNames.contains(SwiftNaming.unescaped(candidate)) {
                candidate = SwiftNaming.unescaped(candidate) + "Model"
            }
            let (name, collided) = scope.claim(candidate)
            if collided, let first = firstUse[SwiftNaming.unescaped(candidate)] {
                diagnostics.emit(
                    .typeNameCollision(
                        named.name, swiftName: candidate, renamed: name,
                        at: named.schema.location, firstAt: first))
            }
            firstUse[SwiftNaming.unescaped(candidate)] =
                firstUse[SwiftNaming.unescaped(candidate)] ?? named.schema.location
            componentTypeNames[named.name] = name
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

    /// One declaration per named schema, in document order.
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
                    "/// Named `\(name)` because `\(SwiftNaming.typeName(named.name))` is taken by Swift or by other generated code."
                )
            }
            return topLevelDeclaration(named: name, for: named.schema, doc: doc)
        }
            + sharedSchemas.map { name, schema in
                topLevelDeclaration(named: name, for: schema, doc: schema.description.map(DocComment.lines) ?? [])
            }
    }

    /// `declaration(named:for:doc:)` for a file of the models, noting whether it spelled a Foundation type.
    private func topLevelDeclaration(named name: String, for schema: Schema, doc: [String]) -> ComponentDeclaration {
        let uses = foundationUses
        let views = declaration(named: name, for: schema, doc: doc)
        return ComponentDeclaration(name: name, views: views, usesFoundation: foundationUses > uses)
    }

    /// A declaration named `name` for `schema`: struct, enum, oneOf enum or typealias (the last followed by the
    /// inline types its target needs, since a typealias cannot hold nested types).
    func declaration(named name: String, for schema: Schema, doc: [String]) -> [TypeView] {
        var doc = doc
        if doc.isEmpty, let title = schema.title { doc = DocComment.lines(title) }
        if schema.isDeprecated { doc = doc + (doc.isEmpty ? [] : ["///"]) + [DocComment.deprecated] }
        doc += DocComment.remark(schema.specPath, after: doc)
        let attributes: [String] = []
        scopePath.append(SwiftNaming.unescaped(name))
        defer { scopePath.removeLast() }
        let qualified = qualifiedName
        switch schema.kind {
        case .object(let object) where !object.properties.isEmpty:
            return [
                TypeView(structView: [
                    objectStruct(name: name, schema: schema, object: object, doc: doc, attributes: attributes)
                ])
            ]
        case .enumeration(let values):
            return [
                TypeView(enumView: [
                    enumeration(name: name, schema: schema, values: values, doc: doc, attributes: attributes)
                ])
            ]
        case .allOf(let parts):
            if let merged = mergedObject(parts) {
                return [
                    TypeView(structView: [
                        objectStruct(name: name, schema: schema, object: merged, doc: doc, attributes: attributes)
                    ])
                ]
            }
            return [
                TypeView(structView: [
                    composite(name: name, schema: schema, parts: parts, isAllOf: true, doc: doc, attributes: attributes)
                ])
            ]
        case .anyOf(let parts):
            return [
                TypeView(structView: [
                    composite(
                        name: name, schema: schema, parts: parts, isAllOf: false, doc: doc, attributes: attributes)
                ])
            ]
        case .oneOf(let parts, let discriminator):
            return [
                TypeView(oneOfView: [
                    oneOf(
                        name: name, schema: schema, parts: parts, discriminator: discriminator, doc: doc,
                        attributes: attributes)
                ])
            ]
        default:
            // A typealias cannot hold nested types: its inline types are declared beside it, in the outer scope.
            scopePath.removeLast()
            defer { scopePath.append(SwiftNaming.unescaped(name)) }
            var siblings: [TypeView] = []
            var scope = NameScope(taken: takenTypeNames)
            let type = spell(schema, suggested: SwiftNaming.unescaped(name) + "Item", nested: &siblings, scope: &scope)
            noteModelUse(type)
            record(.alias(type), name: qualified, schema: schema)
            return [TypeView(aliasView: [AliasView(doc: doc, attributes: attributes, name: name, type: type.spelling)])]
                + siblings
        }
    }

    // MARK: - Structs

    private func objectStruct(
        name: String, schema: Schema, object: ObjectSchema, doc: [String], attributes: [String]
    ) -> StructView {
        var nested: [TypeView] = []
        var typeScope = nestedScope(in: name)
        var memberScope = NameScope(reserved: ["init", "encode", "CodingKeys"])
        var firstUse: [String: SourceLocation] = [:]
        var properties: [PropertyView] = []
        var initParameters: [String] = []
        var decodeLines: [String] = []
        var encodeLines: [String] = []
        var surface: [SurfaceProperty] = []
        for property in object.properties {
            var candidate = SwiftNaming.memberName(property.name)
            // A stored property named `self` would shadow `self` in the initializer.
            if SwiftNaming.unescaped(candidate) == "self" { candidate = "selfValue" }
            let (member, collided) = memberScope.claim(candidate)
            if collided, let first = firstUse[SwiftNaming.unescaped(candidate)] {
                diagnostics.emit(
                    .memberNameCollision(
                        property.name, swiftName: candidate, renamed: member,
                        at: property.location, firstAt: first))
            }
            firstUse[SwiftNaming.unescaped(candidate)] = firstUse[SwiftNaming.unescaped(candidate)] ?? property.location
            let base = spell(
                property.schema, suggested: SwiftNaming.typeName(property.name), nested: &nested,
                scope: &typeScope)
            // A read-only property is absent from requests and a write-only one from responses, so "required"
            // holds in one direction only; Swift gets an optional so both directions decode and encode.
            let isOptional =
                !property.isRequired || isNullable(property.schema) || property.schema.isReadOnly
                || property.schema.isWriteOnly
            let type = isOptional ? base.optional : base
            noteModelUse(type)
            let isIndirect = isOnCycle(property.schema)
            var propertyDoc = property.schema.description.map(DocComment.lines) ?? []
            if propertyDoc.isEmpty, let title = property.schema.title { propertyDoc = DocComment.lines(title) }
            if property.schema.isDeprecated {
                propertyDoc += (propertyDoc.isEmpty ? [] : ["///"]) + [DocComment.deprecated]
            }
            if property.schema.isReadOnly {
                propertyDoc +=
                    (propertyDoc.isEmpty ? [] : ["///"]) + [
                        "/// - Note: Read-only: set by the server, not sent in requests."
                    ]
            }
            if property.schema.isWriteOnly {
                propertyDoc +=
                    (propertyDoc.isEmpty ? [] : ["///"]) + ["/// - Note: Write-only: sent in requests, never returned."]
            }
            if let value = property.schema.defaultValue {
                propertyDoc +=
                    (propertyDoc.isEmpty ? [] : ["///"]) + [
                        "/// - Note: Default: \(DocComment.code(JSONText.compact(value))) (the server's value when left out)."
                    ]
            }
            properties.append(
                PropertyView(
                    doc: propertyDoc,
                    attributes: isIndirect ? ["@Indirect"] : [],
                    name: member,
                    type: type.spelling + (isIndirect && isOptional ? " = nil" : "")
                ))
            initParameters.append("\(member): \(type.spelling)\(isOptional ? " = nil" : "")")
            if recordsSurface {
                surface.append(
                    SurfaceProperty(
                        name: SwiftNaming.unescaped(member), jsonName: property.name, type: type,
                        isRequired: property.isRequired, format: Self.format(of: property.schema)?.rawValue,
                        location: property.location))
            }
            // Spelled out with one shared key type: a `CodingKeys` enum per model, and the conformances the
            // compiler would synthesize from it, cost about a third of the models' compile time.
            let key = SwiftLiteral.string(property.name)
            // Dates are RFC 3339 text whatever the coder's date strategy, through methods of their own name: an
            // overload of `decode(_:forKey:)` would change how every type in the module codes dates.
            let coding =
                base.dateShape == nil
                ? (decode: "decode", encode: "encode") : (decode: "decodeRFC3339", encode: "encodeRFC3339")
            decodeLines.append(
                isOptional
                    ? "self.\(member) = try container.\(coding.decode)IfPresent(\(base.spelling).self, forKey: \(key))"
                    : "self.\(member) = try container.\(coding.decode)(\(base.spelling).self, forKey: \(key))")
            encodeLines.append(
                isOptional
                    ? "try container.\(coding.encode)IfPresent(self.\(member), forKey: \(key))"
                    : "try container.\(coding.encode)(self.\(member), forKey: \(key))")
        }
        record(.structure(surface), name: qualifiedName, schema: schema)
        return StructView(
            doc: doc, attributes: attributes, name: name, conformances: "Codable, \(equality), Sendable",
            properties: properties,
            initParameters: commaSeparated(initParameters), decodeLines: decodeLines, encodeLines: encodeLines,
            hasCoding: !decodeLines.isEmpty,
            composite: [], nested: nested)
    }

    private func composite(
        name: String, schema: Schema, parts: [Schema], isAllOf: Bool, doc: [String], attributes: [String]
    ) -> StructView {
        var nested: [TypeView] = []
        var typeScope = nestedScope(in: name)
        var memberScope = NameScope(reserved: ["init", "encode"])
        var views: [CompositePartView] = []
        var properties: [PropertyView] = []
        var initParameters: [String] = []
        var allObjects = true
        var surface: [SurfaceProperty] = []
        for (index, part) in parts.enumerated() {
            let type = spell(part, suggested: "Value\(index + 1)", nested: &nested, scope: &typeScope)
            let member = memberScope.claim(SwiftNaming.memberName(type.nameWords)).name
            allObjects = allObjects && isObjectLike(part)
            views.append(CompositePartView(name: member, type: type.spelling, isLast: index == parts.count - 1))
            let propertyType = isAllOf ? type : type.optional
            noteModelUse(propertyType)
            let isIndirect = isOnCycle(part)
            var partDoc = part.description.map(DocComment.lines) ?? []
            if partDoc.isEmpty, case .reference(let ref) = part.kind {
                partDoc = componentSchemas[ref.name]?.description.map(DocComment.lines) ?? []
            }
            properties.append(
                PropertyView(
                    doc: partDoc, attributes: isIndirect ? ["@Indirect"] : [], name: member,
                    type: propertyType.spelling + (isIndirect && !isAllOf ? " = nil" : "")))
            initParameters.append("\(member): \(propertyType.spelling)\(isAllOf ? "" : " = nil")")
            if recordsSurface {
                surface.append(
                    SurfaceProperty(
                        name: SwiftNaming.unescaped(member), jsonName: type.nameWords,
                        type: propertyType, isRequired: isAllOf, format: Self.format(of: part)?.rawValue,
                        location: part.location))
            }
        }
        // Only a composite of simple values can be a parameter; its value is the first part present.
        let isParameterValue = parts.allSatisfy(isSimpleValue)
        let compositeView = CompositeView(
            parts: views,
            isAllOf: isAllOf,
            partList: views.map(\.type).joined(separator: ", "),
            encodesAllParts: allObjects,
            noneMatchedCondition: views.map { "\($0.name) == nil" }.joined(separator: " && "),
            encodeLines: encodeLines(views, isAllOf: isAllOf, allObjects: allObjects),
            parameterLines: !isParameterValue
                ? []
                : isAllOf
                    ? ["\(views[0].name).parameterValue"]
                    : views.map { "if let \($0.name) { return \($0.name).parameterValue }" } + ["return \"\""],
            isParameterValue: isParameterValue
        )
        record(.structure(surface), name: qualifiedName, schema: schema)
        return StructView(
            doc: doc, attributes: attributes, name: name,
            conformances: "Codable, \(equality), Sendable" + (isParameterValue ? ", ParameterValue" : ""),
            properties: properties,
            initParameters: commaSeparated(initParameters), decodeLines: [], encodeLines: [], hasCoding: false,
            composite: [compositeView],
            nested: nested)
    }

    /// Objects merge into one JSON object, so every part present is encoded; any other value can only be
    /// written once, so the first part present is.
    private func encodeLines(_ parts: [CompositePartView], isAllOf: Bool, allObjects: Bool) -> [String] {
        if allObjects {
            return parts.map {
                isAllOf
                    ? "try encodeValue(\($0.name), to: encoder)"
                    : "if let \($0.name) { try encodeValue(\($0.name), to: encoder) }"
            }
        }
        if isAllOf, let first = parts.first { return ["try encodeValue(\(first.name), to: encoder)"] }
        return parts.map { "if let \($0.name) { return try encodeValue(\($0.name), to: encoder) }" }
            + ["var container = encoder.singleValueContainer()", "try container.encodeNil()"]
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

    private func enumeration(
        name: String, schema: Schema, values: EnumSchema, doc: [String], attributes: [String]
    ) -> EnumView {
        var scope = NameScope(reserved: ["unknown", "allCases", "rawValue", "init"])
        var firstUse: [String: SourceLocation] = [:]
        let cases = values.values.map { value -> EnumCaseView in
            var candidate = value.raw.isEmpty ? "empty" : SwiftNaming.memberName(value.raw)
            if values.rawType == .integer, let int = Int(value.raw) {
                candidate = int < 0 ? "_minus\(-int)" : "_\(int)"
            }
            if candidate == "_unnamed" { candidate = "value" }
            let (caseName, collided) = scope.claim(candidate)
            if collided, let first = firstUse[SwiftNaming.unescaped(candidate)] {
                diagnostics.emit(
                    .enumCaseCollision(
                        value.raw, swiftName: candidate, renamed: caseName,
                        at: value.location, firstAt: first))
            }
            firstUse[SwiftNaming.unescaped(candidate)] = firstUse[SwiftNaming.unescaped(candidate)] ?? value.location
            let literal = values.rawType == .integer ? value.raw : SwiftLiteral.string(value.raw)
            return EnumCaseView(doc: [], name: caseName, literal: literal)
        }
        record(
            .enumeration(
                rawType: values.rawType == .integer ? .int : .string,
                cases: zip(cases, values.values).map {
                    SurfaceEnumCase(name: SwiftNaming.unescaped($0.name), raw: $1.raw, location: $1.location)
                }), name: qualifiedName, schema: schema)
        return EnumView(
            doc: doc, attributes: attributes, name: name,
            rawType: values.rawType == .integer ? "Int" : "String", cases: cases,
            allCasesList: cases.map { "." + $0.name }.joined(separator: ", "))
    }

    // MARK: - oneOf

    private func oneOf(
        name: String, schema: Schema, parts: [Schema], discriminator: Discriminator?, doc: [String],
        attributes: [String]
    ) -> OneOfView {
        var nested: [TypeView] = []
        var typeScope = nestedScope(in: name)
        var caseScope = NameScope()
        // An alternative listed twice is one case; with a discriminator, the mapping's targets are cases too
        // (the values to decode on are its keys), and each value selects one case: the mapping's first, then the
        // implicit value (the schema's name) of an alternative the mapping does not name.
        var alternatives: [Schema] = []
        var seenReferences = Set<String>()
        for part in parts {
            if case .reference(let ref) = part.kind, !seenReferences.insert(ref.name).inserted { continue }
            alternatives.append(part)
        }
        var valuesByTarget: [String: [String]] = [:]
        var usedValues = Set<String>()
        if let discriminator {
            for member in discriminator.mapping {
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
        }
        var cases: [OneOfCaseView] = []
        var surface: [SurfaceAlternative] = []
        var isParameterValue = true
        for (index, part) in alternatives.enumerated() {
            let type = spell(part, suggested: "Value\(index + 1)", nested: &nested, scope: &typeScope)
            noteModelUse(type)
            isParameterValue = isParameterValue && isSimpleValue(part)
            let caseName = caseScope.claim(SwiftNaming.memberName(type.nameWords)).name
            var values: [String] = []
            if discriminator != nil, case .reference(let ref) = part.kind {
                values = valuesByTarget[ref.name] ?? []
                if values.isEmpty, usedValues.insert(ref.name).inserted { values = [ref.name] }
            }
            if recordsSurface {
                surface.append(
                    SurfaceAlternative(
                        name: SwiftNaming.unescaped(caseName), type: type,
                        discriminatorValues: values, location: part.location))
            }
            cases.append(
                OneOfCaseView(
                    name: caseName, type: type.spelling,
                    discriminatorValues: values.isEmpty ? [] : [values.map(SwiftLiteral.string).joined(separator: ", ")]
                ))
        }
        record(.oneOf(surface), name: qualifiedName, schema: schema)
        let isIndirect = alternatives.contains(where: isOnCycle)
        return OneOfView(
            doc: doc, attributes: attributes, indirectKeyword: isIndirect ? "indirect " : "", name: name,
            conformances: "Codable, \(equality), Sendable" + (isParameterValue ? ", ParameterValue" : ""),
            isParameterValue: isParameterValue, cases: cases,
            discriminatorKey: discriminator.map { [SwiftLiteral.string($0.propertyName)] } ?? [],
            caseList: cases.map(\.type).joined(separator: ", "), nested: nested)
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
        _ schema: Schema, suggested: String, nested: inout [TypeView], scope: inout NameScope, qualifier: String = ""
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
            var doc = schema.description.map(DocComment.lines) ?? []
            doc += DocComment.remark(schema.specPath, after: doc)
            var inline = schema
            inline.description = nil
            inline.title = nil
            var views = declaration(named: name, for: inline, doc: [])
            views[0].setDoc(doc)
            nested += views
            return type
        }
    }

    /// Whether `null` is a value of `schema`, also when it refers to a nullable component (`parent: {$ref:
    /// nullable-team}`): such a property is optional in Swift even when required.
    func isNullable(_ schema: Schema) -> Bool {
        Self.isNullable(schema, in: componentSchemas)
    }

    static func isNullable(_ schema: Schema, in components: [String: Schema]) -> Bool {
        var schema = schema
        var seen = Set<String>()
        while true {
            if schema.isNullable { return true }
            guard case .reference(let ref) = schema.kind, seen.insert(ref.name).inserted,
                let target = components[ref.name]
            else {
                return false
            }
            schema = target
        }
    }

    /// Records a type spelled in a declaration of the models (Models+X.swift, Operations+X.swift).
    func noteModelUse(_ type: SwiftType) {
        if type.needsFoundation { foundationUses += 1 }
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
    func nestedScope(in name: String) -> NameScope {
        NameScope(reserved: [name], taken: takenTypeNames, parentName: SwiftNaming.unescaped(name))
    }

    /// Component type names and the names generated code relies on, built once.
    private lazy var takenTypeNames: Set<String> =
        Set(componentTypeNames.values.map(SwiftNaming.unescaped)).union(
            sharedTypeNames.values.map(SwiftNaming.unescaped)
        )
        .union(SwiftNaming.reservedTypeNames)

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

    private func isObjectLike(_ schema: Schema) -> Bool {
        switch schema.kind {
        case .object(let object): return !object.properties.isEmpty || object.additionalProperties != .forbidden
        case .reference(let ref): return componentSchemas[ref.name].map(isObjectLike) ?? false
        case .allOf, .anyOf: return true
        default: return false
        }
    }

    private func commaSeparated(_ lines: [String]) -> [String] {
        lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "," }
    }
}

/// The declarations of one component schema (a typealias is followed by the inline types it needs).
struct ComponentDeclaration {
    /// The Swift name, which decides the file (`FileLayout`).
    var name: String
    var views: [TypeView]
    /// Whether a declaration spells a Foundation type, so its file imports Foundation publicly.
    var usesFoundation: Bool
}

extension TypeView {
    mutating func setDoc(_ doc: [String]) {
        for index in structView.indices { structView[index].doc = doc }
        for index in enumView.indices { enumView[index].doc = doc }
        for index in oneOfView.indices { oneOfView[index].doc = doc }
        for index in aliasView.indices { aliasView[index].doc = doc }
        for index in headersView.indices { headersView[index].doc = doc }
        for index in outputView.indices { outputView[index].doc = doc }
    }
}
