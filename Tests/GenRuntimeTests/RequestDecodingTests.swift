import Foundation
import Testing

@testable import GenRuntime

/// How the server reads a multipart body into the tree its types decode from: files as base64 (how `Data` decodes),
/// JSON parts as JSON, text as text.
@Suite struct MultipartTreeTests {
    func body(_ parts: [(name: String, head: String, content: Data)]) -> Data {
        var data = Data()
        for part in parts {
            data += Data("--b\r\nContent-Disposition: form-data; name=\"\(part.name)\"\(part.head)\r\n\r\n".utf8)
            data += part.content + Data("\r\n".utf8)
        }
        return data + Data("--b--\r\n".utf8)
    }

    func member(_ tree: JSONValue?, _ name: String) -> JSONValue? {
        guard case .object(let members)? = tree else { return nil }
        return members[name]
    }

    @Test("a binary field is base64; a JSON part is JSON; text is text")
    func kinds() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00])
        let data = body([
            ("file", "; filename=\"a.png\"", png),
            ("reference", "\r\nContent-Type: application/json", Data(#"{"id":"v1"}"#.utf8)),
            ("prompt", "", Data("a cat".utf8)),
        ])
        let tree = ServerRequest.multipartTree(data, boundary: "b", binaryFields: ["file"])
        #expect(member(tree, "file") == .string(png.base64EncodedString()))
        #expect(member(tree, "reference") == .object(["id": .string("v1")]))
        #expect(member(tree, "prompt") == .string("a cat"))
    }

    @Test("bytes that are not text in a field that may also be a reference (OpenAI's video) are base64, not mangled")
    func bytesInAMixedField() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF])
        let tree = ServerRequest.multipartTree(body([("video", "", png)]), boundary: "b", binaryFields: [])
        #expect(member(tree, "video") == .string(png.base64EncodedString()))
    }
}

/// A whole number beyond what the Swift type holds, where the spec sets no bound: refused naming the range, in
/// parameters and in JSON bodies (where Foundation would only say the body is not valid JSON).
@Suite struct IntegerRangeTests {
    @Test("a parameter beyond Int names Int's range")
    func parameter() {
        #expect {
            _ = try TextDecoder.decode(Int.self, from: .string("222481010650155770636664832"))
        } throws: { error in
            "\(error)".contains("is outside the range of Int, -9223372036854775808 to 9223372036854775807")
        }
        #expect(throws: DecodingError.self) { _ = try TextDecoder.decode(Int.self, from: .string("12abc")) }
    }

    @Test("the first whole number of a body beyond 64 bits is found, with its coding path")
    func body() throws {
        let tree = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"a": 1, "items": [{"bytes": -2971333586662429453019139018850304}]}"#.utf8))
        let found = ServerRequest.integerBeyond64Bits(in: tree)
        #expect(found?.0 == "items[0].bytes")
        #expect(found?.1 == "-2971333586662429453019139018850304")
        #expect(ServerRequest.integerBeyond64Bits(in: .object(["a": .number(1.5e30 + 0.5), "b": .integer(3)])) != nil)
        #expect(ServerRequest.integerBeyond64Bits(in: .object(["a": .number(0.5), "b": .integer(Int.max)])) == nil)
    }

    @Test("a body that may be null is null only as the JSON literal, white space around it")
    func nullBody() {
        for text in ["null", " null\n", "\tnull\r\n"] { #expect(ServerRequest.isJSONNull(Data(text.utf8)), "\(text)") }
        for text in ["", "nul", "\"null\"", "nullnull", "[null]", "{}", "n u l l"] {
            #expect(!ServerRequest.isJSONNull(Data(text.utf8)), "\(text)")
        }
    }

    @Test("in a form or multipart body, a required list that has no field is an empty list (its rules still apply)")
    func missingList() throws {
        struct Upload: Decodable {
            var images: [Data]
            var name: String?
        }
        #expect(try TextDecoder.decode(Upload.self, from: .object(["name": .string("n")])).images.isEmpty)
        #expect(throws: DecodingError.self) {
            struct Named: Decodable { var name: String }
            _ = try TextDecoder.decode(Named.self, from: .object([:]))
        }
        let rule = SchemaRule(
            kinds: [.object], properties: ["images": SchemaRule(kinds: [.array], minItems: 0)], required: ["images"])
        #expect(rule.violation(of: .object([:]), asText: true) == nil)
        #expect(rule.violation(of: .object([:]))?.keyword == "required")  // JSON has a way to send an empty list
        let atLeastOne = SchemaRule(
            kinds: [.object], properties: ["images": SchemaRule(kinds: [.array], minItems: 1)], required: ["images"])
        #expect(atLeastOne.violation(of: .object([:]), asText: true)?.keyword == "minItems")
        #expect(atLeastOne.violation(of: .object([:]), asText: true)?.path == ["images"])
    }
}
