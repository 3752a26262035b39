import Foundation
import Testing

@testable import GenRuntime

/// `JSONReader`, the decoder the client, the server and event streams read JSON with: on every input it returns
/// what Foundation's `JSONDecoder` (configured as `JSONCoding.decoder()`) returns, or throws when it throws; and it
/// reads the common cases itself rather than leaving them to `JSONDecoder`.
@Suite struct JSONReaderTests {
    struct Sample: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var name: String
            var tags: [String]?
        }
        var text: String
        var integer: Int
        var number: Double
        var flag: Bool
        var small: Int8?
        var unsigned: UInt64?
        var single: Float?
        var when: Date?
        var bytes: Data?
        var link: URL?
        var list: [Int]?
        var map: [String: Int]?
        var inner: Inner?
        var inners: [Inner]?
        var any: JSONValue?
        var nested: [[Double]]?
        var money: Decimal?

        enum CodingKeys: String, CodingKey {
            case text, integer, number, flag, small, unsigned, single, when, bytes, link, list, map, inner, inners
            case any, nested, money
            case renamed = "snake_case_name"
        }

        var renamed: String?
    }

    /// Decodes `json` as `type` both ways: the same value, or both throw (with `JSONDecoder`'s error).
    func agree<T: Codable & Equatable>(
        _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        agree(type, Data(json.utf8), sourceLocation: sourceLocation)
    }

    func agree<T: Codable & Equatable>(_ type: T.Type, _ data: Data, sourceLocation: SourceLocation = #_sourceLocation)
    {
        let json = String(decoding: data, as: UTF8.self)
        let expected = Result { try JSONCoding.decoder().decode(type, from: data) }
        let actual = Result { try JSONCoding.decode(type, from: data) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(expected == actual, "\(json)", sourceLocation: sourceLocation)
            // Equal values can still differ (-0.0 and 0.0): compare what they encode to as well.
            let encoder = JSONCoding.encoder()
            #expect(
                (try? encoder.encode(expected)) == (try? encoder.encode(actual)), "\(json)",
                sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect("\(expected)" == "\(actual)", "\(json)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(json): JSONDecoder \(expected), JSONReader \(actual)", sourceLocation: sourceLocation)
        }
    }

    static let full = #"""
        {"text":"plain","integer":-42,"number":3.25,"flag":true,"small":-128,"unsigned":18446744073709551615,
         "single":12345,"when":"2019-08-24T14:15:22.25Z","bytes":"aGVsbG8=","link":"https://example.com/a?b=c",
         "list":[1,2,3],"map":{"a":1,"b":2},"inner":{"name":"n","tags":["x","y"]},"inners":[{"name":"m"},{"name":"o","tags":[]}],
         "any":{"a":[1,2.5,"x",null,true,{"b":{}}],"big":12345678901234567890,"neg":-0.5},
         "nested":[[1,2.5],[],[-0,1e3]],"snake_case_name":"r"}
        """#

    @Test func readsAModelAsJSONDecoderDoes() throws {
        agree(Sample.self, Self.full)
        // It reads this one itself: nothing in it is left to JSONDecoder.
        let read = try #require(JSONReader().read(Sample.self, from: Data(Self.full.utf8)))
        #expect(read.unsigned == .max)
        #expect(read.when == Date(timeIntervalSince1970: 1_566_656_122.25))
        #expect(read.bytes == Data("hello".utf8))
        #expect(read.renamed == "r")
        #expect(read.any?.objectMember("big") == .number(12_345_678_901_234_567_168))
    }

    @Test(arguments: [
        // Escapes, surrogate pairs, characters beyond ASCII.
        #"{"text":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00 é 😀","integer":1,"number":1,"flag":false}"#,
        // Numbers: -0, exponents, integers written as decimals (JSONDecoder reads 1.0 and 1e2 as Int).
        #"{"text":"","integer":-0,"number":-0,"flag":false}"#,
        #"{"text":"","integer":1.0,"number":1e2,"flag":false}"#,
        #"{"text":"","integer":1e2,"number":1E-2,"flag":false,"single":1.5}"#,
        #"{"text":"","integer":1.5,"number":1,"flag":false}"#,
        #"{"text":"","integer":9223372036854775808,"number":1,"flag":false}"#,
        #"{"text":"","integer":1,"number":1e400,"flag":false}"#,
        #"{"text":"","integer":1,"number":0.1,"flag":false,"small":128}"#,
        #"{"text":"","integer":1,"number":123456789012345678901234567890,"flag":false,"unsigned":-1}"#,
        #"{"text":"","integer":1,"number":2.2250738585072014e-308,"flag":false,"money":1.10}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"single":16777217}"#,
        // JSONValue: fractions, integral decimals, past Int's range, every kind.
        #"{"text":"","integer":1,"number":1,"flag":false,"any":[1.0,1e2,0.5,-0,-0.0,9223372036854775807,9223372036854775808]}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"any":{"a":1,"a":2}}"#,
        // The same member twice.
        #"{"text":"first","text":"second","integer":1,"number":1,"flag":false}"#,
        // Missing, null, wrong types.
        #"{"text":"","number":1,"flag":false}"#,
        #"{"text":null,"integer":1,"number":1,"flag":false}"#,
        #"{"text":"","integer":"1","number":1,"flag":false}"#,
        #"{"text":"","integer":1,"number":"1","flag":0}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"when":"yesterday"}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"bytes":"not base64!"}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"link":""}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"list":[1,"2"]}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"inner":[]}"#,
        #"{"text":"","integer":1,"number":1,"flag":false,"inners":[{"tags":[]}]}"#,
        // Not JSON, or not plain JSON.
        #"{"text":"","integer":1,"number":1,"flag":false,}"#,
        #"{"text":"","integer":01,"number":1,"flag":false}"#,
        #"{"text":"","integer":+1,"number":1,"flag":false}"#,
        #"{"text":"","integer":1,"number":.5,"flag":false}"#,
        #"{"text":"","integer":1,"number":1.,"flag":false}"#,
        #"{"text":"","integer":1,"number":NaN,"flag":false}"#,
        #"{"text":"a\qb","integer":1,"number":1,"flag":false}"#,
        #"{"text":"\ud800","integer":1,"number":1,"flag":false}"#,
        #"{"text":"\udc00\ud800","integer":1,"number":1,"flag":false}"#,
        #"{"text":"\u12","integer":1,"number":1,"flag":false}"#,
        "{\"text\":\"tab\there\",\"integer\":1,\"number\":1,\"flag\":false}",
        #"{"text":"","integer":1,"number":1,"flag":false} x"#,
        #"{"text":"","integer":1,"number":1,"flag":false}{}"#,
        #"// comment"#, "", " ", "[]", "null", "{", #"{"text""#,
        "\u{FEFF}{\"text\":\"\",\"integer\":1,\"number\":1,\"flag\":false}",
        " \t\r\n{ \"text\" : \"\" , \"integer\" : 1 , \"number\" : 1 , \"flag\" : true } \n",
    ])
    func readsEveryInputAsJSONDecoderDoes(json: String) {
        agree(Sample.self, json)
        agree(JSONValue.self, json)
    }

    @Test func namesAreComparedAsSwiftStrings() {
        struct Accented: Codable, Equatable {
            var cafe: String
            var plain: String?
            enum CodingKeys: String, CodingKey {
                case cafe = "caf\u{E9}"
                case plain
            }
        }
        // "café" written with a combining accent and with an escape: the same Swift string.
        agree(Accented.self, "{\"cafe\u{301}\":\"decomposed\"}")
        agree(Accented.self, #"{"caf\u00e9":"escaped","pl\u0061in":"p"}"#)
        agree(Accented.self, #"{"café":"composed","plain":null}"#)
    }

    /// Invalid UTF-8 anywhere is left to JSONDecoder (which refuses it in what it reads, not in a member no model
    /// reads).
    @Test func invalidUTF8IsLeftToJSONDecoder() {
        var bytes = Array(#"{"text":"","integer":1,"number":1,"flag":false,"other":"x"}"#.utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let at = bytes.count - 3
            var broken = bytes
            broken.replaceSubrange(at..<at + 1, with: bad)
            agree(Sample.self, Data(broken))
            agree(JSONValue.self, Data(broken))
            #expect(JSONReader().read(Sample.self, from: Data(broken)) == nil)
        }
        bytes.replaceSubrange(bytes.count - 3..<bytes.count - 2, with: Array("é€😀".utf8))
        #expect(JSONReader().read(Sample.self, from: Data(bytes)) != nil)
    }

    @Test func largeObjectsFindTheirMembers() throws {
        // More than 16 members: looked up through a table.
        var members = (0..<40).map { #""k\#($0)":\#($0)"# }
        members.append(#""text":"t","integer":7,"number":1.5,"flag":true"#)
        let json = "{" + members.joined(separator: ",") + "}"
        agree(Sample.self, json)
        agree(JSONValue.self, json)
        #expect(try #require(JSONReader().read(Sample.self, from: Data(json.utf8))).integer == 7)
        agree(Sample.self, "{" + members.joined(separator: ",") + #","k3":4}"#)
        agree([String: Int].self, "{" + (0..<40).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}")
    }

    @Test func deepNestingIsLeftToJSONDecoder() {
        agree(JSONValue.self, String(repeating: "[", count: 600) + String(repeating: "]", count: 600))
        agree(JSONValue.self, String(repeating: "[", count: 100) + String(repeating: "]", count: 100))
    }

    /// A failed read in a list leaves the item there (as `JSONDecoder` does), so a `try?` can read it another way.
    @Test func aFailedReadDoesNotMoveAList() throws {
        struct Either: Codable, Equatable {
            var items: [String]
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                items = []
                while !container.isAtEnd {
                    if let number = try? container.decode(Int.self) {
                        items.append("int \(number)")
                    } else if try container.decodeNil() {
                        items.append("null")
                    } else {
                        items.append(try container.decode(String.self))
                    }
                }
            }
            func encode(to encoder: any Encoder) throws { try items.encode(to: encoder) }
        }
        agree(Either.self, #"[1,"two",null,3,"four"]"#)
        #expect(try #require(JSONReader().read(Either.self, from: Data(#"[1,"two",null]"#.utf8))).items.count == 3)
    }

    @Test func anErrorIsJSONDecodersWithItsPath() throws {
        let data = Data(#"{"text":"","integer":1,"number":1,"flag":false,"inners":[{"name":"a"},{"name":5}]}"#.utf8)
        let error = try #require(throws: DecodingError.self) { try JSONCoding.decode(Sample.self, from: data) }
        #expect(error.codingPathDescription == "inners[1].name")
    }

    @Test func aReaderIsUsedForManyValues() throws {
        let reader = JSONReader()
        for index in 0..<100 {
            let json = #"{"text":"\#(index)","integer":\#(index),"number":0.5,"flag":true,"list":[\#(index)]}"#
            let value = try reader.decode(Sample.self, from: Data(json.utf8))
            #expect(value.text == "\(index)" && value.list == [index])
        }
        // One left to JSONDecoder does not stop the next from being read.
        #expect(reader.read(Sample.self, from: Data(#"{"text":"","integer":1.0,"number":1,"flag":false}"#.utf8)) == nil)
        #expect(reader.read(Sample.self, from: Data(#"{"text":"","integer":1,"number":1,"flag":false}"#.utf8)) != nil)
    }

    @Test func theCodingPathIsFoundOnlyWhenAsked() throws {
        struct Probe: Decodable {
            var paths: [String] = []
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: DynamicCodingKey.self)
                var list = try container.nestedUnkeyedContainer(forKey: "a")
                _ = try list.decode(Int.self)
                let inner = try list.nestedContainer(keyedBy: DynamicCodingKey.self)
                let deeper = try inner.superDecoder(forKey: "b")
                paths = [container.codingPath, list.codingPath, inner.codingPath, deeper.codingPath].map {
                    $0.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                }
            }
        }
        let read = try #require(JSONReader().read(Probe.self, from: Data(#"{"a":[1,{"b":{"c":2}}]}"#.utf8)))
        let foundation = try JSONDecoder().decode(Probe.self, from: Data(#"{"a":[1,{"b":{"c":2}}]}"#.utf8))
        #expect(read.paths == foundation.paths)
    }
}

extension JSONValue {
    fileprivate func objectMember(_ name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[name]
    }
}
