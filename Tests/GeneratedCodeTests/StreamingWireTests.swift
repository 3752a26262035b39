import Foundation
import StreamsAPI
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The streamed forms of the generated client (Tests/StreamsAPI/openapi.yaml, generated at build time by GenPlugin)
// over a real socket: Server-sent events, JSON Lines and JSON text sequences read as they arrive, binary bodies
// read and sent in chunks. The server is Tests/LoopbackServer/server.py; its stream outcomes say what it saw.

// This file also runs in Examples/RunsServer through the AsyncHTTPClient transport: each package says which transport
// the tests use in StreamsTransport.swift (`streamsClient`, `downloadMemoryLimitKiB`) and Tests/StreamProbe's
// Transport.swift.

/// The three event framings, each read through its `…Stream` method.
enum Framing: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case serverSentEvents, jsonLines, jsonSequence

    var testDescription: String { rawValue }

    func ticks(_ client: Client, count: Int, script: String? = nil) async throws -> EventStream<Tick> {
        switch self {
        case .serverSentEvents: try await client.listTicksStream(count: count, script: script)
        case .jsonLines: try await client.tailTicksStream(count: count, script: script)
        case .jsonSequence: try await client.sequenceTicksStream(count: count, script: script)
        }
    }
}

/// The outcome the server recorded for its one stream.
func streamOutcome(_ server: LoopbackServer) async throws -> [String: any Sendable]? {
    // The server records the outcome when its handler ends, which may come a moment after the client saw the end.
    for _ in 0..<100 {
        if let outcome = try await server.entries().first(where: { $0["stream"] != nil }) { return outcome }
        try await Task.sleep(for: .milliseconds(50))
    }
    return nil
}

@Suite struct StreamingWireTests {
    @Test("the first event reaches the caller while the server holds the rest", arguments: Framing.allCases)
    func firstEventBeforeTheRest(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        let client = streamsClient(server)
        var indices: [Int] = []
        for try await tick in try await framing.ticks(client, count: 5, script: "ack") {
            indices.append(tick.index)
            // The server sends the rest only after this; a client that waited for the whole body would never get
            // here, and the server drops the connection after 10 s without the acknowledgement.
            if tick.index == 0 { try await server.acknowledge() }
        }
        #expect(indices == [0, 1, 2, 3, 4])
        let outcome = try #require(try await streamOutcome(server))
        #expect(outcome["acked"] as? String == "1" || outcome["acked"] as? String == "true")
    }

    @Test("10,000 events arrive in order", arguments: Framing.allCases)
    func manyEventsInOrder(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        var expected = 0
        for try await tick in try await framing.ticks(streamsClient(server), count: 10_000) {
            #expect(tick.index == expected && tick.text == "tick \(expected)")
            expected += 1
        }
        #expect(expected == 10_000)
    }

