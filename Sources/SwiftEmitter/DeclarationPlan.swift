import APIModel
import Diagnostics

/// What gen declares for one schema, or for an operation's typed headers or `Output`: every name, type and member
/// decided once by `TypeBuilder` (and `ClientBuilder`), before anything is spelled. The counterpart of
/// `OperationPlan` for types.
///
/// The views the templates print (`DeclarationRenderer`), the `gen diff` surface (`surfaceTypes`) and whether a
/// file imports Foundation publicly (`usesFoundation`) are functions of these plans.
///
/// ```yaml
/// RunInfo: {type: object, required: [id], properties: {id: {type: integer}}}
/// # DeclarationPlan(name: "RunInfo", kind: .structure([MemberPlan(name: "id", jsonName: "id", type: .int, …)], nested: []))
/// ```
struct DeclarationPlan {
    /// The Swift type name (escaped).
    var name: String
    /// The qualified Swift name (`RunsResponse.Data`, `Operations.GetThing.OkBody`).
    var qualifiedName: String
    /// The `///` lines, made by `DocComment`.
    var doc: [String]
    /// The JSON pointer of what it is generated from: a type whose Swift name changed while this stayed is a rename.
    var pointer: String
    var location: SourceLocation
    var kind: Kind

    enum Kind {
        /// A struct with a stored property per object property.
        case structure([MemberPlan], nested: [DeclarationPlan])
        /// A struct with a stored property per part of an `allOf` or `anyOf` that is not one object.
        case composite(CompositePlan)
        /// An open enum with a case per listed value.
        case enumeration(EnumerationPlan)
        /// An enum with a case per `oneOf` alternative.
        case oneOf(OneOfPlan)
        /// `typealias Name = target`, with the inline types the target needs declared beside it (a typealias cannot
        /// hold nested types).
        case alias(SwiftType, siblings: [DeclarationPlan])
        /// The typed headers of an operation's response.
        case headers([HeaderMemberPlan])
        /// What an operation whose success responses differ returns: a case per success status.
        case output([OutputCasePlan])
    }
}

/// A stored property of a struct.
struct MemberPlan {
    /// The Swift property name (escaped).
    var name: String
    /// The JSON key.
    var jsonName: String
    /// The type of a present value.
    var base: SwiftType
    var isOptional: Bool
    /// The type as stored: `base`, optional when the property may be absent.
    var type: SwiftType { isOptional ? base.optional : base }
    /// Whether the spec lists it as required.
    var isRequired: Bool
    /// `readOnly`: the server's to set, left out when the value is sent in a request.
    var isReadOnly = false
    /// Whether it is stored out of line (`@Indirect`): its value would contain the type itself.
    var isIndirect: Bool
    /// The schema's `format`, when it is a string, integer or number.
    var format: String?
    var location: SourceLocation
    var doc: [String]
}

/// The parts of an `allOf` or `anyOf` that is not one object.
struct CompositePlan {
    var isAllOf: Bool
    var parts: [CompositePartPlan]
    /// Whether every part is a JSON object, so all of them are encoded into one object.
    var encodesAllParts: Bool
    /// Whether every part is a simple value, so the composite can be sent as a parameter.
    var isParameterValue: Bool
    var nested: [DeclarationPlan]
}

/// One part of a composite: a stored property holding it (optional for `anyOf`).
struct CompositePartPlan {
    var name: String
    /// The part's type, never optional.
    var type: SwiftType
    var isIndirect: Bool
    var format: String?
    var location: SourceLocation
    var doc: [String]
}

/// An open enum's raw type and cases.
struct EnumerationPlan {
    /// `.string` or `.int`.
    var rawType: SwiftType
    var cases: [EnumCasePlan]
}

/// One listed value of an enum.
struct EnumCasePlan {
    /// The Swift case name (escaped).
    var name: String
    /// The value as it appears in JSON.
    var raw: String
    var location: SourceLocation
}

/// A `oneOf`'s alternatives.
struct OneOfPlan {
    var cases: [OneOfCasePlan]
    /// The discriminator's JSON key, when the spec gives one.
    var discriminatorKey: String?
    /// Whether an alternative contains the enum itself (`indirect enum`).
    var isIndirect: Bool
    /// Whether every alternative is a simple value, so the enum can be sent as a parameter.
    var isParameterValue: Bool
    var nested: [DeclarationPlan]
}

/// One alternative of a `oneOf`.
struct OneOfCasePlan {
    var name: String
    var type: SwiftType
    /// The discriminator values that select it.
    var discriminatorValues: [String]
    var location: SourceLocation
}

