import Foundation
import SwiftEmitter
import SwiftPlanning
import Testing

/// A spec with every constraint kind in every parameter location and in nested bodies (JSON and form), served by its
/// generated router: a request inside every rule is answered by the handler; each request that breaks one rule is
/// `400` naming that rule, before the handler runs.
let constraintSpec = """
    openapi: 3.1.0
    info: {title: Rules, version: "1"}
    paths:
      /items/{code}:
        post:
          operationId: putItem
          parameters:
            - {name: code, in: path, required: true, schema: {type: string, pattern: '^[A-Z]{3}$'}}
            - {name: count, in: query, schema: {type: integer, minimum: 1, maximum: 10}}
            - {name: ratio, in: query, schema: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}}
            - {name: step, in: query, schema: {type: integer, multipleOf: 5}}
            - name: tags
              in: query
              schema:
                type: array
                items: {type: string, minLength: 2, maxLength: 4}
                minItems: 1
                maxItems: 3
                uniqueItems: true
            - name: filter
              in: query
              style: deepObject
              explode: true
              schema: {type: object, properties: {min: {type: integer, minimum: 0}}, additionalProperties: false}
            - {name: X-Mode, in: header, schema: {type: string, enum: [fast, safe]}}
            - {name: session, in: cookie, schema: {type: string, minLength: 8}}
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Item'}
          responses:
            '204': {description: Stored.}
      /forms:
        post:
          operationId: postForm
          requestBody:
            required: true
            content:
              application/x-www-form-urlencoded:
                schema:
                  type: object
                  # `ghost` is not declared: no generated type can send it, so the server does not require it.
                  required: [name, ghost]
                  properties:
                    name: {type: string, maxLength: 5}
                    level: {type: integer, maximum: 3}
          responses:
            '204': {description: Stored.}
      /shapes/{n}:
        get:
          operationId: getShape
          parameters:
            - {name: n, in: path, required: true, schema: {type: integer, maximum: 5}}
          responses:
            '200': {description: OK.}
            '4XX':
              description: Refused.
              content:
                application/json:
                  schema:
                    type: object
                    required: [message, status, source]
                    properties:
                      message: {type: string}
                      status: {type: integer}
                      source: {type: object, required: [parameter], properties: {parameter: {type: string}}}
      /defaults/{n}:
        get:
          operationId: getDefault
          parameters:
            - {name: n, in: path, required: true, schema: {type: integer, maximum: 5}}
          responses:
            '200': {description: OK.}
            default:
              description: Anything else.
              content:
                text/plain:
                  schema: {type: string}
                application/json:
                  schema: {type: string}
    components:
      schemas:
        Item:
          type: object
          required: [id, name, price]
          additionalProperties: false
          minProperties: 2
          maxProperties: 4
          properties:
            id: {type: integer, readOnly: true}
            name: {type: string, minLength: 1, maxLength: 20}
            price: {type: number, minimum: 0, multipleOf: 0.01}
            kind:
              oneOf:
                - {type: integer, minimum: 0}
                - {type: string, enum: [a, b]}
            parts: {type: array, items: {$ref: '#/components/schemas/Item'}, maxItems: 2}
            labels: {type: object, additionalProperties: {type: string, maxLength: 3}}
            # A reference that also allows null (OpenAI's `reasoning`): null passes, the component's rules still hold.
            parent:
              anyOf:
                - $ref: '#/components/schemas/Item'
                - type: 'null'
    """

