// EventStream: an event stream decoded into typed values as its events arrive.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

/// An event of a typed stream: the decoded value, and the Server-sent event fields it came with.
public struct StreamEvent<Value: Sendable>: Sendable {
    /// The decoded value.
    public var value: Value
    /// The event's position in the stream, from 0.
    public var index: Int
    /// The Server-sent event's `event` field (`nil` for other formats and for the default type).
    public var event: String?
    /// The last event ID (Server-sent events).
    public var id: String?
    /// The reconnection time the server asked for, in milliseconds (Server-sent events).
    public var retry: Int?
}

/// The events of a streamed response, each decoded as it arrives. Iterate it for the values; `events` gives each
/// value with its Server-sent event fields. Leaving the loop (or cancelling the task) closes the connection.
///
/// ```swift
/// for try await chunk in try await client.createChatCompletionStream(body: request) {
///     print(chunk.choices.first?.delta.content ?? "", terminator: "")
/// }
/// ```
///
/// An event that does not decode throws `APIError.invalidEvent` (its position and coding path) once the events
/// before it were delivered. A `data` equal to `terminator` (OpenAI's `[DONE]`) ends the stream.
public struct EventStream<Value: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Value

    /// The body the events are read from.
    public let body: ByteStream
    /// How the events are framed.
    public let format: EventStreamFormat
    /// The `data` value that ends the stream (Server-sent events), if any.
    public let terminator: String?
    /// The status of the response.
    public let statusCode: Int

    /// A stream of `format` events read from `body`.
    public init(body: ByteStream, format: EventStreamFormat, terminator: String? = nil, statusCode: Int = 200) {
        self.body = body
        self.format = format
        self.terminator = terminator
        self.statusCode = statusCode
    }

    /// Each value with its event fields.
    public var events: Events { Events(stream: self) }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: Events.AsyncIterator(stream: self))
    }

    /// Reads the values.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: Events.AsyncIterator

        /// The next value, or `nil` at the end of the stream (or at its terminator).
        public mutating func next() async throws -> Value? {
            try await events.next()?.value
        }
    }

    /// The values with their event fields, as an `AsyncSequence`.
    public struct Events: AsyncSequence, Sendable {
        public typealias Element = StreamEvent<Value>
        let stream: EventStream

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(stream: stream)
        }

        /// Reads the events.
        public struct AsyncIterator: AsyncIteratorProtocol {
            private var chunks: ByteStream.AsyncIterator?
            private let format: EventStreamFormat
            private let terminator: Data?
            private let statusCode: Int
            private var sse = ServerSentEventParser()
            private var records: JSONRecordParser
            private var ready: [(data: Data, event: ServerSentEventParser.Parsed?)] = []
            private var parsedEvents: [ServerSentEventParser.Parsed] = []
            private var found: [Data] = []
            private var position = 0
            private var readyIndex = 0
            private var ended = false
            private let decoder = JSONReader()

            init(stream: EventStream) {
                chunks = stream.body.makeAsyncIterator()
                format = stream.format
                terminator = stream.terminator.map { Data($0.utf8) }
                statusCode = stream.statusCode
                records = JSONRecordParser(format: stream.format)
            }

            /// The next event, or `nil` at the end of the stream (or at its terminator).
            public mutating func next() async throws -> StreamEvent<Value>? {
                while true {
                    if readyIndex < ready.count {
                        let (data, event) = ready[readyIndex]
                        readyIndex += 1
                        if event != nil, let terminator, data == terminator {
                            finish()
                            return nil
                        }
                        defer { position += 1 }
                        do {
                            let value = try decoder.decode(Value.self, from: data)
                            return StreamEvent(
                                value: value, index: position, event: event?.event, id: event?.id, retry: event?.retry)
                        } catch let error as DecodingError {
                            // An untyped stream's (`JSONValue`) Server-sent event whose data is no JSON is its text.
                            if let event,
                                let value = JSONValue.string(String(decoding: event.data, as: UTF8.self)) as? Value
                            {
                                return StreamEvent(
                                    value: value, index: position, event: event.event, id: event.id,
                                    retry: event.retry)
                            }
                            finish()
                            throw APIError.invalidEvent(
                                statusCode: statusCode, index: position, codingPath: error.codingPathDescription,
                                reason: error.reasonDescription, data: data)
                        }
                    }
                    ready.removeAll(keepingCapacity: true)
                    readyIndex = 0
                    guard !ended, chunks != nil else { return nil }
                    if Task.isCancelled {
                        finish()
                        throw CancellationError()
                    }
                    if let chunk = try await chunks?.next() {
                        split(chunk, end: false)
                    } else {
                        ended = true
                        if Task.isCancelled {
                            finish()
                            throw CancellationError()
                        }
                        split(Data(), end: true)
                    }
                }
            }

            /// Drops the body, which closes the connection.
            private mutating func finish() {
                ended = true
                chunks = nil
                ready.removeAll()
                readyIndex = 0
            }

            private mutating func split(_ chunk: Data, end: Bool) {
                switch format {
                case .serverSentEvents:
                    parsedEvents.removeAll(keepingCapacity: true)
                    sse.parse(chunk, into: &parsedEvents)
                    if end { sse.finish(into: &parsedEvents) }
                    for event in parsedEvents { ready.append((event.data, event)) }
                case .jsonLines, .jsonSequence:
                    records.parse(chunk, into: &found)
                    if end { records.finish(into: &found) }
                    for record in found { ready.append((record, nil)) }
                    found.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}

/// Where the transport leaves a streamed body while the middlewares see the head.
final class StreamSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var body: ByteStream?

    func put(_ body: ByteStream) {
        lock.withLock { self.body = body }
    }

    func take() -> ByteStream? {
        lock.withLock {
            defer { body = nil }
            return body
        }
    }
}

extension EventStreamFormat {
    /// `values` (JSON texts) framed as a server sends them in this format, then `terminator` (Server-sent
    /// events): `data:` lines and a blank line per event, a line per value, or a record separator before each.
    public func frame(_ values: [String], terminator: String? = nil) -> Data {
        var text = ""
        for value in values {
            switch self {
            case .serverSentEvents:
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
                text += "\n"
            case .jsonLines:
                // A JSON text's line breaks are whitespace between tokens (strings escape theirs).
                text += value.split(separator: "\n").joined(separator: " ") + "\n"
            case .jsonSequence:
                text += "\u{1E}" + value + "\n"
            }
        }
        if self == .serverSentEvents, let terminator { text += "data: \(terminator)\n\n" }
        return Data(text.utf8)
    }
}