/// One typed response header.
struct HeaderMemberPlan {
    var name: String
    /// The header's name.
    var headerName: String
    /// The type of a present value (the property is optional).
    var type: SwiftType
    /// The expression that reads it from `response`.
    var read: String
    /// The expression that writes a present `value` as the header's text.
    var write: String
    var isRequired: Bool
    var format: String?
    var location: SourceLocation
    var doc: [String]
    /// The header's schema (the exerciser builds a value from it).
    var schema: Schema
}

/// One success status of an `Output` enum.
struct OutputCasePlan {
    var name: String
    /// What the case carries (nil for no content).
    var payload: SwiftType?
    var doc: [String]
}

extension DeclarationPlan {
    /// Whether a declaration of this plan, or one nested in it, spells a Foundation type: its file then imports
    /// Foundation publicly.
    var usesFoundation: Bool {
        switch kind {
        case .structure(let members, let nested):
            members.contains { $0.type.needsFoundation } || nested.contains(where: \.usesFoundation)
        case .composite(let composite):
            composite.parts.contains { (composite.isAllOf ? $0.type : $0.type.optional).needsFoundation }
                || composite.nested.contains(where: \.usesFoundation)
        case .enumeration: false
        case .oneOf(let oneOf):
            oneOf.cases.contains { $0.type.needsFoundation } || oneOf.nested.contains(where: \.usesFoundation)
        case .alias(let target, let siblings): target.needsFoundation || siblings.contains(where: \.usesFoundation)
        case .headers(let members): members.contains { $0.type.optional.needsFoundation }
        case .output(let cases): cases.contains { $0.payload?.needsFoundation ?? false }
        }
    }

    /// The `gen diff` surface of this declaration and those inside it, inner ones first (the order they are built
    /// in). An `Output` enum has none: `SurfaceOperation` describes its cases.
    var surfaceTypes: [SurfaceType] {
        func type(_ kind: SurfaceType.Kind) -> SurfaceType {
            SurfaceType(name: qualifiedName, pointer: pointer, location: location, kind: kind)
        }
        switch kind {
        case .structure(let members, let nested):
            let properties = members.map {
                SurfaceProperty(
                    name: SwiftNaming.unescaped($0.name), jsonName: $0.jsonName, type: $0.type,
                    isRequired: $0.isRequired, format: $0.format, location: $0.location)
            }
            return nested.flatMap(\.surfaceTypes) + [type(.structure(properties))]
        case .composite(let composite):
            let properties = composite.parts.map {
                SurfaceProperty(
                    name: SwiftNaming.unescaped($0.name), jsonName: $0.type.nameWords,
                    type: composite.isAllOf ? $0.type : $0.type.optional, isRequired: composite.isAllOf,
                    format: $0.format, location: $0.location)
            }
            return composite.nested.flatMap(\.surfaceTypes) + [type(.structure(properties))]
        case .enumeration(let enumeration):
            let cases = enumeration.cases.map {
                SurfaceEnumCase(name: SwiftNaming.unescaped($0.name), raw: $0.raw, location: $0.location)
            }
            return [type(.enumeration(rawType: enumeration.rawType, cases: cases))]
        case .oneOf(let oneOf):
            let alternatives = oneOf.cases.map {
                SurfaceAlternative(
                    name: SwiftNaming.unescaped($0.name), type: $0.type, discriminatorValues: $0.discriminatorValues,
                    location: $0.location)
            }
            return oneOf.nested.flatMap(\.surfaceTypes) + [type(.oneOf(alternatives))]
        case .alias(let target, let siblings):
            return siblings.flatMap(\.surfaceTypes) + [type(.alias(target))]
        case .headers(let members):
            let properties = members.map {
                SurfaceProperty(
                    name: SwiftNaming.unescaped($0.name), jsonName: $0.headerName, type: $0.type.optional,
                    isRequired: $0.isRequired, format: $0.format, location: $0.location)
            }
            return [type(.structure(properties))]
        case .output:
            return []
        }
    }
}

/// The inline types of one operation, declared in `Operations.<Operation>` (an Operations+X.swift file).
struct NamespacePlan {
    /// `ListRuns`.
    var name: String
    var doc: [String]
    var declarations: [DeclarationPlan]
}

/// A component schema's declaration, with the name its file is chosen by.
struct ComponentDeclaration {
    var name: String
    var plan: DeclarationPlan
}