/// Each request and what it must get: the status and the rule the problem document names (`-` for none), or the
/// body of a refusal in the shape the operation documents.
let constraintCases: [(label: String, call: String, status: Int, rule: String)] = [
    ("valid", ##"send("/items/ABC?count=3&ratio=0.5&step=10&tags=ab&tags=cd&filter[min]=1")"##, 204, "-"),
    (
        "nested valid",
        ##"send("/items/ABC", body: #"{"name":"a","price":0.1,"kind":"b","parts":[{"name":"b","price":2}]}"#)"##, 204,
        "-"
    ),
    ("pattern", ##"send("/items/abc")"##, 400, "pattern"),
    ("minimum", ##"send("/items/ABC?count=0")"##, 400, "minimum"),
    ("maximum", ##"send("/items/ABC?count=11")"##, 400, "maximum"),
    ("exclusiveMinimum", ##"send("/items/ABC?ratio=0")"##, 400, "exclusiveMinimum"),
    ("exclusiveMaximum", ##"send("/items/ABC?ratio=1")"##, 400, "exclusiveMaximum"),
    ("multipleOf", ##"send("/items/ABC?step=7")"##, 400, "multipleOf"),
    ("minLength item", ##"send("/items/ABC?tags=a")"##, 400, "minLength"),
    ("maxLength item", ##"send("/items/ABC?tags=abcde")"##, 400, "maxLength"),
    ("maxItems", ##"send("/items/ABC?tags=ab&tags=cd&tags=ef&tags=gh")"##, 400, "maxItems"),
    ("uniqueItems", ##"send("/items/ABC?tags=ab&tags=ab")"##, 400, "uniqueItems"),
    ("deepObject minimum", ##"send("/items/ABC?filter[min]=-1")"##, 400, "minimum"),
    ("deepObject additionalProperties", ##"send("/items/ABC?filter[max]=1")"##, 400, "additionalProperties"),
    ("header enum", ##"send("/items/ABC", headers: ["X-Mode": "reckless"])"##, 400, "enum"),
    ("cookie minLength", ##"send("/items/ABC", headers: ["Cookie": "session=short"])"##, 400, "minLength"),
    ("body required", ##"send("/items/ABC", body: #"{"name":"a","id":1}"#)"##, 400, "required"),
    (
        "body additionalProperties", ##"send("/items/ABC", body: #"{"name":"a","price":1,"color":"red"}"#)"##, 400,
        "additionalProperties"
    ),
    ("body minLength", ##"send("/items/ABC", body: #"{"name":"","price":1}"#)"##, 400, "minLength"),
    ("body multipleOf", ##"send("/items/ABC", body: #"{"name":"a","price":1.005}"#)"##, 400, "multipleOf"),
    ("body oneOf", ##"send("/items/ABC", body: #"{"name":"a","price":1,"kind":-2}"#)"##, 400, "oneOf"),
    (
        "nested maxItems",
        ##"send("/items/ABC", body: #"{"name":"a","price":1,"parts":[{"name":"b","price":1},{"name":"c","price":1},{"name":"d","price":1}]}"#)"##,
        400, "maxItems"
    ),
    (
        "nested minimum", ##"send("/items/ABC", body: #"{"name":"a","price":1,"parts":[{"name":"b","price":-1}]}"#)"##,
        400, "minimum"
    ),
    (
        "additional value", ##"send("/items/ABC", body: #"{"name":"a","price":1,"labels":{"x":"long"}}"#)"##, 400,
        "maxLength"
    ),
    (
        "maxProperties", ##"send("/items/ABC", body: #"{"name":"a","price":1,"kind":1,"parts":[],"labels":{}}"#)"##,
        400, "maxProperties"
    ),
    ("nullable reference", ##"send("/items/ABC", body: #"{"name":"a","price":1,"parent":null}"#)"##, 204, "-"),
    (
        "nullable reference's rules",
        ##"send("/items/ABC", body: #"{"name":"a","price":1,"parent":{"name":"","price":1}}"#)"##,
        400, "anyOf"
    ),
    ("form valid", ##"send("/forms", body: "name=ab&level=2", form: true)"##, 204, "-"),
    ("form maxLength", ##"send("/forms", body: "name=abcdef", form: true)"##, 400, "maxLength"),
    ("form maximum", ##"send("/forms", body: "name=ab&level=4", form: true)"##, 400, "maximum"),
    // Refusals in the documented error shape: 4XX with its members filled by name, default as plain JSON text.
    (
        "shape", ##"send("/shapes/9", method: "GET")"##, 400,
        #"{"message":"parameter 'n' (path): 9 is greater than the maximum 5","source":{"parameter":"n"},"status":400}"#
    ),
    (
        "default shape", ##"send("/defaults/9", method: "GET")"##, 400,
        #""parameter 'n' (path): 9 is greater than the maximum 5""#
    ),
]

/// What the constraint spec's generated server answered each case of `constraintCases`, by label: generated, compiled
/// (Swift 6, warnings as errors) and run once, for all of them.
let constraintAnswers: Result<[String: (status: Int, rule: String)], any Error> = Result { try runConstraintServer() }

struct ConstraintServerFailure: Error, CustomStringConvertible {
    var description: String
}

@Suite struct ServerValidationTests {
    @Test(
        "each rule, in every location and nested body, is refused naming it; valid requests reach the handler",
        arguments: constraintCases.map(\.label))
    func rule(label: String) throws {
        let answers = try constraintAnswers.get()
        let expected = try #require(constraintCases.first { $0.label == label })
        let answer = answers[label]
        #expect(answer?.status == expected.status, "\(String(describing: answer))")
        #expect(answer?.rule == expected.rule, "\(String(describing: answer))")
    }
}

func runConstraintServer() throws -> [String: (status: Int, rule: String)] {
    var options = EmitOptions()
    options.server = true
    let dir = try generateToDisk(constraintSpec, options: options)
    defer { try? FileManager.default.removeItem(at: dir) }
    let calls = constraintCases.map {
        "await \($0.call.replacingOccurrences(of: "send(", with: "send(\"\($0.label)\", "))"
    }
    try """
    import Foundation

    let router = APIRouter(handler: MockHandler(), authenticator: AnyPresentCredential())

    func send(
        _ label: String, _ target: String, method: String = "POST", headers: [String: String] = [:],
        body: String = #"{"name":"bolt","price":1.25}"#, form: Bool = false
    ) async {
        var fields = [
            "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json", "X-Mode": "fast",
            "Cookie": "session=12345678",
        ]
        fields.merge(headers) { $1 }
        let request = HTTPRequest(
            method: method, url: URL(string: "https://h" + target)!, headers: fields,
            body: method == "GET" ? nil : Data(body.utf8))
        let response = await router.respond(to: request)
        var rule = "-"
        if response.header("Content-Type") == "application/problem+json",
            let problem = try? JSONDecoder().decode([String: JSONValue].self, from: response.body),
            case .string(let text)? = problem["rule"]
        {
            rule = text
        } else if response.header("Content-Type") == "application/json" {
            // A refusal in the documented shape: its body, keys sorted.
            let value = try? JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed)
            rule = value.flatMap {
                try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed])
            }.map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
        print(label + "|" + String(response.statusCode) + "|" + rule)
    }

    \(calls.joined(separator: "\n"))

    """.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
    let build = try swiftc(["-module-name", "Rules", "-o", "rules"], in: dir)
    guard build.status == 0, build.output.isEmpty else {
        throw ConstraintServerFailure(description: String(build.output.prefix(4000)))
    }
    let output = try runProgram("rules", in: dir)
    var answers: [String: (status: Int, rule: String)] = [:]
    for line in output.split(separator: "\n") {
        let parts = line.split(separator: "|", maxSplits: 2).map(String.init)
        guard parts.count == 3, let status = Int(parts[1]) else { continue }
        answers[parts[0]] = (status, parts[2])
    }
    return answers
}
