import Foundation
import Testing

@testable import GenRuntime

/// `decodeOneOf`: the first alternative that decodes with every required member it allows to be `null`, else the
/// first that decodes.
@Suite struct CompositionsTests {
    struct Ticket: Decodable, Equatable, AlternativeChecks {
        static var requiredNullableMembers: [String] { ["lock_reason"] }
        var lockReason: String?
        init(from decoder: any Decoder) throws {
            lockReason = try decoder.container(keyedBy: DynamicCodingKey.self).decodeIfPresent(
                String.self, forKey: "lock_reason")
        }
    }

    struct Card: Decodable, Equatable, AlternativeChecks {
        static var requiredNullableMembers: [String] { ["content_id"] }
        var contentID: Int?
        init(from decoder: any Decoder) throws {
            contentID = try decoder.container(keyedBy: DynamicCodingKey.self).decodeIfPresent(
                Int.self, forKey: "content_id")
        }
    }

    enum Item: Decodable, Equatable {
        case issue(Ticket)
        case card(Card)
        case text(String)
        init(from decoder: any Decoder) throws {
            self = try decodeOneOf(
                decoder, "Ticket, Card, String",
                (Ticket.self, { Self.issue(try decodeValue(Ticket.self, from: $0)) }),
                (Card.self, { Self.card(try decodeValue(Card.self, from: $0)) }),
                (String.self, { Self.text(try decodeValue(String.self, from: $0)) }))
        }
    }

    func decode(_ json: String) throws -> Item {
        try JSONDecoder().decode(Item.self, from: Data(json.utf8))
    }

    @Test func prefersTheAlternativeWithItsRequiredMembers() throws {
        #expect(
            try decode(#"{"content_id":null}"#) == .card(try JSONDecoder().decode(Card.self, from: Data("{}".utf8))))
        guard case .card(let card) = try decode(#"{"content_id":4}"#) else {
            Issue.record("not a card")
            return
        }
        #expect(card.contentID == 4)
        guard case .issue(let issue) = try decode(#"{"lock_reason":"spam","content_id":4}"#) else {
            Issue.record("not an issue")
            return
        }
        #expect(issue.lockReason == "spam")
        #expect(try decode(#""text""#) == .text("text"))
    }

    @Test func fallsBackToTheFirstThatDecodes() throws {
        guard case .issue(let issue) = try decode(#"{"note":"n"}"#) else {
            Issue.record("not an issue")
            return
        }
        #expect(issue.lockReason == nil)
    }

    @Test func namesTheAlternativesWhenNoneDecodes() {
        #expect {
            try decode("[1]")
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription == "The value matches none of Ticket, Card, String"
                && context.underlyingError != nil
        }
    }

    @Test func requiredMembersOfOtherTypesAreThere() throws {
        struct Probe: Decodable {
            var hasTicketMembers: Bool
            var hasStringMembers: Bool
            init(from decoder: any Decoder) throws {
                hasTicketMembers = isComplete(Ticket.self, in: decoder)
                hasStringMembers = isComplete(String.self, in: decoder)
            }
        }
        let probe = try JSONDecoder().decode(Probe.self, from: Data(#"{"content_id":1}"#.utf8))
        #expect(!probe.hasTicketMembers)
        #expect(probe.hasStringMembers)
    }

    struct Search: Decodable, AlternativeChecks {
        static var listedValues: [String: [String]] { ["type": ["search"]] }
        var type: String
    }

    @Test func listedValuesTellAlternativesApart() throws {
        struct Probe: Decodable {
            var isSearch: Bool
            init(from decoder: any Decoder) throws { isSearch = isComplete(Search.self, in: decoder) }
        }
        func probe(_ json: String) throws -> Bool {
            let probe: Probe = try JSONDecoder().decode(Probe.self, from: Data(json.utf8))
            return probe.isSearch
        }
        #expect(try probe(#"{"type":"search"}"#))
        #expect(try !probe(#"{"type":"function"}"#))
        #expect(try probe(#"{"type":null}"#))  // decoding decides whether null may be
        #expect(try probe(#"{"kind":"x"}"#))  // absent: decoding decides too
    }

    @Test func anAlternativeWithoutTheDiscriminatorIsEncodedWithIt() throws {
        struct Base: Codable, Equatable { var id: String }
        struct Wrapper: Encodable {
            var base: Base
            func encode(to encoder: any Encoder) throws {
                try encodeValue(base, to: encoder, discriminator: "BaseNode", key: "type")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(Wrapper(base: Base(id: "n1"))), as: UTF8.self)
        #expect(text == #"{"id":"n1","type":"BaseNode"}"#)
    }
}
