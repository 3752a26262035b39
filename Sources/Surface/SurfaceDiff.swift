public import Diagnostics
package import SwiftPlanning

/// One difference between two generated Swift APIs, classified for code that uses them.
public struct APIChange: Sendable, Hashable {
    /// What a change means for code that uses the generated client.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Code that compiled no longer does, or compiles and behaves differently in a way it must handle
        /// (a property now optional, a new case in an error enum callers switch over, a removed operation).
        case breaking
        /// Code still compiles, but what is decoded or sent changes (a JSON key, a parameter's style, a route).
        case behavior
        /// Only new API: nothing that compiled changes meaning.
        case additive

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kind: Kind
    /// The Swift symbol (`RunDetails.runStatus`, `Client.getRun(detail:)`, `GetRunError.notFound`).
    public var symbol: String
    /// What changed, in Swift terms.
    public var message: String
    /// Where in the spec: the new side's location, or the old side's for something removed.
    public var location: SourceLocation
    /// Whether `location` is in the old spec (for something removed).
    public var inOldSpec: Bool

    public init(kind: Kind, symbol: String, message: String, location: SourceLocation, inOldSpec: Bool = false) {
        self.kind = kind
        self.symbol = symbol
        self.message = message
        self.location = location
        self.inOldSpec = inOldSpec
    }
}

