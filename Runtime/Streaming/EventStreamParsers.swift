// The Server-sent events, JSON Lines and JSON text sequence parsers, fed chunk by chunk.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

// MARK: - Event streams

/// How the events of a stream are framed.
public enum EventStreamFormat: Sendable, Hashable {
    /// `text/event-stream` (WHATWG HTML, "Server-sent events"): each event's `data` is one value.
    case serverSentEvents
    /// `application/jsonl`, `application/x-ndjson`: one value per line.
    case jsonLines
    /// `application/json-seq` (RFC 7464): each value after a record separator (0x1E).
    case jsonSequence
}

/// One Server-sent event, as the WHATWG specification defines its fields.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event` field (`nil`: the default type, `message`).
    public var event: String?
    /// The `data` lines, joined with line feeds.
    public var data: String
    /// The last event ID seen (`id`), which a reconnecting client sends as `Last-Event-ID`.
    public var id: String?
    /// The reconnection time the server asked for, in milliseconds (`retry`).
    public var retry: Int?

    /// Creates an event.
    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

/// Splits bytes into Server-sent events as they arrive (WHATWG HTML, "Parsing an event stream"): lines end with
/// CRLF, LF or CR (a CR at the end of a chunk waits for the next), a leading BOM is skipped, `:` starts a comment,
/// `data` lines are joined with LF, an event without data is not dispatched but its `id` is kept. Unlike a browser,
/// a last event the stream ends without a blank line is delivered.
struct ServerSentEventParser {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var event: String?
    private var lastID: String?
    private var retry: Int?
    private var afterCR = false
    /// The first bytes, until they are known to be a BOM or not.
    private var head: [UInt8] = []
    private var checkedBOM = false
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The events completed by `chunk`, in order.
    mutating func parse(_ chunk: Data, into events: inout [ServerSentEvent]) {
        chunk.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if checkedBOM {
                consume(bytes[...], into: &events)
                return
            }
            // The BOM may be split across chunks: hold the first bytes until it is decided.
            head.append(contentsOf: bytes)
            if head.count < 3, Self.bom.starts(with: head) { return }
            checkedBOM = true
            let held = head
            head = []
            consume(held.starts(with: Self.bom) ? held.dropFirst(3) : held[...], into: &events)
        }
    }

    private mutating func consume<Bytes: Collection>(_ bytes: Bytes, into events: inout [ServerSentEvent])
    where Bytes.Element == UInt8 {
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A, afterCR, index == start, line.isEmpty {
                    // The LF of a CRLF whose CR ended the previous chunk or line.
                    afterCR = false
                    index = bytes.index(after: index)
                    start = index
                    continue
                }
                line.append(contentsOf: bytes[start..<index])
                endLine(into: &events)
                afterCR = byte == 0x0D
                index = bytes.index(after: index)
                start = index
                continue
            }
            afterCR = false
            index = bytes.index(after: index)
        }
        line.append(contentsOf: bytes[start..<index])
    }

    /// The event the stream ended in, without the blank line that would have dispatched it.
    mutating func finish(into events: inout [ServerSentEvent]) {
        if !checkedBOM {
            checkedBOM = true
            if !Self.bom.starts(with: head) { consume(head[...], into: &events) }
            head = []
        }
        if !line.isEmpty { endLine(into: &events) }
        dispatch(into: &events)
    }

    private mutating func endLine(into events: inout [ServerSentEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            dispatch(into: &events)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let name = line[..<(colon ?? line.endIndex)]
        var value = colon.map { line[line.index(after: $0)...] } ?? []
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        switch String(decoding: name, as: UTF8.self) {
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "event":
            event = String(decoding: value, as: UTF8.self)
        case "id":
            if !value.contains(0) { lastID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            event = nil
            retry = nil
        }
        guard hasData else { return }
        events.append(
            ServerSentEvent(
                event: event.flatMap { $0.isEmpty ? nil : $0 }, data: String(decoding: data, as: UTF8.self),
                id: lastID, retry: retry))
    }
}

/// Splits bytes into JSON texts: one per line (JSON Lines; CRLF allowed, blank lines skipped), or one per record
/// of a JSON text sequence (RFC 7464: a record separator 0x1E before each text, a line feed after it; a text may
/// span lines, so a line feed ends one only where the text is complete: outside strings, brackets closed).
struct JSONRecordParser {
    private let isSequence: Bool
    private var record: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false

    init(format: EventStreamFormat) {
        isSequence = format == .jsonSequence
    }

    mutating func parse(_ chunk: Data, into records: inout [Data]) {
        chunk.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                if isSequence {
                    if byte == 0x1E {
                        record.append(contentsOf: bytes[start..<index])
                        emit(into: &records)
                        start = index + 1
                        continue
                    }
                    if inString {
                        if escaped {
                            escaped = false
                        } else if byte == 0x5C {
                            escaped = true
                        } else if byte == 0x22 {
                            inString = false
                        }
                        continue
                    }
                    switch byte {
                    case 0x22: inString = true
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D: depth -= 1
                    case 0x0A where depth <= 0:
                        record.append(contentsOf: bytes[start..<index])
                        emit(into: &records)
                        start = index + 1
                    default: break
                    }
                } else if byte == 0x0A {
                    record.append(contentsOf: bytes[start..<index])
                    emit(into: &records)
                    start = index + 1
                }
            }
            record.append(contentsOf: bytes[start...])
        }
    }

    mutating func finish(into records: inout [Data]) {
        emit(into: &records)
    }

    private mutating func emit(into records: inout [Data]) {
        defer {
            record.removeAll(keepingCapacity: true)
            depth = 0
            inString = false
            escaped = false
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = record.firstIndex(where: { !isSpace($0) }),
            let last = record.lastIndex(where: { !isSpace($0) })
        else { return }
        records.append(Data(record[first...last]))
    }
}
