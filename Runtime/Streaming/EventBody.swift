// EventBody: values encoded as an event stream as they are produced (a streamed response, or a request body).
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// A body of events written as they are produced: a server's streamed answer (`.ok(EventBody(ticks))`) or a
/// client's streamed request body. Each value is encoded as JSON when the transport asks for the next chunk, so a
/// slow reader slows the producer down (nothing piles up in memory), and the reader going away ends the iteration
/// of the sequence it was made from (an `AsyncStream`'s `onTermination` runs).
///
/// ```swift
/// func streamTicks(_ input: Operations.StreamTicks.Input) async throws -> Operations.StreamTicks.Response {
///     .ok(EventBody(AsyncStream { continuation in … }))
/// }
/// ```
///
/// For Server-sent events, `Event` also sets `event`, `id` and `retry`, or writes a comment (a keep-alive); other
/// framings write only the values.
public struct EventBody<Value: Encodable & Sendable>: Sendable {
    /// One item of the body: a value (with its Server-sent event fields), or a comment.
    public struct Event: Sendable {
        /// The value; `nil` for a comment.
        public var value: Value?
        /// The Server-sent event's `event` field (`nil`: the default type).
        public var event: String?
        /// The Server-sent event's `id` field.
        public var id: String?
        /// The reconnection time to ask for, in milliseconds (Server-sent events).
        public var retry: Int?
        /// A comment line (`: keep-alive`), for Server-sent events; the other framings skip it.
        public var comment: String?

        /// An event carrying `value`, with the Server-sent event fields given (line breaks in them are written
        /// as spaces: a field is one line).
        public init(_ value: Value, event: String? = nil, id: String? = nil, retry: Int? = nil) {
            self.value = value
            self.event = event
            self.id = id
            self.retry = retry
        }

        private init(comment: String) {
            self.comment = comment
        }

        /// A Server-sent events comment (each of its lines written after a `:`), which readers ignore: a
        /// keep-alive through proxies that close idle connections.
        public static func comment(_ text: String) -> Event {
            Event(comment: text)
        }
    }

    let events: @Sendable () -> Source

    /// A body of the values of `values`, each written when it is produced.
    public init<Values: AsyncSequence & Sendable>(_ values: Values) where Values.Element == Value {
        events = {
            var iterator = values.makeAsyncIterator()
            return Source { try await iterator.next().map { Event($0) } }
        }
    }

    /// A body of `events` (values with their Server-sent event fields, and comments).
    public init<Events: AsyncSequence & Sendable>(events: Events) where Events.Element == Event {
        self.events = {
            var iterator = events.makeAsyncIterator()
            return Source { try await iterator.next() }
        }
    }

    /// A body of the values of `values` (fixtures, tests, an answer already computed).
    public init(_ values: [Value]) {
        events = {
            var index = 0
            return Source {
                guard index < values.count else { return nil }
                defer { index += 1 }
                return Event(values[index])
            }
        }
    }

    /// Pulls the events one by one.
    struct Source {
        var next: () async throws -> Event?
    }

    /// The body as bytes in `format`, an event per chunk, then (Server-sent events) an event whose data is
    /// `terminator`.
    public func encoded(as format: EventStreamFormat, terminator: String? = nil) -> ByteStream {
        encoded(as: format, terminator: terminator, encodesRequest: false)
    }

    /// The body as a request sends it in `format`: read-only properties left out.
    func requestBytes(as format: EventStreamFormat) -> ByteStream {
        encoded(as: format, terminator: nil, encodesRequest: true)
    }

    /// The body as bytes, each value encoded as JSON (for a request, read-only properties left out).
    func encoded(as format: EventStreamFormat, terminator: String?, encodesRequest: Bool) -> ByteStream {
        let events = self.events
        return ByteStream(
            source: .chunks({
                let source = events()
                let encoder = JSONWriter(encodesRequest: encodesRequest)
                var ended = false
                return ByteStream.AsyncIterator(lifetime: nil) {
                    guard !ended else { return nil }
                    while let event = try await source.next() {
                        if let chunk = try EventBody.frame(event, format: format, encoder: encoder) { return chunk }
                    }
                    ended = true
                    guard format == .serverSentEvents, let terminator else { return nil }
                    return Data("data: \(EventBody.oneLine(terminator))\n\n".utf8)
                }
            }), length: nil, contentType: nil, lifetime: nil)
    }

    /// The bytes of one event in `format`; nil for a comment outside Server-sent events.
    static func frame(_ event: Event, format: EventStreamFormat, encoder: JSONWriter) throws -> Data? {
        guard let value = event.value else {
            guard format == .serverSentEvents, let comment = event.comment else { return nil }
            var text = ""
            for line in comment.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                text += ":" + (line.isEmpty ? "" : " " + line) + "\n"
            }
            return Data(text.utf8)
        }
        // JSON as JSONEncoder writes it has no line breaks (those in strings are escaped): a value is one line.
        let json = try encoder.encode(value)
        switch format {
        case .jsonLines:
            var data = json
            data.append(0x0A)
            return data
        case .jsonSequence:
            var data = Data([0x1E])
            data.append(json)
            data.append(0x0A)
            return data
        case .serverSentEvents:
            var head = ""
            if let name = event.event { head += "event: \(oneLine(name))\n" }
            if let id = event.id { head += "id: \(oneLine(id))\n" }
            if let retry = event.retry { head += "retry: \(Swift.max(0, retry))\n" }
            var data = Data((head + "data: ").utf8)
            data.append(json)
            data.append(contentsOf: [0x0A, 0x0A])
            return data
        }
    }

    /// `text` with its line breaks (and NULs, which an `id` may not hold) as spaces: one field line.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\0" ? " " : $0 }))
    }
}
