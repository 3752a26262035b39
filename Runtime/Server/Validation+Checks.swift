// The server side: how a SchemaRule checks a value, keyword by keyword.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

extension SchemaRule {
    /// The first rule `value` breaks, or nil when it breaks none.
    ///
    /// - Parameter asText: The value is text read from a URL, a header or a form (`limit=5000`): a number or a
    ///   boolean is written as text, and a single value stands for a list of one. Its type was checked when it
    ///   was decoded into its Swift type.
    public func violation(of value: JSONValue, asText: Bool = false) -> RuleViolation? {
        var path: [String] = []
        return check(value, asText: asText, path: &path, depth: 0)
    }

    /// The deepest a value is followed (a component that contains itself is followed once per level of the value).
    static let maxDepth = 256

    func check(_ value: JSONValue, asText: Bool, path: inout [String], depth: Int) -> RuleViolation? {
        guard depth < Self.maxDepth else { return nil }
        if let target { return target().check(value, asText: asText, path: &path, depth: depth + 1) }
        if !asText, let problem = kindProblem(value) {
            return RuleViolation(path: path, keyword: "type", message: problem)
        }
        if let allowed, !allowed.contains(where: { Self.equal($0, value, asText: asText) }) {
            let list = allowed.prefix(10).map(Self.describe).joined(separator: ", ")
            return RuleViolation(
                path: path, keyword: "enum",
                message: "\(Self.describe(value)) is not one of \(list)\(allowed.count > 10 ? ", …" : "")")
        }
        if let problem = valueProblem(value, asText: asText, path: &path, depth: depth) { return problem }
        return compositionProblem(value, asText: asText, path: &path, depth: depth)
    }

    /// The checks of the value's own type: bounds of a number, length and pattern of a string, items of an array,
    /// members of an object.
    private func valueProblem(
        _ value: JSONValue, asText: Bool, path: inout [String], depth: Int
    ) -> RuleViolation? {
        switch value {
        case .integer(let number): return numberProblem(Double(number), path: path)
        case .number(let number): return numberProblem(number, path: path)
        case .string(let text):
            if asText, items != nil || kinds.contains(.array) {
                return arrayProblem([value], asText: true, path: &path, depth: depth)
            }
            if asText, kinds.contains(.integer) || kinds.contains(.number), !kinds.contains(.string) {
                return Double(text).flatMap { numberProblem($0, path: path) }
            }
            return stringProblem(text, path: path)
        case .array(let elements): return arrayProblem(elements, asText: asText, path: &path, depth: depth)
        case .object(let members): return objectProblem(members, asText: asText, path: &path, depth: depth)
        case .null, .bool: return nil
        }
    }

    private func numberProblem(_ number: Double, path: [String]) -> RuleViolation? {
        func violation(_ keyword: String, _ message: String) -> RuleViolation {
            RuleViolation(path: path, keyword: keyword, message: "\(Self.format(number)) \(message)")
        }
        if let minimum, number < minimum {
            return violation("minimum", "is less than the minimum \(Self.format(minimum))")
        }
        if let maximum, number > maximum {
            return violation("maximum", "is greater than the maximum \(Self.format(maximum))")
        }
        if let exclusiveMinimum, number <= exclusiveMinimum {
            return violation("exclusiveMinimum", "is not greater than \(Self.format(exclusiveMinimum))")
        }
        if let exclusiveMaximum, number >= exclusiveMaximum {
            return violation("exclusiveMaximum", "is not less than \(Self.format(exclusiveMaximum))")
        }
        if let multipleOf, multipleOf > 0 {
            let quotient = number / multipleOf
            if abs(quotient - quotient.rounded()) > 1e-9 * max(1, abs(quotient)) {
                return violation("multipleOf", "is not a multiple of \(Self.format(multipleOf))")
            }
        }
        return nil
    }

    private func stringProblem(_ text: String, path: [String]) -> RuleViolation? {
        let length = text.unicodeScalars.count
        if let minLength, length < minLength {
            return RuleViolation(
                path: path, keyword: "minLength",
                message: "\(Self.describe(.string(text))) is shorter than \(Self.count(minLength, "character"))")
        }
        if let maxLength, length > maxLength {
            return RuleViolation(
                path: path, keyword: "maxLength",
                message: "\(Self.describe(.string(text))) is longer than \(Self.count(maxLength, "character"))")
        }
        if let pattern, !pattern.matches(text) {
            return RuleViolation(
                path: path, keyword: "pattern",
                message: "\(Self.describe(.string(text))) does not match the pattern '\(pattern.source)'")
        }
        return nil
    }

