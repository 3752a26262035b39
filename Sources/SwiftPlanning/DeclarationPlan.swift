package import APIModel
package import Diagnostics

/// What gen declares for one schema, or for an operation's typed headers or `Output`: every name, type and member
/// decided once by `TypeBuilder` (and `OperationPlanner`), before anything is spelled. The counterpart of
/// `OperationPlan` for types.
///
/// The views the templates print (`DeclarationRenderer`), the `gen diff` surface (`surfaceTypes`) and whether a
/// file imports Foundation publicly (`usesFoundation`) are functions of these plans.
///
/// ```yaml
/// RunInfo: {type: object, required: [id], properties: {id: {type: integer}}}
/// # DeclarationPlan(name: "RunInfo", kind: .structure([MemberPlan(name: "id", jsonName: "id", type: .int, …)], nested: []))
/// ```
package struct DeclarationPlan {
    /// The Swift type name (escaped).
    package var name: String
    /// The qualified Swift name (`RunsResponse.Data`, `Operations.GetThing.OkBody`).
    package var qualifiedName: String
    /// The `///` lines, made by `DocComment`.
    package var doc: [String]
    /// The JSON pointer of what it is generated from: a type whose Swift name changed while this stayed is a rename.
    package var pointer: String
    package var location: SourceLocation
    package var kind: Kind

    package enum Kind {
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
package struct MemberPlan {
    /// The Swift property name (escaped).
    package var name: String
    /// The JSON key.
    package var jsonName: String
    /// The type of a present value.
    package var base: SwiftType
    package var isOptional: Bool
    /// The type as stored: `base`, optional when the property may be absent.
    package var type: SwiftType { isOptional ? base.optional : base }
    /// Whether the spec lists it as required.
    package var isRequired: Bool
    /// `readOnly`: the server's to set, left out when the value is sent in a request.
    package var isReadOnly = false
    /// Required, and its schema allows `null`: `nil` is encoded as `null`, as the member must be there.
    package var encodesNull = false
    /// The values its schema lists when it is an enumeration of strings (through references): the Swift enum is
    /// open, so these tell a `oneOf` which alternative a value is (OpenAI's tools: `type: function`).
    package var allowedValues: [String] = []
    /// Whether it is stored out of line (`@Indirect`): its value would contain the type itself.
    package var isIndirect: Bool
    /// The schema's `format`, when it is a string, integer or number.
    package var format: String?
    package var location: SourceLocation
    package var doc: [String]
}

/// The parts of an `allOf` or `anyOf` that is not one object.
package struct CompositePlan {
    package var isAllOf: Bool
    package var parts: [CompositePartPlan]
    /// Whether every part is a JSON object, so all of them are encoded into one object.
    package var encodesAllParts: Bool
    /// An `anyOf` of objects two of whose alternatives declare a member of one name as an object or list (Asana's
    /// membership `parent`), or an `anyOf` with two alternatives that are lists or maps (a list of summaries or of
    /// full records): each alternative keeps only what its own schema declares inside it, so their encodings are
    /// merged member by member. Elsewhere a shared member's value is the same in every alternative present, and of
    /// other values only one can be written.
    package var mergesMembers = false
    /// Whether every part is a simple value, so the composite can be sent as a parameter.
    package var isParameterValue: Bool
    package var nested: [DeclarationPlan]
}

/// One part of a composite: a stored property holding it (optional for `anyOf`).
package struct CompositePartPlan {
    package var name: String
    /// The part's type, never optional.
    package var type: SwiftType
    package var isIndirect: Bool
    package var format: String?
    package var location: SourceLocation
    package var doc: [String]
}

/// An open enum's raw type and cases.
package struct EnumerationPlan {
    /// `.string` or `.int`.
    package var rawType: SwiftType
    package var cases: [EnumCasePlan]
}

/// One listed value of an enum.
package struct EnumCasePlan {
    /// The Swift case name (escaped).
    package var name: String
    /// The value as it appears in JSON.
    package var raw: String
    package var location: SourceLocation
}

/// A `oneOf`'s alternatives.
package struct OneOfPlan {
    package var cases: [OneOfCasePlan]
    /// The discriminator's JSON key, when the spec gives one.
    package var discriminatorKey: String?
    /// The case (3.2's `defaultMapping`) of a value whose discriminator is absent or selects no case.
    package var defaultCase: OneOfCasePlan? = nil
    /// Whether an alternative contains the enum itself (`indirect enum`).
    package var isIndirect: Bool
    /// Whether every alternative is a simple value, so the enum can be sent as a parameter.
    package var isParameterValue: Bool
    package var nested: [DeclarationPlan]
}

/// One alternative of a `oneOf`.
package struct OneOfCasePlan {
    package var name: String
    package var type: SwiftType
    /// The discriminator values that select it.
    package var discriminatorValues: [String]
    /// The discriminator value written when it is encoded: an object alternative that does not declare the
    /// discriminator property carries the value that selects it; nil for the others.
    package var writtenDiscriminator: String? = nil
    package var location: SourceLocation
}

/// One typed response header.
package struct HeaderMemberPlan {
    package var name: String
    /// The header's name.
    package var headerName: String
    /// The type of a present value (the property is optional).
    package var type: SwiftType
    /// The expression that reads it from `response`.
    package var read: String
    /// The expression that writes a present `value` as the header's text.
    package var write: String
    package var isRequired: Bool
    package var format: String?
    package var location: SourceLocation
    package var doc: [String]
    /// The header's schema (the exerciser builds a value from it).
    package var schema: Schema
}

/// One success status of an `Output` enum.
package struct OutputCasePlan {
    package var name: String
    /// What the case carries (nil for no content).
    package var payload: SwiftType?
    package var doc: [String]
}

extension DeclarationPlan {
    /// Whether a declaration of this plan, or one nested in it, spells a Foundation type: its file then imports
    /// Foundation publicly.
    package var usesFoundation: Bool {
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
}

/// The inline types of one operation, declared in `Operations.<Operation>` (an Operations+X.swift file).
package struct NamespacePlan {
    /// `ListRuns`.
    package var name: String
    package var doc: [String]
    package var declarations: [DeclarationPlan]
}

/// A component schema's declaration, with the name its file is chosen by.
package struct ComponentDeclaration {
    package var name: String
    package var plan: DeclarationPlan
}