    @Test("an event that does not decode throws after the valid ones", arguments: Framing.allCases)
    func malformedEventThrowsAfterValidOnes(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        var received: [Int] = []
        await #expect {
            for try await tick in try await framing.ticks(streamsClient(server), count: 6, script: "malformed=3") {
                received.append(tick.index)
            }
        } throws: { error in
            guard case APIError.invalidEvent(200, 3, let path, _, let data) = error else { return false }
            return path == "index" && String(decoding: data, as: UTF8.self).contains("oops")
        }
        #expect(received == [0, 1, 2])
    }

    @Test("leaving the loop closes the connection, and the server sees it", arguments: Framing.allCases)
    func breakingOutClosesTheConnection(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        var received = 0
        for try await _ in try await framing.ticks(streamsClient(server), count: 10_000, script: "slow") {
            received += 1
            if received == 3 { break }
        }
        let outcome = try #require(try await streamOutcome(server))
        #expect(outcome["closed_early"] as? String == "1" || outcome["closed_early"] as? String == "true")
        #expect(Int(outcome["sent"] as? String ?? "") ?? 10_000 < 1_000)
    }

    @Test("an endless JSON Lines stream without a schema yields its first events as JSONValue, then closes")
    func untypedEndlessStream() async throws {
        let server = try await LoopbackServer.start()
        var values: [JSONValue] = []
        for try await value in try await streamsClient(server).tailUntypedTicksStream(count: 0, script: "endless") {
            values.append(value)
            if values.count == 3 { break }
        }
        #expect(
            values == (0..<3).map { JSONValue.object(["index": .integer($0), "text": .string("tick \($0)")]) },
            "\(values)")
        let outcome = try #require(try await streamOutcome(server))
        #expect(outcome["closed_early"] as? String == "1" || outcome["closed_early"] as? String == "true")
    }

    @Test("cancelling the task mid-stream closes the connection", arguments: Framing.allCases)
    func cancellingClosesTheConnection(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        let client = streamsClient(server)
        let started = AsyncStream<Void>.makeStream()
        let reader = Task {
            var received = 0
            for try await _ in try await framing.ticks(client, count: 10_000, script: "slow") {
                received += 1
                if received == 2 { started.continuation.yield() }
            }
            return received
        }
        for await _ in started.stream { break }
        reader.cancel()
        let result = await reader.result
        if case .success(let count) = result { #expect(count < 10_000) }
        let outcome = try #require(try await streamOutcome(server))
        #expect(outcome["closed_early"] as? String == "1" || outcome["closed_early"] as? String == "true")
    }

    @Test(
        "a stream whose next event takes longer than the client's timeout throws APIError.timeout",
        arguments: Framing.allCases)
    func idleTimeout(framing: Framing) async throws {
        let server = try await LoopbackServer.start()
        var received: [Int] = []
        let start = ContinuousClock.now
        await #expect {
            // The server holds everything after the first event until an acknowledgement that never comes (it drops
            // the connection after 10 s, a transport error, not a timeout). The timeout leaves the first event time
            // to arrive on a loaded machine: at 1 s, CI missed it while the 1 GiB tests ran beside it.
            for try await tick in try await framing.ticks(
                streamsClient(server, timeout: .seconds(3)), count: 3, script: "ack")
            {
                received.append(tick.index)
            }
        } throws: { error in
            guard case APIError.timeout = error else { return false }
            return true
        }
        #expect(received == [0])
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test("[DONE] ends a Server-sent event stream; events after it are never read")
    func terminatorEndsTheStream() async throws {
        let server = try await LoopbackServer.start()
        var indices: [Int] = []
        for try await tick in try await streamsClient(server).listTicksStream(count: 3, script: "afterdone") {
            indices.append(tick.index)
        }
        #expect(indices == [0, 1, 2])
    }

    @Test(
        "Server-sent events as WHATWG frames them: line ends, BOM, comments, fields, split data, no final blank line",
        arguments: ["crlf", "cr", "bom,comments", "fields", "multiline", "noterminator,noblank", "crlf,bom,fields"])
    func serverSentEventFraming(script: String) async throws {
        let server = try await LoopbackServer.start()
        var events: [StreamEvent<Tick>] = []
        for try await event in try await streamsClient(server).listTicksStream(count: 4, script: script).events {
            events.append(event)
        }
        #expect(events.map(\.value.index) == [0, 1, 2, 3])
        #expect(events.map(\.index) == [0, 1, 2, 3])
        if script.contains("fields") {
            #expect(events.map(\.event) == ["tick", "tick", "tick", "tick"])
            #expect(events.map(\.id) == ["0", "1", "2", "3"])
        }
    }

    @Test("a JSON text sequence record may span lines")
    func multilineSequenceRecords() async throws {
        let server = try await LoopbackServer.start()
        var indices: [Int] = []
        for try await tick in try await streamsClient(server).sequenceTicksStream(count: 3, script: "multiline") {
            indices.append(tick.index)
        }
        #expect(indices == [0, 1, 2])
    }

    @Test("JSON or CSV: each method asks for its media type")
    func contentTypeChoice() async throws {
        let server = try await LoopbackServer.start()
        let client = streamsClient(server)
        let page = try await client.exportTicks(count: 2)
        #expect(page.ticks.map(\.index) == [0, 1])
        let csv = try await client.exportTicksBytes(count: 2)
        #expect(csv.contentType == "text/csv")
        #expect(
            String(decoding: try await csv.collect(upTo: 1 << 20), as: UTF8.self) == "index,text\n0,tick 0\n1,tick 1\n")
        let requests = try await server.requests()
        #expect(requests.map { $0.header("Accept") } == ["application/json", "text/csv"])
    }

    @Test("a download is written to a file chunk by chunk, and an upload is read from one")
    func fileDownloadAndUpload() async throws {
        let server = try await LoopbackServer.start()
        let client = streamsClient(server)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("blob.bin")
        let size = 3 << 20 + 17
        let written = try await client.downloadBlobBytes(name: "a", size: size).write(to: file)
        #expect(written == size)
        let bytes = try Data(contentsOf: file)
        #expect(bytes.count == size && bytes.prefix(256) == Data((0...255).map { UInt8($0) }))
        let reply = try await client.uploadBlob(name: "a", body: .file(file, chunkSize: 100_000))
        #expect(reply.received == Int64(size))
        let put = try #require(try await server.entries().first { $0["method"] as? String == "PUT" })
        #expect(put["received"] as? String == String(size))
    }

    @Test("a request body offered in two media types: the argument label chooses, and sends its Content-Type")
    func requestBodyChoice() async throws {
        let server = try await LoopbackServer.start()
        let client = streamsClient(server)
        #expect(try await client.uploadBlob(name: "a", body: Data("bytes".utf8)).received == 5)
        #expect(try await client.uploadBlob(name: "b", textPlainBody: Data("text!!".utf8)).received == 6)
        let types = try await server.requests().map { $0.header("Content-Type") }
        #expect(types == ["application/octet-stream", "text/plain"])
    }

    @Test(
        "1 GiB down and 1 GiB up, and 10,000 events, with bounded peak memory",
        arguments: [("download", 1 << 30), ("upload", 1 << 30), ("events", 10_000)])
    func boundedMemory(mode: String, amount: Int) async throws {
        let server = try await LoopbackServer.start()
        let probe = try #require(StreamProbe.url, "the StreamProbe executable is built beside the tests")
        let result = try await StreamProbe.run(probe, mode, server.baseURL, amount)
        #expect(result.moved == amount, "\(result)")
        // 64 MiB, the process included, but where the transport cannot keep to it (`memoryLimitKiB`, which says why).
        let limit = memoryLimitKiB(mode)
        #expect(result.peakKiB > 0 && result.peakKiB < limit, "peak memory \(result.peakKiB) KiB")
    }
}

/// Tests/StreamProbe, run as a process of its own so that its peak memory is the stream's alone.
enum StreamProbe {
    /// The executable, built beside the test bundle.
    static var url: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("StreamProbe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    struct Outcome: Sendable, CustomStringConvertible {
        var moved: Int
        var peakKiB: Int
        var output: String
        var description: String { output }
    }

    /// Runs the probe off the cooperative pool (it blocks until the probe exits).
    static func run(_ probe: URL, _ mode: String, _ server: URL, _ amount: Int) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Swift.Result {
                        let process = Process()
                        process.executableURL = probe
                        process.arguments = [mode, server.absoluteString, String(amount)]
                        let output = Pipe()
                        process.standardOutput = output
                        try process.run()
                        let data = output.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        let text = String(decoding: data, as: UTF8.self)
                        let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                        return Outcome(
                            moved: fields["moved"] as? Int ?? -1, peakKiB: fields["peakKiB"] as? Int ?? -1,
                            output: text)
                    })
            }
        }
    }
}
