import Foundation
import Testing

/// Inline schemas of `components.parameters`, `components.responses` and `components.requestBodies` are one type
/// each, shared by every operation that refers to the component (GitHub's `service_unavailable` body was 22
/// copies, one per operation).
@Suite struct SharedComponentTests {
    @Test(
        "a component's inline schema is declared once at the top level and every operation that refers to it uses that type"
    )
    func sharedAcrossOperations() throws {
        let dir = try generateToDisk(sharedComponentsSpec, exerciser: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }
        let source = try files.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        // Named after the component; a name a component schema holds takes the kind's suffix; array items add "Item".
        for declaration in [
            "public enum Direction:", "public enum OrderParameter:", "public enum FieldsItem:",
            "public struct NotFoundBody:", "public struct PetsBodyItem:", "public struct NewPetBody:",
            "public struct Order:",
        ] {
            #expect(
                source.components(separatedBy: "\n" + declaration).count == 2,
                "\(declaration) is not declared exactly once")
        }
        #expect(!source.contains("enum Operations"), "no operation needs a type of its own")
        #expect(
            source.contains(
                "public func listCats(direction: Direction? = nil, order: OrderParameter? = nil, fields: [FieldsItem]? = nil,"
            ))
        #expect(source.contains("public func listDogs(direction: Direction? = nil,"))
        #expect(source.contains("case notFound(ErrorBody<NotFoundBody>)"))
        #expect(
            source.contains(
                "- Remark: Generated from `#/components/responses/not_found/content/application~1json/schema`."))

        // Run: every documented response of every operation through the replaying transport, and one function
        // that takes the shared error body serves the errors of three operations.
        try #"""
        func message(_ body: ErrorBody<NotFoundBody>) -> String {
            guard case .decoded(let value) = body else { return "undecoded" }
            return value.message + " \(value.detail?.code ?? 0)"
        }
        let report = await Exerciser.run()
        for failure in report.failures { print("FAIL " + failure) }
        print("exerciser: " + report.summary)
        let client = Client(transport: ReplayTransport(statuses: [.listCats: 404, .listDogs: 404, .addBird: 404]))
        do { _ = try await client.listCats(direction: .asc, order: .newest, fields: [.name]) } catch ListCatsError.notFound(let body) { print("cats:", message(body)) }
        do { _ = try await client.listDogs(direction: .desc) } catch ListDogsError.notFound(let body) { print("dogs:", message(body)) }
        do { try await client.addBird(body: NewPetBody(name: "Tweety")) } catch AddBirdError.notFound(let body) { print("birds:", message(body)) }
        let dogs: [PetsBodyItem] = try await Client(transport: ReplayTransport()).listDogs()
        print(dogs.compactMap(\.name))
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Shared", "-o", "shared"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("shared", in: dir)
        // 7 documented responses, the undecodable body of each of the three 404s, an undocumented status per operation.
        #expect(
            output == """
                exerciser: 4 operations, 14 responses checked, 0 failures
                cats: no such pet 7
                dogs: no such pet 7
                birds: no such pet 7
                ["Rex", "Fido"]

                """)
    }
}

let sharedComponentsSpec = #"""
    openapi: 3.0.3
    info: {title: Shared, version: '1'}
    servers: [{url: 'https://pets.example.com'}]
    paths:
      /cats:
        get:
          operationId: listCats
          parameters:
            - {$ref: '#/components/parameters/direction'}
            - {$ref: '#/components/parameters/order'}
            - {$ref: '#/components/parameters/fields'}
          responses:
            '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Order'}}}}}
            '404': {$ref: '#/components/responses/not_found'}
      /dogs:
        get:
          operationId: listDogs
          parameters: [{$ref: '#/components/parameters/direction'}]
          responses:
            '200': {$ref: '#/components/responses/pets'}
            '404': {$ref: '#/components/responses/not_found'}
        post:
          operationId: addDog
          requestBody: {$ref: '#/components/requestBodies/new_pet'}
          responses:
            '201': {description: created}
      /birds:
        post:
          operationId: addBird
          requestBody: {$ref: '#/components/requestBodies/new_pet'}
          responses:
            '201': {description: created}
            '404': {$ref: '#/components/responses/not_found'}
    components:
      parameters:
        direction: {name: direction, in: query, schema: {type: string, enum: [asc, desc]}}
        order: {name: order, in: query, schema: {type: string, enum: [newest, oldest]}}
        fields: {name: fields, in: query, schema: {type: array, items: {type: string, enum: [name, age]}}}
      responses:
        not_found:
          description: not found
          content:
            application/json:
              schema:
                type: object
                required: [message]
                properties:
                  message: {type: string}
                  detail: {type: object, properties: {code: {type: integer}}}
              example: {message: no such pet, detail: {code: 7}}
        pets:
          description: pets
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {name: {type: string}}}}
              example: [{name: Rex}, {name: Fido}]
      requestBodies:
        new_pet:
          content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}}}}}
      schemas:
        Order: {type: object, properties: {id: {type: integer}}}
    """#
