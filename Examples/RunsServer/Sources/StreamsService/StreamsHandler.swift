import Foundation
public import StreamsAPI

/// The streaming test API served: ticks streamed in every framing as they are made, blobs streamed both ways, and a
/// two-way stream. The `script` parameter says how a stream behaves, for the wire tests:
///
/// - none: `count` ticks, as fast as the client reads them;
/// - `gate:<name>`: tick 0, then a wait until the test opens the gate `<name>` (`StreamsProbe.open`), then the rest;
/// - `endless:<name>`: a tick every 2 ms until the client goes away (`StreamsProbe.ended` says when the producing task
///   ended).
public struct StreamsHandler: APIHandler {
    public let probe: StreamsProbe

    /// Creates the handler; `probe` records what its streams did.
    public init(probe: StreamsProbe = StreamsProbe()) {
        self.probe = probe
    }

    public func listTicks(_ input: Operations.ListTicks.Input) async throws -> Operations.ListTicks.Response {
        // The status offers JSON and Server-sent events: the events to a request that asks for them by name.
        let accept = ServerRequest.current?.header("Accept") ?? ""
        if accept.contains("text/event-stream") {
            return .okStream(EventBody(ticks(count: input.count, script: input.script)))
        }
        return .ok(TickPage(ticks: (0..<min(input.count, 1_000)).map { Tick(index: $0, text: "tick") }))
    }

    public func tailTicks(_ input: Operations.TailTicks.Input) async throws -> Operations.TailTicks.Response {
        .ok(EventBody(ticks(count: input.count, script: input.script)))
    }

    public func tailUntypedTicks(
        _ input: Operations.TailUntypedTicks.Input
    ) async throws -> Operations.TailUntypedTicks.Response {
        .ok(
            EventBody(
                ticks(count: input.count, script: input.script).map { tick in
                    JSONValue.object(["index": .integer(tick.index), "text": .string(tick.text)])
                }))
    }

    public func sequenceTicks(_ input: Operations.SequenceTicks.Input) async throws -> Operations.SequenceTicks.Response
    {
        .ok(EventBody(ticks(count: input.count, script: input.script)))
    }

    public func streamTicks(_ input: Operations.StreamTicks.Input) async throws -> Operations.StreamTicks.Response {
        // Each tick with its Server-sent event fields, after a comment (a keep-alive).
        let events = ticks(count: input.count, script: input.script).map { tick in
            EventBody<Tick>.Event(tick, event: "tick", id: String(tick.index))
        }
        return .ok(EventBody(events: Prefixed(first: .comment("ticks follow"), rest: events)))
    }

    public func exportTicks(_ input: Operations.ExportTicks.Input) async throws -> Operations.ExportTicks.Response {
        .ok(TickPage(ticks: (0..<min(input.count, 1_000)).map { Tick(index: $0, text: "tick") }))
    }

    public func downloadBlob(_ input: Operations.DownloadBlob.Input) async throws -> Operations.DownloadBlob.Response {
        .ok(ByteStream(Pattern(count: input.size), length: input.size))
    }

    public func uploadBlob(_ input: Operations.UploadBlob.Input) async throws -> Operations.UploadBlob.Response {
        var received: Int64 = 0
        for try await chunk in input.body { received += Int64(chunk.count) }
        return .ok(Operations.UploadBlob.OkBody(received: received))
    }

    public func chat(_ input: Operations.Chat.Input) async throws -> Operations.Chat.Response {
        // Each answer is made when its tick arrives: the answers stream back while the request still streams in.
        .ok(EventBody(input.body.map { Tick(index: $0.index, text: "re: " + $0.text) }))
    }

    /// The ticks of one stream, made by a task of their own as the script says.
    func ticks(count: Int, script: String?) -> AsyncStream<Tick> {
        let probe = self.probe
        let (kind, name) = Self.parse(script)
        return AsyncStream(bufferingPolicy: .bufferingOldest(64)) { continuation in
            let producer = Task {
                defer { probe.record(ended: name) }
                var index = 0
                while kind == .endless || index < count {
                    if Task.isCancelled { return }
                    if kind == .gate, index == 1 { await probe.wait(at: name) }
                    if kind == .endless { try? await Task.sleep(for: .milliseconds(2)) }
                    // A full buffer: the client reads slower than ticks are made; wait for it.
                    while case .dropped = continuation.yield(Tick(index: index, text: "tick")) {
                        if Task.isCancelled { return }
                        try? await Task.sleep(for: .milliseconds(1))
                    }
                    probe.record(yielded: name)
                    index += 1
                }
                continuation.finish()
            }
            // The client went away (the adapter dropped the body): the producing task ends.
            continuation.onTermination = { _ in producer.cancel() }
        }
    }

    enum Script { case plain, gate, endless }

    static func parse(_ script: String?) -> (Script, String) {
        guard let script, let colon = script.firstIndex(of: ":") else { return (.plain, "") }
        let name = String(script[script.index(after: colon)...])
        switch script[..<colon] {
        case "gate": return (.gate, name)
        case "endless": return (.endless, name)
        default: return (.plain, name)
        }
    }
}

/// What the streams of a `StreamsHandler` did, and the gates they wait at.
public final class StreamsProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var yielded: [String: Int] = [:]
    private var ended: Set<String> = []
    private var open: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// How many ticks the stream `name` produced so far.
    public func yieldedCount(_ name: String) -> Int { lock.withLock { yielded[name] ?? 0 } }

    /// Whether the task producing the stream `name` ended.
    public func hasEnded(_ name: String) -> Bool { lock.withLock { ended.contains(name) } }

    /// Lets the stream `name` go on past its gate.
    public func open(_ name: String) {
        let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            open.insert(name)
            defer { waiting[name] = nil }
            return waiting[name] ?? []
        }
        for continuation in resumed { continuation.resume() }
    }

    func wait(at name: String) async {
        await withCheckedContinuation { continuation in
            let isOpen = lock.withLock { () -> Bool in
                if open.contains(name) { return true }
                waiting[name, default: []].append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    func record(yielded name: String) { lock.withLock { yielded[name, default: 0] += 1 } }

    func record(ended name: String) { _ = lock.withLock { ended.insert(name) } }
}

/// One element, then the elements of `rest`.
struct Prefixed<Rest: AsyncSequence & Sendable>: AsyncSequence, Sendable where Rest.Element: Sendable {
    typealias Element = Rest.Element
    let first: Element
    let rest: Rest

    func makeAsyncIterator() -> Iterator { Iterator(first: first, rest: rest.makeAsyncIterator()) }

    struct Iterator: AsyncIteratorProtocol {
        var first: Element?
        var rest: Rest.AsyncIterator

        mutating func next() async throws -> Element? {
            if let value = first {
                first = nil
                return value
            }
            return try await rest.next()
        }
    }
}

/// `count` bytes of a repeating pattern, made 64 KiB at a time as they are read (a download larger than memory).
struct Pattern: AsyncSequence, Sendable {
    typealias Element = Data
    let count: Int

    func makeAsyncIterator() -> Iterator { Iterator(remaining: count) }

    struct Iterator: AsyncIteratorProtocol {
        var remaining: Int
        let chunk = Data((0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0) })

        mutating func next() async -> Data? {
            guard remaining > 0 else { return nil }
            defer { remaining -= chunk.count }
            return remaining >= chunk.count ? chunk : chunk.prefix(remaining)
        }
    }
}
