import Foundation
import StreamsAPI
import StreamsService
import Testing

// The server side of streams over loopback: the streaming test API (Tests/StreamsAPI/openapi.yaml) served by the
// generated APIRouter through each generated adapter, its handler (StreamsService) streaming ticks in the three
// framings, blobs both ways and a two-way stream; the client is the generated one, on AsyncHTTPClient.

/// The three event framings, each answered by its own operation.
enum Framing: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case serverSentEvents, jsonLines, jsonSequence

    var testDescription: String { rawValue }

    func ticks(_ client: Client, count: Int, script: String? = nil) async throws -> EventStream<Tick> {
        switch self {
        case .serverSentEvents: try await client.streamTicksStream(count: count, script: script)
        case .jsonLines: try await client.tailTicksStream(count: count, script: script)
        case .jsonSequence: try await client.sequenceTicksStream(count: count, script: script)
        }
    }
}

/// Every adapter with every framing.
let cases: [(StreamsServer.Adapter, Framing)] = StreamsServer.Adapter.allCases.flatMap { adapter in
    Framing.allCases.map { (adapter, $0) }
}

/// Serves a `StreamsHandler` recording into `probe` with `adapter` on a free port for the duration of `body`, which
/// gets a client of it.
func withServer(
    _ adapter: StreamsServer.Adapter, probe: StreamsProbe = StreamsProbe(), _ body: (Client) async throws -> Void
) async throws {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = Task {
        try await StreamsServer.run(StreamsHandler(probe: probe), adapter: adapter, port: 0) { continuation.yield($0) }
    }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    let port = try #require(await iterator.next())
    try await body(
        Client(
            serverURL: URL(string: "http://127.0.0.1:\(port)")!, transport: AsyncHTTPClientTransport(),
            timeout: .seconds(20), retryPolicy: .none))
}

