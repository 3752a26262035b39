package import APIModel
import Foundation
package import SwiftPlanning

/// Checks a JSON value against a schema the way the generated models decode it, so a fixture is only ever built
/// from a payload the client can decode: a spec's example that contradicts its own schema (a price written as
/// `"-0.200"` for `type: number`) is reported and replaced.
///
/// ```
/// mismatch(.string("-0.2"), numberSchema)   == "expected a number, found a string"
/// ```
package struct ExampleValidator {
    /// Component schemas by name, for references.
    package let schemas: [String: Schema]
    /// The configuration's types: a format mapped to another type is checked as that type, and a schema mapped to
    /// a type of the user's is not checked.
    package var overrides = TypeOverrides()
    /// Whether the validation keywords (`pattern`, bounds, lengths, counts) and `enum`'s closed list are checked
    /// too, as a server checks what it is sent; decoding needs neither (enums are open in Swift).
    package var checksConstraints = false

    package init(schemas: [String: Schema], overrides: TypeOverrides = TypeOverrides(), checksConstraints: Bool = false)
    {
        self.schemas = schemas
        self.overrides = overrides
        self.checksConstraints = checksConstraints
    }

    /// Why `value` would not decode as `schema` (with the path of the first problem), or nil when it would.
    package func mismatch(_ value: JSONValue, _ schema: Schema) -> String? {
        problem(value, schema, path: [], depth: 0).map { problem in
            // `data[0].price`: indexes follow their array without a dot.
            let path = problem.path.enumerated().map {
                $0.offset == 0 || $0.element.hasPrefix("[") ? $0.element : "." + $0.element
            }
            return path.isEmpty ? problem.message : "at '\(path.joined())': \(problem.message)"
        }
    }

    /// Why an object's `members` do not match `object` (the dictionary's values, the branches beside the
    /// properties, then each property), or nil.
    private func problem(_ members: [JSONMember], _ object: ObjectSchema, path: [String], depth: Int) -> Problem? {
        if checksConstraints, !object.branches.isEmpty {
            // The branches beside the properties: exactly one holds (oneOf), or at least one (anyOf).
            let holding = object.branches.filter { branch in
                branch.required.allSatisfy { name in members.contains { $0.key == name } }
                    && branch.properties.allSatisfy { property in
                        guard let member = members.first(where: { $0.key == property.name })?.value else {
                            return true
                        }
                        return self.problem(member, property.schema, path: path, depth: depth + 1) == nil
                    }
            }.count
            if holding == 0 || object.branchesAreExclusive && holding > 1 {
                return Problem(
                    path: path,
                    message: "satisfies \(holding) of the \(object.branches.count) branches beside its properties")
            }
        }
        if object.properties.isEmpty {
            // A dictionary: every value has the additional properties' schema.
            guard case .schema(let valueSchema) = object.additionalProperties else { return nil }
            for member in members {
                if let problem = problem(member.value, valueSchema, path: path + [member.key], depth: depth) {
                    return problem
                }
            }
            return nil
        }
        for property in object.properties {
            let member = members.first { $0.key == property.name }?.value
            // The same rule as the models: these properties are optional in Swift, so absent or null is fine.
            let isOptional =
                !property.isRequired || TypeBuilder.isNullable(property.schema, in: schemas)
                || TypeBuilder.isReadOnly(property.schema, in: schemas)
                || TypeBuilder.isWriteOnly(property.schema, in: schemas)
            switch member {
            case nil where isOptional, .null? where isOptional: continue
            case nil: return Problem(path: path, message: "required property '\(property.name)' is missing")
            case let member?:
                if let problem = problem(member, property.schema, path: path + [property.name], depth: depth) {
                    return problem
                }
            }
        }
        return nil
    }

    /// The first validation keyword of `schema` that `value` breaks (or an enum value it is not).
    private static func violation(of schema: Schema, by value: JSONValue) -> String? {
        let constraints = schema.constraints
        switch value {
        case .string(let text):
            if case .enumeration(let values) = schema.kind, !values.values.contains(where: { $0.raw == text }) {
                return "'\(text.prefix(40))' is not one of the enum's values"
            }
            if let minLength = constraints.minLength, text.count < minLength { return "shorter than \(minLength)" }
            if let maxLength = constraints.maxLength, text.count > maxLength { return "longer than \(maxLength)" }
            if let pattern = constraints.pattern, PatternSynthesizer.matches(text, pattern) == false {
                return "'\(text.prefix(40))' does not match '\(pattern)'"
            }
        case .integer, .number:
            let number: Double =
                if case .integer(let i) = value { Double(i) } else if case .number(let d) = value { d } else { 0 }
            if case .enumeration(let values) = schema.kind, !values.values.contains(where: { Double($0.raw) == number })
            {
                return "\(number) is not one of the enum's values"
            }
            if let minimum = constraints.minimum, number < minimum { return "less than \(minimum)" }
            if let maximum = constraints.maximum, number > maximum { return "more than \(maximum)" }
            if let bound = constraints.exclusiveMinimum, number <= bound { return "not more than \(bound)" }
            if let bound = constraints.exclusiveMaximum, number >= bound { return "not less than \(bound)" }
            if let step = constraints.multipleOf, (number / step).rounded() != number / step {
                return "not a multiple of \(step)"
            }
        case .array(let items):
            if let minItems = constraints.minItems, items.count < minItems { return "fewer than \(minItems) items" }
            if let maxItems = constraints.maxItems, items.count > maxItems { return "more than \(maxItems) items" }
            if constraints.uniqueItems, Set(items).count != items.count { return "items repeat" }
        case .object(let members):
            if let missing = constraints.required.first(where: { name in !members.contains { $0.key == name } }) {
                return "required property '\(missing)' is missing"
            }
            if let minimum = constraints.minProperties, members.count < minimum {
                return "fewer than \(minimum) properties"
            }
            if let maximum = constraints.maxProperties, members.count > maximum {
                return "more than \(maximum) properties"
            }
        default: break
        }
        return nil
    }

    private struct Problem {
        package var path: [String]
        package var message: String
    }

    private func problem(_ value: JSONValue, _ schema: Schema, path: [String], depth: Int) -> Problem? {
        // References deeper than any real payload: a self-referencing example, not worth following further.
        if depth > 64 { return nil }
        func fail(_ message: String) -> Problem { Problem(path: path, message: message) }
        if checksConstraints, let message = Self.violation(of: schema, by: value) { return fail(message) }
        switch schema.kind {
        case .any:
            return nil
        case .reference(let ref):
            guard overrides.schemas[ref.name] == nil, let target = schemas[ref.name] else { return nil }
            return problem(value, target, path: path, depth: depth + 1)
        case .string, .integer, .number, .boolean, .enumeration:
            return scalarProblem(value, schema.kind).map(fail)
        case .array(let items):
            guard case .array(let elements) = value else { return fail("expected an array, found \(describe(value))") }
            for (index, element) in elements.enumerated() {
                if let problem = problem(element, items, path: path + ["[\(index)]"], depth: depth) { return problem }
            }
            return nil
        case .object(let object):
            guard case .object(let members) = value else { return fail("expected an object, found \(describe(value))") }
            return problem(members, object, path: path, depth: depth)
        case .allOf(let parts):
            for part in parts {
                if let problem = problem(value, part, path: path, depth: depth + 1) { return problem }
            }
            return nil
        case .anyOf(let parts):
            return firstProblem(value, parts: parts, path: path, depth: depth)
        case .oneOf(let parts, let discriminator):
            guard let discriminator else { return firstProblem(value, parts: parts, path: path, depth: depth) }
            guard case .string(let chosen)? = value[discriminator.propertyName] else {
                return fail("the discriminator '\(discriminator.propertyName)' is missing or not a string")
            }
            if let named = Self.discriminated(chosen, parts: parts, discriminator: discriminator)
                .flatMap({ schemas[$0] })
            {
                return problem(value, named, path: path, depth: depth + 1)
            }
            // A value the alternatives' own properties allow may select several (OpenAI's `message`): the example
            // is of one of them.
            let candidates = parts.filter {
                TypeBuilder.discriminatorValues(of: $0, propertyName: discriminator.propertyName, in: schemas)
                    .contains(chosen)
            }
            guard !candidates.isEmpty else {
                return fail("'\(chosen)' is not a value of the discriminator '\(discriminator.propertyName)'")
            }
            return firstProblem(value, parts: candidates, path: path, depth: depth)
        }
    }

    /// `nil` when `value` matches one of `parts`, else the first part's problem.
    private func firstProblem(_ value: JSONValue, parts: [Schema], path: [String], depth: Int) -> Problem? {
        var first: Problem?
        for part in parts {
            guard let problem = problem(value, part, path: path, depth: depth + 1) else { return nil }
            first = first ?? problem
        }
        return first
    }

    /// Why `value` is not of the scalar kind `kind` (a string checked as the Swift type it decodes into), or `nil`.
    private func scalarProblem(_ value: JSONValue, _ kind: Schema.Kind) -> String? {
        switch (kind, value) {
        case (.string(let format), .string(let text)):
            // Checked as the Swift type the string decodes into (the configuration may have chosen another).
            let type =
                overrides.type(forFormat: format, of: "string")
                ?? (format == .dateTime
                    ? .date : format == .uuid ? .uuid : format == .byte || format == .binary ? .data : .string)
            switch type {
            case .date where !Self.isRFC3339(text): return "'\(text)' is not an RFC 3339 date-time"
            case .uuid where UUID(uuidString: text) == nil: return "'\(text)' is not a UUID"
            case .data where Data(base64Encoded: text) == nil: return "'\(text.prefix(40))' is not base64"
            default: return nil
            }
        case (.string, _): return "expected a string, found \(describe(value))"
        case (.integer, .integer), (.number, .integer), (.number, .number), (.boolean, .bool): return nil
        case (.integer, _): return "expected an integer, found \(describe(value))"
        case (.number, _): return "expected a number, found \(describe(value))"
        case (.boolean, _): return "expected a Boolean, found \(describe(value))"
        case (.enumeration(let values), _):
            switch (values.rawType, value) {
            case (.string, .string), (.integer, .integer): return nil
            case (.string, _): return "expected a string, found \(describe(value))"
            case (.integer, _): return "expected an integer, found \(describe(value))"
            }
        default: return nil
        }
    }

    /// The component a discriminator value selects: the mapping first, then an alternative's own name.
    package static func discriminated(_ value: String, parts: [Schema], discriminator: Discriminator) -> String? {
        if case .string(let target)? = discriminator.mapping.first(where: { $0.key == value })?.value {
            let prefix = "#/components/schemas/"
            return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
        }
        // An alternative's own name selects it unless the mapping names it under other values.
        let mapped = Set(
            discriminator.mapping.compactMap { member -> String? in
                guard case .string(let target) = member.value else { return nil }
                return target.split(separator: "/").last.map(String.init)
            })
        for part in parts {
            if case .reference(let ref) = part.kind, ref.name == value, !mapped.contains(ref.name) { return ref.name }
        }
        return nil
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a Boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The form the generated `RFC3339.date(from:)` accepts: `2019-08-24T14:15:22Z`, fractions, offsets.
    package static func isRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard bytes.count >= 20, digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7),
            bytes[7] == UInt8(ascii: "-"),
            digits(8..<10), [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]),
            digits(11..<13), bytes[13] == UInt8(ascii: ":"), digits(14..<16), bytes[16] == UInt8(ascii: ":"),
            digits(17..<19)
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): return index + 1 == bytes.count
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return index + 6 == bytes.count && digits(index + 1..<index + 3) && bytes[index + 3] == UInt8(ascii: ":")
                && digits(index + 4..<index + 6)
        default: return false
        }
    }
}
