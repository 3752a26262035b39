import APIModel
import Diagnostics
import Foundation
import OpenAPIReader
import Testing
import YAMLNodes

/// Reads a spec (the header below, then `paths`) into a document and its sorted diagnostics.
private func readSpec(_ paths: String) -> (APIDocument?, [Diagnostic]) {
    let sink = DiagnosticCollector()
    let yaml = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n\n" + paths
    guard let root = YAMLParser.parse(yaml, file: "t.yaml", diagnostics: sink) else { return (nil, sink.sorted) }
    return (OpenAPIReader.read(root, file: "t.yaml", diagnostics: sink), sink.sorted)
}

/// Specs as vendors publish them: what makes correct code impossible is refused, everything else is a located
/// warning and a sensible result (and the result compiles).
@Suite struct LenientReadingTests {
    @Test("an optional list or map written empty (null) reads as absent, with a warning at the key's value")
    func emptyValues() throws {
        let (files, diagnostics) = try emit(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            servers:
            paths:
              /pets:
                get:
                  operationId: listPets
                  parameters:
                  tags:
                  responses:
                    '200': {description: ok}
            components:
              schemas:
            """)
        #expect(
            diagnostics == [
                .emptyValue("'servers'", at: location(3, 9)),
                .emptyValue("'parameters'", at: location(8, 18)),
                .emptyValue("'tags'", at: location(9, 12)),
                .emptyValue("'components.schemas'", at: location(13, 11)),
            ])
        #expect(
            try #require(files.client).contains(
                "public func listPets(options: RequestOptions = RequestOptions()) async throws -> Void {"))
    }

    @Test("a path template variable without a parameter is a warning and a String path parameter")
    func undeclaredPathVariable() throws {
        let (files, diagnostics) = try emit(
            """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /pets/{id}/toys/{toyID}:
                get:
                  operationId: getToy
                  parameters: [{name: toyID, in: path, required: true, schema: {type: integer}}]
                  responses:
                    '200': {description: ok}
            """)
        #expect(
            diagnostics == [
                .templateVariableWithoutParameter("id", path: "/pets/{id}/toys/{toyID}", at: location(4, 3))
            ])
        let client = try #require(files.client)
        #expect(
            client.contains(
                "public func getToy(toyID: Int, id: String, options: RequestOptions = RequestOptions()) async throws -> Void {"
            ))
        #expect(
            client.contains(
                #"let path = "/pets/" + ParameterSerializer.path(id, name: "id", style: .simple) + "/toys/" "#
                    + #"+ ParameterSerializer.path(toyID, name: "toyID", style: .simple)"#
            ))
    }

    @Test("a Boolean of the wrong type warns and uses the default; 'true' as a string is taken at its word")
    func wrongBooleans() throws {
        let (document, diagnostics) = readSpec(
            """
            paths:
              /pets:
                get:
                  parameters:
                    - {name: a, in: query, required: optional, schema: {type: string}}
                    - {name: b, in: query, required: 'true', schema: {type: string}}
                  responses:
                    '200': {description: ok}
            """)
        #expect(
            diagnostics == [
                .wrongTypeUsingDefault(
                    "'required'", expected: "true or false", found: "'optional'", at: location(8, 42)),
                .booleanAsString("'required'", value: true, at: location(9, 42)),
            ])
        let parameters = try #require(document?.operations.first?.parameters)
        #expect(parameters.map(\.isRequired) == [false, true])
    }

    @Test("a $ref to a URL: an error with the fix where generation needs it, a warning where it does not")
    func remoteReferences() throws {
        let (document, diagnostics) = readSpec(
            """
            paths:
              /pets:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: 'https://example.com/schemas.yaml#/Pet'}
                          examples:
                            one: {$ref: 'https://example.com/examples.yaml#/one'}
            """)
        #expect(document != nil)
        #expect(
            diagnostics == [
                .remoteReference("https://example.com/schemas.yaml#/Pet", isNeeded: true, at: location(12, 30)),
                .remoteReference("https://example.com/examples.yaml#/one", isNeeded: false, at: location(14, 29)),
            ])
        #expect(diagnostics.first?.severity == .error && diagnostics.last?.severity == .warning)
    }
}
