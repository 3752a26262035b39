import Foundation
import Testing

@testable import GenRuntime

@Suite struct ResponseContractTests {
    let contract = ResponseContract([
        "200": [
            .init(
                "application/json",
                rule: SchemaRule(
                    kinds: [.object], properties: ["status": SchemaRule(kinds: [.string], allowed: [.string("done")])],
                    required: ["status"])),
            .init("text/*"),
        ],
        "204": [],
        "4XX": [.init("application/problem+json")],
        "default": [.init("*/*")],
    ])

    func answer(_ status: Int, _ contentType: String? = nil, _ body: String = "") -> HTTPResponse {
        HTTPResponse(
            statusCode: status, headers: contentType.map { ["Content-Type": $0] } ?? [:], body: Data(body.utf8))
    }

    @Test("an answer the spec documents passes: its status, a media type it lists (ranges too), a body its rule allows")
    func documented() {
        #expect(contract.violation(of: answer(200, "application/json; charset=utf-8", #"{"status":"done"}"#)) == nil)
        #expect(contract.violation(of: answer(200, "text/csv", "a,b")) == nil)
        #expect(contract.violation(of: answer(204)) == nil)
        #expect(contract.violation(of: answer(404, "application/problem+json", "{}")) == nil)
        #expect(contract.violation(of: answer(503, "image/png", "png")) == nil)
        // Documented content may still be left out: the spec does not require it.
        #expect(contract.violation(of: answer(200)) == nil)
    }

    @Test("a status is matched as the spec says: its code, else its range, else default")
    func statuses() {
        #expect(contract.documentedKey(for: 204) == "204")
        #expect(contract.documentedKey(for: 418) == "4XX")
        #expect(contract.documentedKey(for: 201) == "default")
        let strict = ResponseContract(["200": [], "404": []])
        #expect(strict.violation(of: answer(500)) == "status 500 is not documented (200, 404 are)")
    }

    @Test("each way an answer breaks the contract is named, with the coding path of a body's violation")
    func violations() {
        #expect(contract.violation(of: answer(204, nil, "x")) == "204 documents no body, but the answer has one")
        #expect(
            contract.violation(of: answer(200, "application/xml", "<a/>"))
                == "200 is documented as application/json, text/*, but the answer is application/xml")
        #expect(
            contract.violation(of: answer(200, nil, "{}"))
                == "200 is documented as application/json, text/*, but the answer is without Content-Type")
        #expect(contract.violation(of: answer(200, "application/json", "{")) == "the 200 body is not JSON")
        let wrong = contract.violation(of: answer(200, "application/json", #"{"status":"lost"}"#))
        #expect(wrong?.hasPrefix("the 200 body breaks its schema: at 'status': ") == true, "\(wrong ?? "")")
        let missing = contract.violation(of: answer(200, "application/json", "{}"))
        #expect(missing?.contains("status") == true)
    }
}
