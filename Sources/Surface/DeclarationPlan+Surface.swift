package import SwiftPlanning

extension DeclarationPlan {
    /// The `gen diff` surface of this declaration and those inside it, inner ones first (the order they are built
    /// in). An `Output` enum has none: `SurfaceOperation` describes its cases.
    package var surfaceTypes: [SurfaceType] {
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
