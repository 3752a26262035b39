internal import Mustache
import SwiftPlanning

/// Prints declaration plans: the views the templates print, made from `DeclarationPlan`s in one pass, with the
/// declarations nested in each rendered first and handed to it as lines.
///
/// Mustache can indent a partial called on an indented line, but swift-mustache 2.1 indents only the first
/// iteration of a section inside such a partial; so no partial is ever called on an indented line: nested
/// declarations are rendered at column 0 and printed line by line by an indented section.
struct DeclarationRenderer {
    let library: MustacheLibrary
    /// The access level every declaration is printed with.
    let access: String
    /// `Equatable` or `Hashable`, for the declarations whose conformances the templates spell.
    let equality: String

    /// The views of `plan`: one, or for a typealias the alias and the inline types declared beside it.
    func views(_ plan: DeclarationPlan) -> [TypeView] {
        switch plan.kind {
        case .structure(let members, let nested):
            return [view(.structure(structView(plan, members: members, nested: nested)))]
        case .composite(let composite):
            return [view(.structure(compositeView(plan, composite)))]
        case .enumeration(let enumeration):
            return [view(.enumeration(enumView(plan, enumeration)))]
        case .oneOf(let oneOf):
            return [view(.oneOf(oneOfView(plan, oneOf)))]
        case .alias(let target, let siblings):
            let alias = AliasView(doc: plan.doc, attributes: [], name: plan.name, type: target.spelling)
            return [view(.alias(alias))] + siblings.flatMap(views)
        case .headers(let members):
            let properties = members.enumerated().map { index, member in
                HeaderPropertyView(
                    doc: member.doc, name: member.name, type: member.type.optional.spelling, read: member.read,
                    headerName: SwiftLiteral.string(member.headerName), write: member.write,
                    separator: index + 1 < members.count ? ", " : "")
            }
            return [view(.headers(HeadersView(doc: plan.doc, name: plan.name, properties: properties)))]
        case .output(let cases):
            let cases = cases.map { outputCase in
                OutputCaseView(
                    doc: outputCase.doc,
                    declaration: outputCase.payload.map { "\(outputCase.name)(\($0.spelling))" } ?? outputCase.name)
            }
            return [view(.output(OutputView(doc: plan.doc, name: plan.name, cases: cases)))]
        }
    }

    /// The lines of `plans`' declarations, each preceded by a blank line; the template indents every line.
    func lines(_ plans: [DeclarationPlan]) -> [String] {
        declarationLines(plans.flatMap(views).map { library.render($0, withTemplate: "partials/type") ?? "" })
    }

    /// The lines of each rendered declaration, preceded by a blank line; the template indents every line.
    func declarationLines(_ declarations: [String]) -> [String] {
        var lines: [String] = []
        for text in declarations {
            lines.append("")
            lines += TextLines.trimmedLines(text)
        }
        return lines
    }

    /// The view of one namespace of operation types.
    func namespaceView(_ namespace: NamespacePlan) -> NamespaceView {
        NamespaceView(
            doc: namespace.doc, access: access, name: namespace.name, typeLines: lines(namespace.declarations))
    }

    private func view(_ declaration: TypeView.Declaration) -> TypeView {
        TypeView(declaration: declaration, access: access, equality: equality)
    }

    // MARK: - Structs

