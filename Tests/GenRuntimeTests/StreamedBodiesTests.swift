import Foundation
import Testing

@testable import GenRuntime

/// The bodies a server streams: events encoded as they are produced (`EventBody`), and request bodies that reach
/// the handler as they come (`ServerRoute.streams`) while the others are read first, up to a cap.
@Suite struct StreamedBodiesTests {
    private struct Tick: Codable, Equatable, Sendable {
        var index: Int
        var text: String
    }

    private func text(_ body: ByteStream) async throws -> String {
        String(decoding: try await body.collect(upTo: .max), as: UTF8.self)
    }

    @Test func eachFramingWritesEveryValueThenTheTerminator() async throws {
        let ticks = EventBody([Tick(index: 0, text: "a\nb"), Tick(index: 1, text: "c")])
        #expect(
            try await text(ticks.encoded(as: .jsonLines))
                == "{\"index\":0,\"text\":\"a\\nb\"}\n{\"index\":1,\"text\":\"c\"}\n")
        #expect(
            try await text(ticks.encoded(as: .jsonSequence))
                == "\u{1E}{\"index\":0,\"text\":\"a\\nb\"}\n\u{1E}{\"index\":1,\"text\":\"c\"}\n")
        #expect(
            try await text(ticks.encoded(as: .serverSentEvents, terminator: "[DONE]"))
                == "data: {\"index\":0,\"text\":\"a\\nb\"}\n\ndata: {\"index\":1,\"text\":\"c\"}\n\ndata: [DONE]\n\n")
        // What the client's parser reads back is what was written.
        for format in [EventStreamFormat.jsonLines, .jsonSequence, .serverSentEvents] {
            var read: [Tick] = []
            for try await tick in EventStream<Tick>(body: ticks.encoded(as: format), format: format) {
                read.append(tick)
            }
            #expect(read == [Tick(index: 0, text: "a\nb"), Tick(index: 1, text: "c")], "\(format)")
        }
    }

    @Test func serverSentEventFieldsAndCommentsAreOneLineEach() async throws {
        let events = AsyncStream<EventBody<Tick>.Event> { continuation in
            continuation.yield(.comment("keep\nalive"))
            continuation.yield(
                EventBody.Event(Tick(index: 0, text: "x"), event: "tick\r\ndata: forged", id: "7", retry: 500))
            continuation.finish()
        }
        let written = try await text(EventBody(events: events).encoded(as: .serverSentEvents))
        #expect(
            written
                == ": keep\n: alive\nevent: tick  data: forged\nid: 7\nretry: 500\ndata: {\"index\":0,\"text\":\"x\"}\n\n"
        )
        // Other framings write the values only.
        let lines = EventBody(
            events: AsyncStream<EventBody<Tick>.Event> { continuation in
                continuation.yield(.comment("keep-alive"))
                continuation.yield(EventBody.Event(Tick(index: 1, text: "y"), event: "tick"))
                continuation.finish()
            })
        #expect(try await text(lines.encoded(as: .jsonLines)) == "{\"index\":1,\"text\":\"y\"}\n")
        var parsed: [ServerSentEventParser.Parsed] = []
        var parser = ServerSentEventParser()
        // A line break in a field cannot forge another field: the reader sees one event type.
        parser.parse(Data(written.utf8), into: &parsed)
        #expect(parsed.map(\.serverSentEvent.event) == ["tick  data: forged"])
    }

    /// A handler's body: a thousand ticks produced 1 ms apart, counting those produced and whether the sequence
    /// ended (its `onTermination`). Nothing but the body holds the stream, as in a handler's answer.
    private func ticks(produced: Counter, ended: Counter) -> EventBody<Tick> {
        EventBody(
            AsyncStream<Tick> { continuation in
                continuation.onTermination = { _ in ended.add() }
                let producer = Task {
                    for index in 0..<1_000 {
                        produced.add()
                        continuation.yield(Tick(index: index, text: ""))
                        try? await Task.sleep(for: .milliseconds(1))
                    }
                    continuation.finish()
                }
                _ = producer
            })
    }

    @Test func aReaderThatGoesAwayEndsTheSequence() async throws {
        let (produced, ended) = (Counter(), Counter())
        var iterator: ByteStream.AsyncIterator? = ticks(produced: produced, ended: ended).encoded(as: .jsonLines)
            .makeAsyncIterator()
        let first = try await iterator?.next()
        #expect(first.map { String(decoding: $0, as: UTF8.self) } == "{\"index\":0,\"text\":\"\"}\n")
        #expect(ended.value == 0)
        // Dropping the reader (an adapter whose client went away) ends the sequence the body was made from.
        iterator = nil
        for _ in 0..<100 where ended.value == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(ended.value == 1)
        #expect(produced.value < 1_000)
    }

    private static let routes = [
        ServerRoute(
            OperationID(rawValue: "upload"), method: "PUT", template: "/blobs", consumes: ["application/octet-stream"],
            requiresBody: true, streams: ["application/octet-stream"]),
        ServerRoute(
            OperationID(rawValue: "create"), method: "POST", template: "/blobs", consumes: ["application/json"],
            requiresBody: true),
    ]

    private func table() -> RouteTable {
        RouteTable(
            routes: Self.routes, basePath: "", schemes: [:], authenticator: AnyPresentCredential(),
            onError: { _, _ in })
    }

    /// A body of `count` chunks of 1 KiB, counting how many were read.
    private func chunks(_ count: Int, read: Counter) -> ByteStream {
        ByteStream(
            AsyncStream<Data> { continuation in
                for _ in 0..<count { continuation.yield(Data(repeating: 0x61, count: 1024)) }
                continuation.finish()
            }.map { chunk -> Data in
                read.add()
                return chunk
            })
    }

    @Test func aStreamedBodyReachesTheHandlerUnreadAndUncapped() async throws {
        let read = Counter()
        let request = HTTPRequest(
            method: "PUT", url: URL(string: "http://localhost/blobs")!,
            headers: ["Content-Type": "application/octet-stream"])
        let answer = await table().respond(to: request, body: chunks(64, read: read), maxBodySize: 1024) {
            _, served in
            // Nothing was read before the handler.
            #expect(read.value == 0)
            let size = try await served.streamedBody()?.collect(upTo: .max).count ?? -1
            return StreamedResponse(HTTPResponse(statusCode: 200, body: Data(String(size).utf8)))
        }
        let response = try await answer.collected(upTo: .max)
        #expect(response.statusCode == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "65536")
    }

    @Test func aBodyReadFirstIsCappedWith413() async throws {
        let request = HTTPRequest(
            method: "POST", url: URL(string: "http://localhost/blobs")!, headers: ["Content-Type": "application/json"])
        let answer = await table().respond(to: request, body: chunks(4, read: Counter()), maxBodySize: 2048) { _, _ in
            Issue.record("the handler was called")
            return StreamedResponse(HTTPResponse(statusCode: 200))
        }
        let response = try await answer.collected(upTo: .max)
        #expect(response.statusCode == 413)
        #expect(String(decoding: response.body, as: UTF8.self).contains("larger than 2048 bytes"))
    }

    @Test func anEventOfARequestBodyThatDoesNotDecodeIs400() async throws {
        let routes = [
            ServerRoute(
                OperationID(rawValue: "chat"), method: "POST", template: "/chat", consumes: ["application/jsonl"],
                streams: ["application/jsonl"])
        ]
        let table = RouteTable(
            routes: routes, basePath: "", schemes: [:], authenticator: AnyPresentCredential(), onError: { _, _ in })
        let request = HTTPRequest(
            method: "POST", url: URL(string: "http://localhost/chat")!, headers: ["Content-Type": "application/jsonl"])
        let body = ByteStream(Data("{\"index\":0,\"text\":\"a\"}\n{\"index\":\"one\"}\n".utf8))
        let answer = await table.respond(to: request, body: body) { _, served in
            var count = 0
            for try await _ in served.events(Tick.self, format: .jsonLines)! { count += 1 }
            return StreamedResponse(HTTPResponse(statusCode: 200, body: Data(String(count).utf8)))
        }
        let response = try await answer.collected(upTo: .max)
        #expect(response.statusCode == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("the body's event 1 does not decode"))
    }

    @Test func aStreamedAnswerIsCheckedByItsHeadOnly() {
        let contract = ResponseContract(["200": [.init("application/jsonl")]])
        let events = ResponseEncoding.events(
            200, EventBody([Tick(index: 0, text: "")]), format: .jsonLines, contentType: "application/jsonl")
        #expect(contract.violation(of: events) == nil)
        let wrong = ResponseEncoding.events(
            200, EventBody([Tick(index: 0, text: "")]), format: .serverSentEvents, contentType: "text/event-stream")
        #expect(contract.violation(of: wrong)?.contains("documented as application/jsonl") == true)
        #expect(wrong.head.header("Cache-Control") == "no-cache")
    }
}

/// A count shared with the tasks of a test.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func add() { lock.withLock { count += 1 } }
}
