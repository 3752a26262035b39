import Foundation
import Testing

@testable import GenRuntime

/// `JSONWriter`, the encoder the client, the server and event streams write JSON with: for every value it writes
/// the bytes Foundation's `JSONEncoder` (configured as `JSONCoding.encoder()`) writes, or throws when it throws; and
/// it writes the common cases itself rather than leaving them to `JSONEncoder`.
@Suite struct JSONWriterTests {
    /// Encodes `value` both ways: the same bytes, or both throw (with `JSONEncoder`'s error).
    func agree<T: Encodable>(
        _ value: T, request: Bool = false, writes: Bool? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let foundation = request ? JSONCoding.requestEncoder() : JSONCoding.encoder()
        let expected = Result { try foundation.encode(value) }
        let actual = Result { try JSONWriter(encodesRequest: request).encode(value) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(
                String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect("\(expected)" == "\(actual)", sourceLocation: sourceLocation)
        default:
            Issue.record("JSONEncoder \(expected), JSONWriter \(actual)", sourceLocation: sourceLocation)
        }
        if let writes {
            #expect(
                (JSONWriter(encodesRequest: request).write(value) != nil) == writes, "\(value)",
                sourceLocation: sourceLocation)
        }
    }

    struct Sample: Codable {
        struct Inner: Codable {
            var name: String
            var tags: [String]?
        }
        var text = "plain"
        var integer = -42
        var number = 3.25
        var flag = true
        var small: Int8? = -128
        var unsigned: UInt64? = .max
        var single: Float? = 0.1
        var when: Date? = Date(timeIntervalSince1970: 1_566_656_122.25)
        var bytes: Data? = Data("hello".utf8)
        var link: URL? = URL(string: "https://example.com/a?b=c")
        var list: [Int]? = [1, 2, 3]
        var map: [String: Int]? = ["b": 2, "a": 1, "a10": 3, "a9": 4, "B": 5, "_": 6, "1": 7, "10": 8, "2": 9]
        var inner: Inner? = Inner(name: "n", tags: ["x", "y"])
        var inners: [Inner]? = [Inner(name: "m"), Inner(name: "o", tags: [])]
        var any: JSONValue? = .object(["a": .array([.integer(1), .number(2.5), .string("x"), .null, .bool(true)])])
        var nested: [[Double]]? = [[1, 2.5], [], [-0.0, 1e3]]
        var nothing: String?
        var renamed: String? = "r"

        enum CodingKeys: String, CodingKey {
            case text, integer, number, flag, small, unsigned, single, when, bytes, link, list, map, inner, inners
            case any, nested, nothing
            case renamed = "snake_case_name"
        }
    }

    @Test func writesAModelAsJSONEncoderDoes() {
        agree(Sample(), writes: true)
        agree([Sample(), Sample()], writes: true)
    }

    @Test func numbersAreSpelledAsJSONEncoderSpellsThem() {
        var doubles: [Double] = [
            0, -0.0, 1, 1.5, 0.1, 1e-5, 1e-7, 123_456_789, 1e15, 1e16, 1e17, 1e21, 1e22, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude, 2.5e-8, 9_007_199_254_740_992, 9_007_199_254_740_994, 0.30000000000000004,
            -3.25e10, 4_503_599_627_370_495.5,
        ]
        // And a thousand more, any bit pattern that is a finite number.
        var generator = SystemRandomNumberGenerator()
        while doubles.count < 1_000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { doubles.append(value) }
        }
        agree(doubles, writes: true)
        var floats: [Float] = [0.1, 1, 1e10, 3.4e38, 1e-7, 16_777_216, 0.3, 8_388_607.5, -0.0, .leastNonzeroMagnitude]
        while floats.count < 1_000 {
            let value = Float(bitPattern: UInt32.random(in: 0...UInt32.max))
            if value.isFinite { floats.append(value) }
        }
        agree(floats, writes: true)
        agree([Int.min, Int.max], writes: true)
        agree([UInt64.max], writes: true)
        agree([Int8.min], writes: true)
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() {
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        agree([every, "a/b\"c\\d é \u{2028} 😀 \u{7F}", "", "/"], writes: true)
        agree(["key/with\"quote": "v", "tab\t": "w"], writes: true)
    }

    @Test func whatItLeavesToJSONEncoder() {
        // Names beyond ASCII (JSONEncoder compares them as Swift strings), Decimal, not finite, nothing encoded.
        agree(["é": 1, "f": 2], writes: false)
        agree([Decimal(string: "1.10")!], writes: false)
        agree([Double.nan], writes: false)
        agree([Double.infinity], writes: false)
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        agree(Nothing(), writes: false)
        agree([Nothing()], writes: false)
        struct Super: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DynamicCodingKey.self)
                try container.encode(1, forKey: "a")
                try "s".encode(to: container.superEncoder())
            }
        }
        agree(Super(), writes: false)
    }

    /// A member written again replaces its value; a container asked for again is the same object (how a
    /// discriminated `oneOf` adds its discriminator).
    @Test func aMemberWrittenAgainReplacesIt() {
        struct Twice: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DynamicCodingKey.self)
                try container.encode(1, forKey: "x")
                try container.encode("two", forKey: "x")
                var again = encoder.container(keyedBy: DynamicCodingKey.self)
                try again.encode(3, forKey: "y")
                var nested = again.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: "n")
                try nested.encode(true, forKey: "z")
                var list = again.nestedUnkeyedContainer(forKey: "l")
                try list.encode(1)
                var inner = list.nestedContainer(keyedBy: DynamicCodingKey.self)
                try inner.encodeNil(forKey: "k")
            }
        }
        agree(Twice(), writes: true)
        let tagged = try? JSONWriter().encode(Tagged())
        #expect(tagged.map { String(decoding: $0, as: UTF8.self) } == #"{"id":1,"type":"tagged"}"#)
        agree(Tagged(), writes: true)
    }

    struct Tagged: Encodable {
        struct Body: Encodable { var id = 1 }
        func encode(to encoder: any Encoder) throws {
            try encodeValue(Body(), to: encoder, discriminator: "tagged", key: "type")
        }
    }

    @Test func aRequestLeavesReadOnlyMembersOut() {
        struct Record: Encodable {
            var id = 7
            var name = "n"
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DynamicCodingKey.self)
                if !encoder.encodesRequest { try container.encode(id, forKey: "id") }
                try container.encode(name, forKey: "name")
            }
        }
        agree(Record(), request: true, writes: true)
        agree(Record(), request: false, writes: true)
        #expect((try? JSONWriter(encodesRequest: true).encode(Record())) == Data(#"{"name":"n"}"#.utf8))
    }

    @Test func fragmentsAndEmptyContainers() {
        agree("text", writes: true)
        agree(5, writes: true)
        agree(Optional<Int>.none, writes: true)
        agree([String: Int](), writes: true)
        agree([Int](), writes: true)
        agree(JSONValue.object([:]), writes: true)
        agree([[String: [Int]]](arrayLiteral: ["a": []], [:]), writes: true)
    }

    /// Large objects (more than sixteen members) find a member written again through their index.
    @Test func largeObjects() {
        var members: [String: JSONValue] = [:]
        for index in 0..<200 { members["k\(index)"] = .integer(index) }
        agree(JSONValue.object(members), writes: true)
        struct Many: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DynamicCodingKey.self)
                for index in 0..<40 { try container.encode(index, forKey: DynamicCodingKey("m\(index)")) }
                try container.encode("again", forKey: "m3")
            }
        }
        agree(Many(), writes: true)
    }
}