    private func structView(_ plan: DeclarationPlan, members: [MemberPlan], nested: [DeclarationPlan]) -> StructView {
        var decodeLines: [String] = []
        var encodeLines: [String] = []
        for member in members {
            // Spelled out with one shared key type: a `CodingKeys` enum per model, and the conformances the
            // compiler would synthesize from it, cost about a third of the models' compile time.
            let key = SwiftLiteral.string(member.jsonName)
            // Dates are RFC 3339 text whatever the coder's date strategy, through methods of their own name: an
            // overload of `decode(_:forKey:)` would change how every type in the module codes dates.
            let (decode, encode) =
                member.base.dateShape == nil ? ("decode", "encode") : ("decodeRFC3339", "encodeRFC3339")
            let ifPresent = member.isOptional ? "IfPresent" : ""
            decodeLines.append(
                "self.\(member.name) = try container.\(decode)\(ifPresent)(\(member.base.spelling).self, forKey: \(key))"
            )
            // A required member whose schema allows `null` is there as `null` when it is `nil` (an optional's
            // `encode` writes `null`; `encodeIfPresent` nothing).
            let encodeLine =
                member.encodesNull
                ? "try container.\(encode == "encode" ? "encode" : "encodeRFC3339OrNull")(self.\(member.name), forKey: \(key))"
                : "try container.\(encode)\(ifPresent)(self.\(member.name), forKey: \(key))"
            // A read-only property is the server's: echoed back in a request (get, modify, put), it is left out.
            encodeLines.append(member.isReadOnly ? "if !encoder.encodesRequest { \(encodeLine) }" : encodeLine)
        }
        // Required members that may be `null` decode as `nil` when absent, and enums are open: a composition
        // choosing among alternatives asks for what the schema says (`AlternativeChecks`), to prefer the one the
        // value is.
        let requiredNullable = members.filter(\.encodesNull).map { SwiftLiteral.string($0.jsonName) }
        // Only a member its schema fixes to one value (`type: [function]`), which is what tells alternatives
        // apart: a longer list (a status) seldom does, and would be printed in every model.
        let listed = members.filter { $0.allowedValues.count == 1 }.map { member in
            SwiftLiteral.string(member.jsonName) + ": ["
                + member.allowedValues.map(SwiftLiteral.string).joined(separator: ", ") + "]"
        }
        let checks = !requiredNullable.isEmpty || !listed.isEmpty
        return StructView(
            doc: plan.doc, attributes: [], name: plan.name,
            conformances: "Codable, \(equality), Sendable" + (checks ? ", AlternativeChecks" : ""),
            requiredNullableMembers: requiredNullable.isEmpty ? [] : [requiredNullable.joined(separator: ", ")],
            listedValues: listed.isEmpty ? [] : [listed.joined(separator: ", ")],
            properties: members.map {
                PropertyView(
                    doc: $0.doc, attributes: $0.isIndirect ? ["@Indirect"] : [], name: $0.name,
                    type: $0.type.spelling + ($0.isIndirect && $0.isOptional ? " = nil" : ""))
            },
            initParameters: Self.commaSeparated(
                members.map { "\($0.name): \($0.type.spelling)\($0.isOptional ? " = nil" : "")" }),
            decodeLines: decodeLines, encodeLines: encodeLines, hasCoding: !decodeLines.isEmpty, composite: [],
            nestedLines: lines(nested))
    }

    private func compositeView(_ plan: DeclarationPlan, _ composite: CompositePlan) -> StructView {
        let isAllOf = composite.isAllOf
        let parts = composite.parts.enumerated().map { index, part in
            CompositePartView(name: part.name, type: part.type.spelling, isLast: index == composite.parts.count - 1)
        }
        let parameterLines: [String] =
            !composite.isParameterValue
            ? []
            : isAllOf
                ? ["\(parts[0].name).parameterValue"]
                : parts.map { "if let \($0.name) { return \($0.name).parameterValue }" } + ["return \"\""]
        let compositeView = CompositeView(
            parts: parts, isAllOf: isAllOf, partList: parts.map(\.type).joined(separator: ", "),
            encodesAllParts: composite.encodesAllParts,
            noneMatchedCondition: parts.map { "\($0.name) == nil" }.joined(separator: " && "),
            completeLines: isAllOf ? [] : Self.completeLines(composite.parts),
            encodeLines: Self.encodeLines(
                parts, isAllOf: isAllOf, allObjects: composite.encodesAllParts, merges: composite.mergesMembers),
            parameterLines: parameterLines, isParameterValue: composite.isParameterValue)
        return StructView(
            doc: plan.doc, attributes: [], name: plan.name,
            conformances: "Codable, \(equality), Sendable" + (composite.isParameterValue ? ", ParameterValue" : ""),
            requiredNullableMembers: [], listedValues: [],
            properties: composite.parts.map { part in
                let type = isAllOf ? part.type : part.type.optional
                return PropertyView(
                    doc: part.doc, attributes: part.isIndirect ? ["@Indirect"] : [], name: part.name,
                    type: type.spelling + (part.isIndirect && !isAllOf ? " = nil" : ""))
            },
            initParameters: Self.commaSeparated(
                composite.parts.map {
                    "\($0.name): \((isAllOf ? $0.type : $0.type.optional).spelling)\(isAllOf ? "" : " = nil")"
                }),
            decodeLines: [], encodeLines: [], hasCoding: false, composite: [compositeView],
            nestedLines: lines(composite.nested))
    }

