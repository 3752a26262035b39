import Foundation
import Testing

@testable import GenRuntime

/// `SchemaRule`: each keyword lets the values its schema allows through and names itself, the coding path and the
/// value when one breaks it, for JSON bodies and for the text of parameters and forms.
@Suite struct ValidationTests {
    /// The keyword of the first violation, or nil.
    func keyword(_ rule: SchemaRule, _ value: JSONValue, asText: Bool = false) -> String? {
        rule.violation(of: value, asText: asText)?.keyword
    }

    @Test("minimum, maximum and their exclusive forms, on numbers and on number text")
    func bounds() {
        let rule = SchemaRule(kinds: [.integer], minimum: 0, maximum: 1000)
        #expect(keyword(rule, .integer(0)) == nil)
        #expect(keyword(rule, .integer(1000)) == nil)
        #expect(keyword(rule, .integer(-3)) == "minimum")
        #expect(keyword(rule, .integer(5000)) == "maximum")
        #expect(keyword(rule, .string("5000"), asText: true) == "maximum")
        #expect(rule.violation(of: .integer(5000))?.message == "5000 is greater than the maximum 1000")
        let exclusive = SchemaRule(kinds: [.number], exclusiveMinimum: 0, exclusiveMaximum: 1)
        #expect(keyword(exclusive, .number(0.5)) == nil)
        #expect(keyword(exclusive, .integer(0)) == "exclusiveMinimum")
        #expect(keyword(exclusive, .integer(1)) == "exclusiveMaximum")
    }

    @Test("multipleOf, with decimal steps read as the spec means them")
    func multipleOf() {
        #expect(keyword(SchemaRule(kinds: [.integer], multipleOf: 5), .integer(15)) == nil)
        #expect(keyword(SchemaRule(kinds: [.integer], multipleOf: 5), .integer(7)) == "multipleOf")
        #expect(keyword(SchemaRule(kinds: [.number], multipleOf: 0.01), .number(19.99)) == nil)
        #expect(keyword(SchemaRule(kinds: [.number], multipleOf: 0.01), .number(19.999)) == "multipleOf")
    }

    @Test("minLength and maxLength count characters as JSON Schema does (code points)")
    func lengths() {
        let rule = SchemaRule(kinds: [.string], minLength: 2, maxLength: 3)
        #expect(keyword(rule, .string("ab")) == nil)
        #expect(keyword(rule, .string("äöü")) == nil)
        #expect(keyword(rule, .string("a")) == "minLength")
        #expect(keyword(rule, .string("abcd")) == "maxLength")
        #expect(rule.violation(of: .string("a"))?.message == "'a' is shorter than 2 characters")
    }

    @Test("pattern matches anywhere unless anchored; a pattern that does not compile checks nothing")
    func patterns() {
        #expect(keyword(SchemaRule(kinds: [.string], pattern: "[0-9]"), .string("ab1")) == nil)
        #expect(keyword(SchemaRule(kinds: [.string], pattern: "^[0-9]+$"), .string("ab1")) == "pattern")
        #expect(keyword(SchemaRule(kinds: [.string], pattern: "(unclosed"), .string("x")) == nil)
    }

    @Test("enum is closed on input: text, numbers and null compared as values")
    func closedEnums() {
        let rule = SchemaRule(kinds: [.string], allowed: [.string("asc"), .string("desc")])
        #expect(keyword(rule, .string("asc")) == nil)
        #expect(keyword(rule, .string("sideways")) == "enum")
        #expect(rule.violation(of: .string("sideways"))?.message == "'sideways' is not one of 'asc', 'desc'")
        let numbers = SchemaRule(kinds: [.integer], allowed: [.integer(1), .integer(2)])
        #expect(keyword(numbers, .number(2.0)) == nil)
        #expect(keyword(numbers, .string("2"), asText: true) == nil)
        #expect(keyword(numbers, .string("3"), asText: true) == "enum")
        let nullable = SchemaRule(kinds: [.string, .null], allowed: [.string("a"), .null])
        #expect(keyword(nullable, .null) == nil)
    }

    @Test("minItems, maxItems and uniqueItems, with the items' own rules at their index")
    func arrays() {
        let rule = SchemaRule(
            kinds: [.array], items: SchemaRule(kinds: [.integer], minimum: 0), minItems: 1, maxItems: 3,
            uniqueItems: true)
        #expect(keyword(rule, .array([.integer(1), .integer(2)])) == nil)
        #expect(keyword(rule, .array([])) == "minItems")
        #expect(keyword(rule, .array([.integer(1), .integer(2), .integer(3), .integer(4)])) == "maxItems")
        #expect(keyword(rule, .array([.integer(1), .number(1.0)])) == "uniqueItems")
        let item = rule.violation(of: .array([.integer(1), .integer(-1)]))
        #expect(item?.keyword == "minimum")
        #expect(item?.codingPath == "[1]")
        // A single query value stands for a list of one.
        #expect(keyword(rule, .string("-1"), asText: true) == "minimum")
    }