/// Waits up to 5 s for `condition`.
func eventually(_ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

@Suite(.serialized) struct ServerStreamingTests {
    @Test("the handler's first event reaches the client before the handler yields the second", arguments: cases)
    func firstEventBeforeTheSecond(adapter: StreamsServer.Adapter, framing: Framing) async throws {
        let probe = StreamsProbe()
        try await withServer(adapter, probe: probe) { client in
            var indices: [Int] = []
            for try await tick in try await framing.ticks(client, count: 3, script: "gate:first") {
                indices.append(tick.index)
                if tick.index == 0 {
                    // The handler waits at its gate after tick 0: a server that buffered the answer would never
                    // have sent it, and the client would time out.
                    #expect(probe.yieldedCount("first") == 1)
                    probe.open("first")
                }
            }
            #expect(indices == [0, 1, 2])
        }
    }

    @Test("10,000 events arrive in order", arguments: cases)
    func tenThousandInOrder(adapter: StreamsServer.Adapter, framing: Framing) async throws {
        try await withServer(adapter) { client in
            var next = 0
            for try await tick in try await framing.ticks(client, count: 10_000) {
                guard tick.index == next else {
                    Issue.record("tick \(tick.index) arrived where \(next) was expected")
                    return
                }
                next += 1
            }
            #expect(next == 10_000)
        }
    }

    @Test("a client that goes away mid-stream ends the handler's task", arguments: cases)
    func disconnectEndsTheHandler(adapter: StreamsServer.Adapter, framing: Framing) async throws {
        let probe = StreamsProbe()
        try await withServer(adapter, probe: probe) { client in
            var seen = 0
            for try await _ in try await framing.ticks(client, count: 0, script: "endless:gone") {
                seen += 1
                if seen == 3 { break }
            }
            #expect(seen == 3)
            // Leaving the loop closed the connection; the adapter's next write fails and drops the body, which
            // ends the sequence the handler answered with, and the task producing it.
            #expect(try await eventually { probe.hasEnded("gone") })
        }
    }

    @Test(
        "Server-sent events carry their fields; the stream ends at the terminator",
        arguments: StreamsServer.Adapter.allCases)
    func serverSentEventFields(adapter: StreamsServer.Adapter) async throws {
        try await withServer(adapter) { client in
            var events: [StreamEvent<Tick>] = []
            for try await event in try await client.streamTicksStream(count: 2).events { events.append(event) }
            #expect(events.map(\.value.index) == [0, 1])
            #expect(events.map(\.event) == ["tick", "tick"])
            #expect(events.map(\.id) == ["0", "1"])
            // The whole body, read by the operation's own method: a comment first, `data: [DONE]` last.
            let text = String(decoding: try await client.streamTicks(count: 1), as: UTF8.self)
            #expect(
                text == ": ticks follow\nevent: tick\nid: 0\ndata: {\"index\":0,\"text\":\"tick\"}\n\ndata: [DONE]\n\n")
            // A status offering JSON or events: each, as the request asks.
            var streamed: [Int] = []
            for try await tick in try await client.listTicksStream(count: 3) { streamed.append(tick.index) }
            #expect(streamed == [0, 1, 2])
            #expect(try await client.listTicks(count: 3).ticks.count == 3)
        }
    }

    @Test("an endless stream without a schema yields its first events", arguments: StreamsServer.Adapter.allCases)
    func untypedEndless(adapter: StreamsServer.Adapter) async throws {
        let probe = StreamsProbe()
        try await withServer(adapter, probe: probe) { client in
            var values: [JSONValue] = []
            for try await value in try await client.tailUntypedTicksStream(count: 0, script: "endless:untyped") {
                values.append(value)
                if values.count == 3 { break }
            }
            #expect(values.first == .object(["index": .integer(0), "text": .string("tick")]))
            #expect(values.count == 3)
            #expect(try await eventually { probe.hasEnded("untyped") })
        }
    }

    @Test(
        "a request streamed from an AsyncSequence is answered event by event while it is still being sent",
        arguments: StreamsServer.Adapter.allCases)
    func twoWay(adapter: StreamsServer.Adapter) async throws {
        try await withServer(adapter) { client in
            // The client sends tick n+1 only once the answer to tick n arrived: both bodies stream at once, or
            // the exchange stalls (and times out).
            let (answered, answers) = AsyncStream.makeStream(of: Int.self)
            let requests = AsyncStream<Tick> { continuation in
                let sender = Task {
                    var received = answered.makeAsyncIterator()
                    for index in 0..<5 {
                        continuation.yield(Tick(index: index, text: "line \(index)"))
                        guard await received.next() == index else { break }
                    }
                    continuation.finish()
                }
                continuation.onTermination = { _ in sender.cancel() }
            }
            var replies: [Tick] = []
            for try await reply in try await client.chatStream(body: EventBody(requests)) {
                replies.append(reply)
                answers.yield(reply.index)
            }
            answers.finish()
            #expect(replies == (0..<5).map { Tick(index: $0, text: "re: line \($0)") })
        }
    }

    @Test(
        "1 GiB served from a ByteStream and 1 GiB received as one, the server's peak memory under 64 MiB",
        arguments: StreamsServer.Adapter.allCases)
    func gigabyte(adapter: StreamsServer.Adapter) async throws {
        let server = try await ServerProcess.start(adapter)
        defer { server.stop() }
        let probe = try #require(Executable.url("StreamProbe"), "StreamProbe is built beside the tests")
        for mode in ["download", "upload"] {
            let output = try await Executable.run(probe, [mode, server.baseURL.absoluteString, String(1 << 30)])
            let fields = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            #expect(fields?["moved"] as? Int == 1 << 30, "\(mode): \(output)")
            let peak = server.peakMemoryKiB()
            #expect(peak > 0 && peak < 64 << 10, "the server's peak memory after the \(mode): \(peak) KiB")
        }
    }

    @Test("the mock server streams its event fixtures")
    func mockStreamsFixtures() async throws {
        let client = Client(transport: APIRouter(handler: MockHandler(), authenticator: AnyPresentCredential()))
        let fixture = try Fixtures.TailTicks.okEvents.decoded()
        var ticks: [Tick] = []
        for try await tick in try await client.tailTicksStream(count: 1) { ticks.append(tick) }
        #expect(ticks == [fixture, fixture])
        var events: [Tick] = []
        for try await tick in try await client.streamTicksStream(count: 1) { events.append(tick) }
        #expect(events.count == 2)
        // JSON or events for one status: the events when the request asks for them.
        var listed: [Tick] = []
        for try await tick in try await client.listTicksStream(count: 1) { listed.append(tick) }
        #expect(listed == [try Fixtures.ListTicks.okEvents.decoded(), try Fixtures.ListTicks.okEvents.decoded()])
        #expect(try await client.listTicks(count: 1) == (try Fixtures.ListTicks.ok.decoded()))
    }
}

/// `streams-server`, in a process of its own so that its peak memory is the server's alone.
final class ServerProcess: @unchecked Sendable {
    private let process: Process
    let baseURL: URL

    private init(process: Process, port: Int) {
        self.process = process
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Starts the server and waits for its port (off the cooperative pool: it blocks).
    static func start(_ adapter: StreamsServer.Adapter) async throws -> ServerProcess {
        let executable = try #require(Executable.url("streams-server"), "streams-server is built beside the tests")
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = executable
                        process.arguments = [adapter.rawValue]
                        let output = Pipe()
                        process.standardOutput = output
                        try process.run()
                        var line = Data()
                        while !line.contains(UInt8(ascii: "\n")) {
                            let chunk = output.fileHandleForReading.availableData
                            if chunk.isEmpty { break }
                            line += chunk
                        }
                        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                        guard let port = Int(text) else {
                            process.terminate()
                            throw CocoaError(.fileReadCorruptFile)
                        }
                        return ServerProcess(process: process, port: port)
                    })
            }
        }
    }

    /// The process's peak resident memory (VmHWM), in KiB.
    func peakMemoryKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// The package's executables, built beside the test bundle.
enum Executable {
    static func url(_ name: String) -> URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `url` with `arguments` to its end (off the cooperative pool) and returns what it printed.
    static func run(_ url: URL, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = url
                        process.arguments = arguments
                        let output = Pipe()
                        process.standardOutput = output
                        try process.run()
                        let data = output.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        return String(decoding: data, as: UTF8.self)
                    })
            }
        }
    }
}
