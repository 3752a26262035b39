import Foundation
import StreamsAPI
import Testing

// The event parsers of the generated runtime, through its public API: the same text must give the same events
// however the network splits it (every split point, and one byte at a time).

/// `text` as a body in the given pieces.
func body(_ text: String, splitAt cuts: [Int]) -> ByteStream {
    let bytes = Data(text.utf8)
    var pieces: [Data] = []
    var start = 0
    for cut in cuts.sorted() where cut > start && cut < bytes.count {
        pieces.append(bytes.subdata(in: start..<cut))
        start = cut
    }
    pieces.append(bytes.subdata(in: start..<bytes.count))
    let (stream, continuation) = AsyncStream<Data>.makeStream()
    for piece in pieces { continuation.yield(piece) }
    continuation.finish()
    return ByteStream(stream)
}

/// The events of `text` read with every way of splitting it in two, and one byte at a time; all must agree.
func events(
    _ text: String, format: EventStreamFormat, terminator: String? = nil
) async throws -> [StreamEvent<Tick>] {
    let count = text.utf8.count
    var results: [[StreamEvent<Tick>]] = []
    for cuts in (0...count).map({ [$0] }) + [Array(0...count)] {
        var events: [StreamEvent<Tick>] = []
        let stream = EventStream<Tick>(body: body(text, splitAt: cuts), format: format, terminator: terminator)
        for try await event in stream.events { events.append(event) }
        results.append(events)
    }
    let first = results[0]
    for other in results {
        #expect(other.map(\.value) == first.map(\.value))
        #expect(other.map(\.event) == first.map(\.event) && other.map(\.id) == first.map(\.id))
    }
    return first
}

func tick(_ index: Int) -> String { #"{"index": \#(index), "text": "t"}"# }

@Suite struct EventStreamParsingTests {
    @Test("Server-sent events: CRLF, CR and LF line ends, a BOM, comments, fields, data over several lines")
    func serverSentEvents() async throws {
        let text =
            "\u{FEFF}: a comment\r\nevent: first\r\nid: 7\r\ndata: \(tick(0))\r\n\r\n"
            + "data:{\"index\": 1,\rdata: \"text\": \"t\"}\r\rretry: 3000\nid: 8\ndata: \(tick(2))\n\n"
        let events = try await events(text, format: .serverSentEvents)
        #expect(events.map(\.value.index) == [0, 1, 2])
        #expect(events.map(\.event) == ["first", nil, nil])
        // The last event ID stays until another comes.
        #expect(events.map(\.id) == ["7", "7", "8"])
        #expect(events.map(\.retry) == [nil, nil, 3000])
        #expect(events.map(\.index) == [0, 1, 2])
    }

    @Test("an event without data is not dispatched; an id with NUL and a retry that is not digits are ignored")
    func ignoredLines() async throws {
        let text = "event: nothing\n\nid: a\u{0}b\nretry: 1s\ndata: \(tick(0))\nunknown: field\n\n"
        let events = try await events(text, format: .serverSentEvents)
        #expect(events.map(\.value.index) == [0])
        #expect(events.first?.id == nil && events.first?.retry == nil && events.first?.event == nil)
    }

    @Test("the terminator ends the stream; a last event without its blank line is delivered")
    func terminatorAndLastEvent() async throws {
        let ended = try await events(
            "data: \(tick(0))\n\ndata: [DONE]\n\ndata: \(tick(1))\n\n", format: .serverSentEvents, terminator: "[DONE]")
        #expect(ended.map(\.value.index) == [0])
        let unfinished = try await events("data: \(tick(0))\n\ndata: \(tick(1))", format: .serverSentEvents)
        #expect(unfinished.map(\.value.index) == [0, 1])
    }

    @Test("JSON Lines: CRLF and blank lines; JSON text sequences: records over several lines")
    func jsonRecords() async throws {
        let lines = try await events("\(tick(0))\r\n\r\n\(tick(1))\n\(tick(2))", format: .jsonLines)
        #expect(lines.map(\.value.index) == [0, 1, 2])
        let sequence = try await events(
            "\u{1E}{\n \"index\": 0,\n \"text\": \"t\"\n}\n\u{1E}\(tick(1))\n\u{1E}\(tick(2))\n", format: .jsonSequence)
        #expect(sequence.map(\.value.index) == [0, 1, 2])
    }

    @Test("an event that does not decode throws with its position and coding path, after the events before it")
    func malformedEvent() async throws {
        let stream = EventStream<Tick>(
            body: body("\(tick(0))\n{\"index\": \"x\", \"text\": \"t\"}\n\(tick(2))\n", splitAt: [5]),
            format: .jsonLines, statusCode: 200)
        var seen: [Int] = []
        await #expect {
            for try await tick in stream { seen.append(tick.index) }
        } throws: { error in
            guard case APIError.invalidEvent(200, 1, "index", _, _) = error else { return false }
            return true
        }
        #expect(seen == [0])
    }

    @Test("frame(_:terminator:) writes what the parsers read")
    func framing() async throws {
        for format in [EventStreamFormat.serverSentEvents, .jsonLines, .jsonSequence] {
            let data = format.frame(["{\n  \"index\": 4,\n  \"text\": \"t\"\n}", tick(5)], terminator: "[DONE]")
            let stream = EventStream<Tick>(body: ByteStream(data), format: format, terminator: "[DONE]")
            var indices: [Int] = []
            for try await tick in stream { indices.append(tick.index) }
            #expect(indices == [4, 5], "\(format)")
        }
    }
}
