import Foundation
import Testing

@testable import GenRuntime

/// The Server-sent events and JSON record parsers, fed as a network would: whole, and one byte at a time.
@Suite struct EventStreamParserTests {
    /// Every event of `text`, parsed from chunks of `size` bytes.
    private func events(_ text: String, chunk size: Int = .max) -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        var events: [ServerSentEventParser.Parsed] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            parser.parse(Data(bytes[start..<end]), into: &events)
            start = end
        }
        parser.finish(into: &events)
        return events.map(\.serverSentEvent)
    }

    @Test(arguments: [1, 2, 7, Int.max])
    func serverSentEventsInAnyChunking(size: Int) {
        let stream =
            "\u{FEFF}: a comment\nevent: delta\ndata: {\"a\":1}\nid: 7\n\ndata: line one\r\ndata: line two\r\n\r\n"
            + "retry: 1500\rdata: cr only\r\r"
        #expect(
            events(stream, chunk: size) == [
                ServerSentEvent(event: "delta", data: "{\"a\":1}", id: "7"),
                ServerSentEvent(data: "line one\nline two", id: "7"),
                ServerSentEvent(data: "cr only", id: "7", retry: 1500),
            ])
    }

    @Test func anEventWithoutDataIsNotDispatchedButItsIDIsKept() {
        #expect(events("id: 42\n\ndata: x\n\n") == [ServerSentEvent(data: "x", id: "42")])
    }

    @Test func aLastEventWithoutABlankLineIsDelivered() {
        #expect(events("data: [DONE]") == [ServerSentEvent(data: "[DONE]")])
    }

    @Test func fieldsWithoutASpaceAndUnknownFields() {
        #expect(events("data:tight\nfoo: bar\nevent\ndata\n\n") == [ServerSentEvent(data: "tight\n")])
    }

    /// Every record of `text` in `format`, parsed from chunks of `size` bytes, as text.
    private func records(_ text: String, _ format: EventStreamFormat, chunk size: Int) -> [String] {
        var parser = JSONRecordParser(format: format)
        var records: [Data] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            parser.parse(Data(bytes[start..<end]), into: &records)
            start = end
        }
        parser.finish(into: &records)
        return records.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test(arguments: [1, 3, Int.max])
    func jsonLinesSkipBlankLinesAndAcceptCRLF(size: Int) {
        #expect(
            records("{\"n\":1}\r\n\n{\"n\":2}\n[3]", .jsonLines, chunk: size) == ["{\"n\":1}", "{\"n\":2}", "[3]"])
    }

    @Test(arguments: [1, 3, Int.max])
    func jsonSequenceTextsMaySpanLines(size: Int) {
        let stream = "\u{1E}{\"a\":\n [1,\n 2]}\n\u{1E}\"a }\\\" {\"\n\u{1E}3\n"
        #expect(records(stream, .jsonSequence, chunk: size) == ["{\"a\":\n [1,\n 2]}", "\"a }\\\" {\"", "3"])
    }

    @Test func anUntypedServerSentEventWhoseDataIsNoJSONIsItsText() async throws {
        let body = ByteStream(Data("data: {\"a\":1}\n\ndata: hello there\n\n".utf8))
        var values: [JSONValue] = []
        for try await value in EventStream<JSONValue>(body: body, format: .serverSentEvents) { values.append(value) }
        #expect(values == [.object(["a": .integer(1)]), .string("hello there")])
        // A typed stream still refuses it.
        let typed = EventStream<[String: Int]>(
            body: ByteStream(Data("data: hello\n\n".utf8)), format: .serverSentEvents)
        await #expect(throws: APIError.self) { for try await _ in typed {} }
    }
}
