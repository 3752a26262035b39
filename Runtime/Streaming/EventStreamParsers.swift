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
///
/// A line is read where it lies in the chunk (copied only when it spans chunks), and an event's data is copied once,
/// into the `Data` it is decoded from.
struct ServerSentEventParser {
    /// An event as parsed: its data as bytes (`ServerSentEvent` has it as text).
    struct Parsed {
        var data: Data
        var event: String?
        var id: String?
        var retry: Int?

        var serverSentEvent: ServerSentEvent {
            ServerSentEvent(event: event, data: String(decoding: data, as: UTF8.self), id: id, retry: retry)
        }
    }

    /// The start of a line the chunk ended in.
    private var line: [UInt8] = []
    private var data = Data()
    private var hasData = false
    private var event: String?
    private var lastID: String?
    private var retry: Int?
    private var afterCR = false
    /// The first bytes, until they are known to be a BOM or not.
    private var head: [UInt8] = []
    private var checkedBOM = false
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The events completed by `chunk`, in order, their data as bytes.
    mutating func parse(_ chunk: Data, into events: inout [Parsed]) {
        chunk.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if checkedBOM {
                consume(bytes, into: &events)
                return
            }
            // The BOM may be split across chunks: hold the first bytes until it is decided.
            head.append(contentsOf: bytes)
            if head.count < 3, Self.bom.starts(with: head) { return }
            checkedBOM = true
            let held = head
            head = []
            held.withUnsafeBufferPointer { buffer in
                consume(
                    held.starts(with: Self.bom) ? UnsafeBufferPointer(rebasing: buffer.dropFirst(3)) : buffer,
                    into: &events)
            }
        }
    }

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [Parsed]) {
        var start = 0
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else {
                afterCR = false
                index += 1
                continue
            }
            if byte == 0x0A, afterCR, index == start, line.isEmpty {
                // The LF of a CRLF whose CR ended the previous chunk or line.
                afterCR = false
                index += 1
                start = index
                continue
            }
            if line.isEmpty {
                // The whole line is in this chunk: read where it lies.
                endLine(UnsafeBufferPointer(rebasing: bytes[start..<index]), into: &events)
            } else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                let held = line
                held.withUnsafeBufferPointer { endLine($0, into: &events) }
                line.removeAll(keepingCapacity: true)
            }
            afterCR = byte == 0x0D
            index += 1
            start = index
        }
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// The event the stream ended in (without the blank line that would have dispatched it), its data as bytes.
    mutating func finish(into events: inout [Parsed]) {
        if !checkedBOM {
            checkedBOM = true
            let held = head
            head = []
            if !Self.bom.starts(with: held) { held.withUnsafeBufferPointer { consume($0, into: &events) } }
        }
        if !line.isEmpty {
            let held = line
            line.removeAll()
            held.withUnsafeBufferPointer { endLine($0, into: &events) }
        }
        dispatch(into: &events)
    }

    /// Whether `bytes` are the ASCII letters of `name`.
    private static func named(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount
            && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }

    private mutating func endLine(_ line: UnsafeBufferPointer<UInt8>, into events: inout [Parsed]) {
        guard !line.isEmpty else {
            dispatch(into: &events)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.count
        let name = UnsafeBufferPointer(rebasing: line[..<colon])
        var valueStart = Swift.min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        if Self.named(name, "data") {
            if hasData {
                data.append(0x0A)
                data.append(value)
            } else {
                data = Data(value)
            }
            hasData = true
        } else if Self.named(name, "event") {
            event = String(decoding: value, as: UTF8.self)
        } else if Self.named(name, "id") {
            if !value.contains(0) { lastID = String(decoding: value, as: UTF8.self) }
        } else if Self.named(name, "retry") {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                retry = Int(String(decoding: value, as: UTF8.self))
            }
        }
    }

    private mutating func dispatch(into events: inout [Parsed]) {
        defer {
            data = Data()
            hasData = false
            event = nil
            retry = nil
        }
        guard hasData else { return }
        events.append(Parsed(data: data, event: event.flatMap { $0.isEmpty ? nil : $0 }, id: lastID, retry: retry))
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
                    if record.isEmpty {
                        // The whole line is in this chunk: copied once, into its record.
                        Self.append(UnsafeBufferPointer(rebasing: bytes[start..<index]), to: &records)
                    } else {
                        record.append(contentsOf: bytes[start..<index])
                        emit(into: &records)
                    }
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
        record.withUnsafeBufferPointer { Self.append($0, to: &records) }
    }

    /// `text` without the white space around it, unless that leaves nothing.
    private static func append(_ text: UnsafeBufferPointer<UInt8>, to records: inout [Data]) {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return }
        records.append(Data(UnsafeBufferPointer(rebasing: text[first...last])))
    }
}