    private func arrayProblem(
        _ elements: [JSONValue], asText: Bool, path: inout [String], depth: Int
    ) -> RuleViolation? {
        if let problem = Self.countProblem(elements.count, "item", minItems, maxItems, "Items", path: path) {
            return problem
        }
        if uniqueItems {
            var seen: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let first = seen.updateValue(index, forKey: Self.normalized(element)) {
                    return RuleViolation(
                        path: path, keyword: "uniqueItems", message: "items \(first) and \(index) are equal")
                }
            }
        }
        guard let items else { return nil }
        for (index, element) in elements.enumerated() {
            path.append("[\(index)]")
            defer { path.removeLast() }
            if let problem = items.check(element, asText: asText, path: &path, depth: depth + 1) { return problem }
        }
        return nil
    }

    /// Whether the values this rule takes are lists (through a reference too).
    var isList: Bool {
        if let target { return target().isList }
        return items != nil || kinds.contains(.array)
    }

    private func objectProblem(
        _ members: [String: JSONValue], asText: Bool, path: inout [String], depth: Int
    ) -> RuleViolation? {
        for missing in required where members[missing] == nil {
            // In text (a form, multipart), a list with no items is no field at all: a missing list is an empty one.
            guard asText, let rule = properties[missing], rule.isList else {
                return RuleViolation(
                    path: path, keyword: "required", message: "the required property '\(missing)' is missing")
            }
            path.append(missing)
            defer { path.removeLast() }
            if let problem = rule.check(.array([]), asText: true, path: &path, depth: depth + 1) { return problem }
        }
        if let key = notNull.first(where: { members[$0] == .null }) {
            return RuleViolation(
                path: path + [key], keyword: "type", message: "null is not allowed (the member may be left out)")
        }
        if let problem = Self.countProblem(
            members.count, "property", minProperties, maxProperties, "Properties", path: path)
        {
            return problem
        }
        // In key order, so the same request always gets the same answer.
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            let rule: SchemaRule?
            if let declared = properties[key] {
                rule = declared
            } else {
                switch otherMembers {
                case .allowed: rule = nil
                case .forbidden:
                    return RuleViolation(
                        path: path, keyword: "additionalProperties", message: "the property '\(key)' is not allowed")
                case .rule(let other): rule = other
                }
            }
            guard let rule else { continue }
            path.append(key)
            defer { path.removeLast() }
            if let problem = rule.check(member, asText: asText, path: &path, depth: depth + 1) { return problem }
        }
        return nil
    }

    /// `minItems`/`maxItems` or `minProperties`/`maxProperties` (`keywordSuffix` is `Items` or `Properties`).
    private static func countProblem(
        _ count: Int, _ noun: String, _ minimum: Int?, _ maximum: Int?, _ keywordSuffix: String, path: [String]
    ) -> RuleViolation? {
        if let minimum, count < minimum {
            return RuleViolation(
                path: path, keyword: "min" + keywordSuffix,
                message: "\(Self.count(count, noun)), fewer than the minimum \(minimum)")
        }
        if let maximum, count > maximum {
            return RuleViolation(
                path: path, keyword: "max" + keywordSuffix,
                message: "\(Self.count(count, noun)), more than the maximum \(maximum)")
        }
        return nil
    }

    /// `allOf`: every part; `anyOf` and `oneOf`: at least one alternative, as the models decode a `oneOf` (the
    /// first alternative that decodes wins, so a value two alternatives accept is not refused).
    private func compositionProblem(
        _ value: JSONValue, asText: Bool, path: inout [String], depth: Int
    ) -> RuleViolation? {
        for part in allOf {
            if let problem = part.check(value, asText: asText, path: &path, depth: depth + 1) { return problem }
        }
        for (keyword, alternatives) in [("anyOf", anyOf), ("oneOf", oneOf)] where !alternatives.isEmpty {
            // Text was decoded as the first alternative that reads it (`5` as an integer before a string): that
            // alternative's rules are the ones it must keep.
            if asText, case .string(let text) = value {
                guard let chosen = alternatives.first(where: { $0.reads(text, depth: depth) }) else {
                    return RuleViolation(
                        path: path, keyword: keyword,
                        message: "\(Self.describe(value)) is none of the \(alternatives.count) alternatives")
                }
                if let problem = chosen.check(value, asText: true, path: &path, depth: depth + 1) { return problem }
                continue
            }
            var first: RuleViolation?
            var matched = false
            for alternative in alternatives {
                var inner = path
                guard let problem = alternative.check(value, asText: asText, path: &inner, depth: depth + 1) else {
                    matched = true
                    break
                }
                first = first ?? problem
            }
            if !matched {
                let reason = first.map { " (the first: \($0))" } ?? ""
                return RuleViolation(
                    path: path, keyword: keyword,
                    message: "matches none of the \(alternatives.count) alternatives\(reason)")
            }
        }
        return nil
    }

    /// Whether text reads as a value of the rule's types (`5` as an integer, `true` as a boolean; any text as a
    /// string).
    func reads(_ text: String, depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return true }
        if let target { return target().reads(text, depth: depth + 1) }
        if !allOf.isEmpty, !allOf.allSatisfy({ $0.reads(text, depth: depth + 1) }) { return false }
        for alternatives in [anyOf, oneOf] where !alternatives.isEmpty {
            if !alternatives.contains(where: { $0.reads(text, depth: depth + 1) }) { return false }
        }
        guard !kinds.isEmpty else { return true }
        return kinds.contains { kind in
            switch kind {
            case .string, .array, .object: true
            case .integer: Int(text) != nil || Double(text).map { $0.rounded() == $0 } == true
            case .number: Double(text) != nil
            case .boolean: text == "true" || text == "false"
            case .null: text.isEmpty || text == "null"
            }
        }
    }
}