    /// Objects merge into one JSON object, so every part present is encoded (merged member by member where two
    /// alternatives declare one member as different objects or are lists, `CompositePlan.mergesMembers`); any other
    /// value can only be written once, so the first part present is.
    private static func encodeLines(
        _ parts: [CompositePartView], isAllOf: Bool, allObjects: Bool, merges: Bool
    ) -> [String] {
        if allObjects && !merges {
            return parts.map {
                isAllOf
                    ? "try encodeValue(\($0.name), to: encoder)"
                    : "if let \($0.name) { try encodeValue(\($0.name), to: encoder) }"
            }
        }
        if merges {
            // Merged member by member: two alternatives declare one member as different objects, or are lists.
            return ["var present: [any Encodable] = []"]
                + parts.map { "if let \($0.name) { present.append(\($0.name)) }" }
                + ["try encodeMerged(present, to: encoder)"]
        }
        if isAllOf, let first = parts.first { return ["try encodeValue(\(first.name), to: encoder)"] }
        return parts.map { "if let \($0.name) { return try encodeValue(\($0.name), to: encoder) }" }
            + ["var container = encoder.singleValueContainer()", "try container.encodeNil()"]
    }

    /// The `switch` cases that decode a discriminated `oneOf`: the values that select one alternative, a line per
    /// alternative; a value several allow, the first of them that decodes.
    private static func discriminatorLines(_ cases: [OneOfCasePlan]) -> [String] {
        var selecting: [String: [OneOfCasePlan]] = [:]
        for plan in cases {
            for value in plan.discriminatorValues { selecting[value, default: []].append(plan) }
        }
        var lines: [String] = []
        for plan in cases {
            let own = plan.discriminatorValues.filter { selecting[$0]?.count == 1 }
            guard !own.isEmpty else { continue }
            lines.append(
                "case \(own.map(SwiftLiteral.string).joined(separator: ", ")): "
                    + "self = .\(plan.name)(try decodeValue(\(plan.type.spelling).self, from: decoder))")
        }
        var shared = Set<String>()
        for plan in cases {
            for value in plan.discriminatorValues where selecting[value, default: []].count > 1 {
                guard shared.insert(value).inserted, let plans = selecting[value] else { continue }
                lines.append("case \(SwiftLiteral.string(value)):")
                lines += decodeOneOfLines(plans).map { "    " + $0 }
            }
        }
        return lines
    }

    /// `self = try decodeOneOf(decoder, "Issue, Card", (Issue.self, { Self.issue(…) }), …)`: the first alternative
    /// that decodes with all its required members (the runtime's `decodeOneOf`), over lines.
    private static func decodeOneOfLines(_ plans: [OneOfCasePlan]) -> [String] {
        let alternatives = plans.map {
            "    (\($0.type.spelling).self, { Self.\($0.name)(try decodeValue(\($0.type.spelling).self, from: $0)) })"
        }
        let names = SwiftLiteral.string(plans.map(\.type.spelling).joined(separator: ", "))
        var lines = ["self = try decodeOneOf(", "    decoder, \(names),"] + commaSeparated(alternatives)
        lines[lines.count - 1] += ")"
        return lines
    }