/// Compares two generated Swift APIs (`APISurface`) and classifies each difference.
public enum SurfaceDiff {
    /// Every change from `old` to `new`: breaking first, then behavior, then additive; within a kind, in the order
    /// of the spec (the new one's, then the removals from the old one).
    public static func changes(from old: APISurface, to new: APISurface) -> [APIChange] {
        var changes = Changes()
        compareTypes(old.types, new.types, into: &changes)
        compareOperations(old.operations, new.operations, into: &changes)
        compareHandlers(old.handlers, new.handlers, into: &changes)
        compareServers(old.servers, new.servers, into: &changes)
        compareAuthentications(old.authentications, new.authentications, into: &changes)
        return changes.list.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.kind != b.kind { return a.kind < b.kind }
            if a.inOldSpec != b.inOldSpec { return !a.inOldSpec }
            if a.location.file != b.location.file { return a.location.file < b.location.file }
            if a.location.line != b.location.line { return a.location.line < b.location.line }
            if a.location.column != b.location.column { return a.location.column < b.location.column }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    package struct Changes {
        package var list: [APIChange] = []

        package mutating func add(
            _ kind: APIChange.Kind, _ symbol: String, _ message: String, at location: SourceLocation,
            old: Bool = false
        ) {
            list.append(APIChange(kind: kind, symbol: symbol, message: message, location: location, inOldSpec: old))
        }
    }

    // MARK: - Types

    package static func compareTypes(_ old: [SurfaceType], _ new: [SurfaceType], into changes: inout Changes) {
        // Pairs: the same name for the same schema; then the same schema under another name (renamed, e.g. when a
        // new schema took its name); then the same name for another schema (its key or place changed).
        var pairs: [Int: Int] = [:]  // new index → old index
        var pairedOld = Set<Int>()
        func pair(_ key: (SurfaceType) -> String) {
            var unpairedOld: [String: Int] = [:]
            for (index, type) in old.enumerated().reversed() where !pairedOld.contains(index) {
                unpairedOld[key(type)] = index
            }
            for (index, type) in new.enumerated() where pairs[index] == nil {
                if let match = unpairedOld.removeValue(forKey: key(type)) {
                    pairs[index] = match
                    pairedOld.insert(match)
                }
            }
        }
        pair { $0.name + "\u{0}" + $0.pointer }
        pair(\.pointer)
        pair(\.name)
        for (index, type) in new.enumerated() {
            guard let match = pairs[index] else {
                changes.add(.additive, type.name, "new \(type.kind.word)", at: type.location)
                continue
            }
            let before = old[match]
            if before.name != type.name {
                changes.add(.breaking, before.name, "renamed to \(type.name)", at: type.location)
            }
            compareType(before, type, symbol: type.name, into: &changes)
        }
        for (index, type) in old.enumerated() where !pairedOld.contains(index) {
            changes.add(.breaking, type.name, "\(type.kind.word) removed", at: type.location, old: true)
        }
    }

    package static func compareType(_ old: SurfaceType, _ new: SurfaceType, symbol: String, into changes: inout Changes)
    {
        switch (old.kind, new.kind) {
        case (.structure(let before), .structure(let after)):
            compareProperties(before, after, owner: symbol, into: &changes)
        case (.enumeration(let beforeRaw, let before), .enumeration(let afterRaw, let after)):
            if beforeRaw != afterRaw {
                changes.add(
                    .breaking, symbol, "raw type \(beforeRaw.spelling) → \(afterRaw.spelling)", at: new.location)
            }
            compareEnumCases(before, after, owner: symbol, into: &changes)
        case (.oneOf(let before), .oneOf(let after)):
            compareAlternatives(before, after, owner: symbol, into: &changes)
        case (.alias(let before), .alias(let after)):
            if before != after {
                changes.add(
                    .breaking, symbol, "now an alias of \(after.spelling), was \(before.spelling)", at: new.location)
            }
        default:
            changes.add(.breaking, symbol, "now a \(new.kind.word), was a \(old.kind.word)", at: new.location)
        }
    }

    package static func compareProperties(
        _ old: [SurfaceProperty], _ new: [SurfaceProperty], owner: String, into changes: inout Changes
    ) {
        match(old, new, by: \.name) { property in
            if case .optional = property.type {
                changes.add(
                    .additive, owner + "." + property.name, "new property: \(property.type.spelling)",
                    at: property.location)
            } else {
                changes.add(
                    .breaking, owner + "." + property.name,
                    "new required property: \(property.type.spelling) (the initializer needs it)", at: property.location
                )
            }
        } matched: { before, property in
            let symbol = owner + "." + property.name
            if before.type != property.type {
                changes.add(.breaking, symbol, typeChange(before.type, property.type), at: property.location)
                return
            }
            if before.jsonName != property.jsonName {
                changes.add(
                    .behavior, symbol, "coded as \"\(property.jsonName)\", was \"\(before.jsonName)\"",
                    at: property.location)
            }
            if before.isRequired != property.isRequired {
                changes.add(
                    .behavior, symbol,
                    property.isRequired
                        ? "now required in the spec (still \(property.type.spelling))"
                        : "no longer required in the spec (still \(property.type.spelling))",
                    at: property.location)
            }
            if before.format != property.format {
                changes.add(
                    .behavior, symbol,
                    "format \(before.format ?? "none") → \(property.format ?? "none") (still \(property.type.spelling))",
                    at: property.location)
            }
        } removed: { property in
            changes.add(.breaking, owner + "." + property.name, "property removed", at: property.location, old: true)
        }
    }

    package static func compareEnumCases(
        _ old: [SurfaceEnumCase], _ new: [SurfaceEnumCase], owner: String, into changes: inout Changes
    ) {
        match(old, new, by: \.name) { value in
            // Open enums decoded the value before too, as `.unknown`: nothing fails, but the case it lands in moves.
            changes.add(
                .behavior, owner + "." + value.name,
                "new case for \"\(value.raw)\" (decoded as .unknown(\"\(value.raw)\") before; a switch without default needs it)",
                at: value.location)
        } matched: { before, value in
            if before.raw != value.raw {
                changes.add(
                    .behavior, owner + "." + value.name, "value \"\(before.raw)\" → \"\(value.raw)\"",
                    at: value.location)
            }
        } removed: { value in
            changes.add(
                .breaking, owner + "." + value.name,
                "case removed (\"\(value.raw)\" now decodes as .unknown)", at: value.location, old: true)
        }
    }

    package static func compareAlternatives(
        _ old: [SurfaceAlternative], _ new: [SurfaceAlternative], owner: String, into changes: inout Changes
    ) {
        match(old, new, by: \.name) { alternative in
            changes.add(
                .breaking, owner + "." + alternative.name,
                "new case (\(alternative.type.spelling)): a switch over \(owner) needs it", at: alternative.location)
        } matched: { before, alternative in
            let symbol = owner + "." + alternative.name
            if before.type != alternative.type {
                changes.add(.breaking, symbol, typeChange(before.type, alternative.type), at: alternative.location)
            } else if before.discriminatorValues != alternative.discriminatorValues {
                changes.add(
                    .behavior, symbol,
                    "selected by \(quotedList(alternative.discriminatorValues)), was \(quotedList(before.discriminatorValues))",
                    at: alternative.location)
            }
        } removed: { alternative in
            changes.add(.breaking, owner + "." + alternative.name, "case removed", at: alternative.location, old: true)
        }
    }

    // MARK: - The server side

    /// `APIHandler`'s requirements and each operation's `Input` and `Response`: what a server's handler implements,
    /// reads and answers with.
    package static func compareHandlers(
        _ old: [SurfaceHandler], _ new: [SurfaceHandler], into changes: inout Changes
    ) {
        match(old, new, by: \.name) { handler in
            changes.add(
                .breaking, "APIHandler." + handler.name,
                "new requirement (\(handler.route)): every APIHandler must implement it", at: handler.location)
        } matched: { before, handler in
            let symbol = "APIHandler." + handler.name
            if before.route != handler.route {
                changes.add(.behavior, symbol, "now \(handler.route), was \(before.route)", at: handler.location)
            }
            let input = handler.namespace + ".Input"
            match(before.fields, handler.fields, by: \.name) { field in
                if case .optional = field.type {
                    changes.add(
                        .additive, "\(input).\(field.name)", "new field: \(field.type.spelling)", at: field.location)
                } else {
                    changes.add(
                        .breaking, "\(input).\(field.name)",
                        "new required field: \(field.type.spelling) (the initializer needs it)", at: field.location)
                }
            } matched: { old, field in
                if old.type != field.type {
                    changes.add(
                        .breaking, "\(input).\(field.name)", typeChange(old.type, field.type), at: field.location)
                }
            } removed: { field in
                changes.add(.breaking, "\(input).\(field.name)", "field removed", at: field.location, old: true)
            }
            let response = handler.namespace + ".Response"
            match(before.cases, handler.cases, by: \.caseName) { answer in
                changes.add(
                    .additive, "\(response).\(answer.caseName)",
                    "new case for status \(answer.status)\(answer.payload.isEmpty ? "" : ": (\(answer.payload))")",
                    at: answer.location)
            } matched: { old, answer in
                if old.payload != answer.payload {
                    func carried(_ payload: String) -> String { payload.isEmpty ? "nothing" : "(\(payload))" }
                    changes.add(
                        .breaking, "\(response).\(answer.caseName)",
                        "carries \(carried(answer.payload)), was \(carried(old.payload))", at: answer.location)
                }
            } removed: { answer in
                changes.add(
                    .breaking, "\(response).\(answer.caseName)",
                    "case removed: a handler that answers it no longer compiles (status \(answer.status) is "
                        + "undocumented now)", at: answer.location, old: true)
            }
        } removed: { handler in
            changes.add(
                .breaking, "APIHandler." + handler.name,
                "requirement removed with \(handler.namespace).Input and .Response (\(handler.route) now answers 404): "
                    + "its implementation no longer compiles",
                at: handler.location, old: true)
        }
    }

    // MARK: - Servers and authentication

    package static func compareServers(_ old: [SurfaceServer], _ new: [SurfaceServer], into changes: inout Changes) {
        match(old, new, by: \.name) { server in
            changes.add(.additive, "Client.Servers." + server.name, "new server \(server.url)", at: server.location)
        } matched: { before, server in
            if before.url != server.url {
                changes.add(
                    .behavior, "Client.Servers." + server.name, "now \(server.url), was \(before.url)",
                    at: server.location)
            }
        } removed: { server in
            changes.add(
                .breaking, "Client.Servers." + server.name, "server removed (\(server.url))",
                at: server.location, old: true)
        }
        if let before = old.first, let after = new.first, before.url != after.url, before.name != after.name {
            changes.add(.behavior, "Client", "default server now \(after.url), was \(before.url)", at: after.location)
        }
    }

    package static func compareAuthentications(
        _ old: [SurfaceAuthentication], _ new: [SurfaceAuthentication], into changes: inout Changes
    ) {
        match(old, new, by: \.name) { scheme in
            changes.add(
                .additive, "Authentication." + scheme.name,
                "new authentication (\(scheme.arguments); \(scheme.placement))", at: scheme.location)
        } matched: { before, scheme in
            if before.arguments != scheme.arguments {
                changes.add(
                    .breaking, "Authentication." + scheme.name, "takes \(scheme.arguments), was \(before.arguments)",
                    at: scheme.location)
            } else if before.placement != scheme.placement {
                changes.add(
                    .behavior, "Authentication." + scheme.name, "sent as \(scheme.placement), was \(before.placement)",
                    at: scheme.location)
            }
        } removed: { scheme in
            changes.add(
                .breaking, "Authentication." + scheme.name, "authentication removed", at: scheme.location, old: true)
        }
    }

    /// Pairs the elements of `old` and `new` with the same key: `added` for each new element without a pair and
    /// `matched` for each pair, in the new order, then `removed` for each old element without a pair.
    package static func match<Element>(
        _ old: [Element], _ new: [Element], by key: (Element) -> String, added: (Element) -> Void,
        matched: (_ old: Element, _ new: Element) -> Void, removed: (Element) -> Void
    ) {
        let oldByKey = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.map(key))
        for element in new {
            if let before = oldByKey[key(element)] { matched(before, element) } else { added(element) }
        }
        for element in old where !newKeys.contains(key(element)) { removed(element) }
    }

    // MARK: - Wording

    package static func typeChange(_ old: SwiftType, _ new: SwiftType) -> String {
        switch (old, new) {
        case (.optional(let wrapped), _) where wrapped == new:
            return "no longer optional: \(new.spelling), was \(old.spelling)"
        case (_, .optional(let wrapped)) where wrapped == old:
            return "now optional: \(new.spelling), was \(old.spelling)"
        default:
            return "type \(new.spelling), was \(old.spelling)"
        }
    }

    package static func quotedList(_ values: [String]) -> String {
        values.isEmpty ? "nothing" : values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