    @Test("required (but not what the server sets), additionalProperties: false, min and max properties")
    func objects() {
        let rule = SchemaRule(
            kinds: [.object],
            properties: ["name": SchemaRule(kinds: [.string]), "age": SchemaRule(kinds: [.integer], minimum: 0)],
            required: ["name"], otherMembers: .forbidden, maxProperties: 2)
        #expect(keyword(rule, .object(["name": .string("a"), "age": .integer(3)])) == nil)
        #expect(keyword(rule, .object(["age": .integer(3)])) == "required")
        #expect(keyword(rule, .object(["name": .string("a"), "nickname": .string("b")])) == "additionalProperties")
        let nested = rule.violation(of: .object(["name": .string("a"), "age": .integer(-1)]))
        #expect(nested?.codingPath == "age")
        #expect(nested?.description == "at 'age': -1 is less than the minimum 0")
        let counted = SchemaRule(kinds: [.object], minProperties: 1)
        #expect(keyword(counted, .object([:])) == "minProperties")
        let dictionary = SchemaRule(kinds: [.object], otherMembers: .rule(SchemaRule(kinds: [.string], maxLength: 1)))
        #expect(rule.violation(of: .object(["name": .string("a")])) == nil)
        #expect(dictionary.violation(of: .object(["k": .string("long")]))?.codingPath == "k")
    }

    @Test("allOf needs every part; anyOf and oneOf one alternative; text takes the alternative it decodes as")
    func compositions() {
        let all = SchemaRule(allOf: [SchemaRule(minimum: 0), SchemaRule(maximum: 10)])
        #expect(keyword(all, .integer(5)) == nil)
        #expect(keyword(all, .integer(11)) == "maximum")
        let either = SchemaRule(oneOf: [SchemaRule(kinds: [.integer], minimum: 0), SchemaRule(kinds: [.string])])
        #expect(keyword(either, .integer(3)) == nil)
        #expect(keyword(either, .string("2024-01-01")) == nil)
        #expect(keyword(either, .integer(-1)) == "oneOf")
        // `-1` reads as an integer, so the integer alternative's minimum applies (not the string's).
        #expect(keyword(either, .string("-1"), asText: true) == "minimum")
        #expect(keyword(either, .string("later"), asText: true) == nil)
        let any = SchemaRule(anyOf: [SchemaRule(kinds: [.boolean]), SchemaRule(kinds: [.integer])])
        #expect(keyword(any, .string("x")) == "anyOf")
    }

    @Test("JSON types are checked in bodies: an integral number is an integer, null only when allowed")
    func kinds() {
        #expect(keyword(SchemaRule(kinds: [.integer]), .number(3.0)) == nil)
        #expect(keyword(SchemaRule(kinds: [.integer]), .number(3.5)) == "type")
        #expect(keyword(SchemaRule(kinds: [.number]), .integer(3)) == nil)
        #expect(keyword(SchemaRule(kinds: [.string]), .null) == "type")
        #expect(keyword(SchemaRule(kinds: [.string, .null]), .null) == nil)
    }

    /// A component that contains itself (`Node.children: [Node]`), through a reference read when first needed.
    enum Rules {
        static let node: SchemaRule = SchemaRule(
            kinds: [.object], properties: ["children": SchemaRule(kinds: [.array], items: .reference { Rules.node })],
            required: ["id"])
    }

    @Test("a component that refers to itself is checked at every level, with the full coding path")
    func recursion() {
        let tree: JSONValue = .object([
            "id": .integer(1), "children": .array([.object(["id": .integer(2)]), .object(["children": .array([])])]),
        ])
        let violation = Rules.node.violation(of: tree)
        #expect(violation?.keyword == "required")
        #expect(violation?.codingPath == "children[1]")
    }

    @Test("the problem document names the rule beside the parameter or coding path")
    func problemDocument() throws {
        let error = RequestError(
            status: 400, detail: "parameter 'limit' (query): 5000 is greater than the maximum 1000", parameter: "limit",
            location: .query, rule: "maximum")
        let body = try JSONDecoder().decode(JSONValue.self, from: error.response.body)
        guard case .object(let members) = body else { throw CocoaError(.coderReadCorrupt) }
        #expect(members["rule"] == .string("maximum"))
        #expect(members["parameter"] == .string("limit"))
    }
}

/// `RequestError.documented`: a refusal as a value of the error schema the spec documents, filled by member names.
@Suite struct DocumentedErrorTests {
    struct Envelope: Decodable, Equatable {
        struct Inner: Decodable, Equatable {
            var errorString: String
            var code: Int
        }
        var error: Inner
        var title: String
        var source: [String: String]
    }

    @Test("members are filled by their names at any depth; others keep the template's value")
    func filled() throws {
        let problem = RequestError(
            status: 400, detail: "parameter 'limit' (query): 5000 is greater than the maximum 1000",
            parameter: "limit", location: .query, rule: "maximum")
        let value = try problem.documented(
            Envelope.self,
            template: #"{"error":{"errorString":"","code":0},"title":"","source":{"parameter":"","in":"","other":"x"}}"#
        )
        #expect(value.error.errorString == problem.detail)
        #expect(value.error.code == 400)
        #expect(value.title == "Bad Request")
        #expect(value.source == ["parameter": "limit", "in": "query", "other": "x"])
        // A body that is only text carries the detail.
        #expect(try problem.documented(String.self, template: #""""#) == problem.detail)
    }

    @Test("a template that does not decode as the type throws, so the router sends its problem document")
    func mismatch() {
        #expect(throws: (any Error).self) {
            try RequestError(status: 400, detail: "x").documented(Envelope.self, template: "{}")
        }
    }
}