    /// After the parts of an `anyOf` decoded: those missing a member their schema requires (a member that may be
    /// `null` decodes when absent, or an open enum holds a value its schema does not list: `AlternativeChecks`) are dropped when another part has all of its own, so a
    /// value does not come back with `null`s it did not have. Only parts of generated types can miss one.
    private static func completeLines(_ parts: [CompositePartPlan]) -> [String] {
        guard parts.count > 1, parts.contains(where: { if case .named = $0.type { true } else { false } }) else {
            return []
        }
        let checks = parts.map { "self.\($0.name) != nil && isComplete(\($0.type.spelling).self, in: decoder)" }
        return ["let complete = ["] + commaSeparated(checks.map { "    " + $0 }) + [
            "]", "if complete.contains(true) {",
        ]
            + parts.enumerated().map { "    if !complete[\($0.offset)] { self.\($0.element.name) = nil }" } + ["}"]
    }

    private static func commaSeparated(_ lines: [String]) -> [String] {
        lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "," }
    }

    // MARK: - Enums

    private func enumView(_ plan: DeclarationPlan, _ enumeration: EnumerationPlan) -> EnumView {
        let isInteger = enumeration.rawType == .int
        let cases = enumeration.cases.map {
            EnumCaseView(doc: [], name: $0.name, literal: isInteger ? $0.raw : SwiftLiteral.string($0.raw))
        }
        return EnumView(
            doc: plan.doc, attributes: [], name: plan.name, rawType: isInteger ? "Int" : "String", cases: cases,
            allCasesList: cases.map { "." + $0.name }.joined(separator: ", "))
    }

    private func oneOfView(_ plan: DeclarationPlan, _ oneOf: OneOfPlan) -> OneOfView {
        let cases = oneOf.cases.map { plan in
            var arguments = ""
            if let value = plan.writtenDiscriminator, let key = oneOf.discriminatorKey {
                arguments = ", discriminator: \(SwiftLiteral.string(value)), key: \(SwiftLiteral.string(key))"
            }
            return OneOfCaseView(name: plan.name, type: plan.type.spelling, encodeArguments: arguments)
        }
        return OneOfView(
            doc: plan.doc, attributes: [], indirectKeyword: oneOf.isIndirect ? "indirect " : "", name: plan.name,
            conformances: "Codable, \(equality), Sendable" + (oneOf.isParameterValue ? ", ParameterValue" : ""),
            isParameterValue: oneOf.isParameterValue, cases: cases,
            discriminatorKey: oneOf.discriminatorKey.map { [SwiftLiteral.string($0)] } ?? [],
            discriminatorLines: Self.discriminatorLines(oneOf.cases),
            decodeLines: oneOf.discriminatorKey == nil ? Self.decodeOneOfLines(oneOf.cases) : [],
            discriminatorReadLines: [
                oneOf.defaultCase == nil
                    ? "let discriminator = try container.decode(String.self, forKey: key)"
                    : "let discriminator = try container.decodeIfPresent(String.self, forKey: key) ?? \"\""
            ],
            // 3.2's `defaultMapping`: a value without the property, or with one no case is selected by, is the
            // default's.
            discriminatorDefaultLines: oneOf.defaultCase.map {
                ["self = .\($0.name)(try decodeValue(\($0.type.spelling).self, from: decoder))"]
            } ?? [
                "throw DecodingError.dataCorruptedError(",
                "    forKey: key, in: container, debugDescription: \"Unknown discriminator value '\\(discriminator)'\")",
            ],
            nestedLines: lines(oneOf.nested))
    }
}
