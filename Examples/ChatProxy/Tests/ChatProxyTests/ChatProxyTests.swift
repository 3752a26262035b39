import AsyncHTTPClient
import ChatAPI
import ChatProxy
import Foundation
import OpenAIChat
import Testing

// The proxy over loopback: the generated ChatAPI client calls the proxy (the generated Hummingbird server), whose
// handler calls a stand-in upstream with the client generated from OpenAI's spec.

/// Runs `body` with a stand-in upstream and a proxy in front of it (in this process), and a client of the proxy.
func withProxy(_ body: (StandInUpstream, ChatAPI.Client) async throws -> Void) async throws {
    let upstream = StandInUpstream()
    let (upstreamPorts, upstreamReady) = AsyncStream.makeStream(of: Int.self)
    let upstreamTask = Task { try await upstream.run { upstreamReady.yield($0) } }
    defer { upstreamTask.cancel() }
    var upstreamPort = upstreamPorts.makeAsyncIterator()
    let upstreamURL = URL(string: "http://127.0.0.1:\(try #require(await upstreamPort.next()))")!
    let handler = ChatProxyHandler(
        upstream: OpenAIChat.Client(
            serverURL: upstreamURL, authentication: .apiKeyAuth(token: "test"),
            transport: OpenAIChat.AsyncHTTPClientTransport(), retryPolicy: .none))
    let (proxyPorts, proxyReady) = AsyncStream.makeStream(of: Int.self)
    let proxyTask = Task { try await ChatProxyServer.run(handler, port: 0) { proxyReady.yield($0) } }
    defer { proxyTask.cancel() }
    var proxyPort = proxyPorts.makeAsyncIterator()
    let proxyURL = URL(string: "http://127.0.0.1:\(try #require(await proxyPort.next()))")!
    try await body(
        upstream,
        ChatAPI.Client(
            serverURL: proxyURL, transport: ChatAPI.AsyncHTTPClientTransport(), timeout: .seconds(20),
            retryPolicy: .none))
}

func ask(_ text: String) -> ChatRequest {
    ChatRequest(messages: [Message(role: .user, content: text)])
}

/// Waits up to 5 s for `condition`.
func eventually(_ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

@Suite(.serialized) struct ChatProxyTests {
    @Test("the first line reaches the proxy's client before the upstream sends its second event")
    func firstLineBeforeTheSecondEvent() async throws {
        try await withProxy { upstream, client in
            var lines: [String] = []
            for try await delta in try await client.chatStream(body: ask("gate")) {
                lines.append(delta.content)
                // The upstream waits after its first event until this: a proxy that buffered would never answer.
                if lines.count == 1 {
                    #expect(upstream.sent == 1)
                    upstream.openGate()
                }
            }
            #expect(lines == ["token 0", "token 1", "token 2"])
            // What the upstream got: a streamed chat completion request, the conversation as the client sent it.
            let request = try #require(upstream.received.first)
            #expect(request.contains(#""stream":true"#) && request.contains(#""content":"gate""#))
        }
    }

    @Test("a client that disconnects cancels the upstream request")
    func disconnectCancelsTheUpstream() async throws {
        try await withProxy { upstream, client in
            var count = 0
            for try await _ in try await client.chatStream(body: ask("endless")) {
                count += 1
                if count == 3 { break }
            }
            #expect(count == 3)
            #expect(try await eventually { upstream.closed })
        }
    }

    @Test("an upstream that refuses is the documented 502")
    func upstreamFailure() async throws {
        try await withProxy { _, client in
            await #expect {
                _ = try await client.chatStream(body: ask("fail"))
            } throws: { error in
                guard case ChatError.badGateway(let problem) = error else { return false }
                return "\(problem)".contains("could not be asked")
            }
        }
    }

    @Test("10,000 events pass through in order, the proxy's peak memory bounded")
    func tenThousandEvents() async throws {
        let upstream = StandInUpstream()
        let (ports, ready) = AsyncStream.makeStream(of: Int.self)
        let upstreamTask = Task { try await upstream.run { ready.yield($0) } }
        defer { upstreamTask.cancel() }
        var iterator = ports.makeAsyncIterator()
        let upstreamPort = try #require(await iterator.next())
        // The proxy in a process of its own, so that its peak memory is its own.
        let proxy = try await ProxyProcess.start(upstream: URL(string: "http://127.0.0.1:\(upstreamPort)")!)
        defer { proxy.stop() }
        let client = ChatAPI.Client(
            serverURL: proxy.baseURL, transport: ChatAPI.AsyncHTTPClientTransport(), timeout: .seconds(60),
            retryPolicy: .none)
        var next = 0
        for try await delta in try await client.chatStream(body: ask("many 10000")) {
            guard delta.content == "token \(next)" else {
                Issue.record("\(delta.content) arrived where token \(next) was expected")
                return
            }
            next += 1
        }
        #expect(next == 10_000)
        let peak = proxy.peakMemoryKiB()
        print("chat-proxy: 10,000 events forwarded, peak memory \(peak) KiB")
        #expect(peak > 0 && peak < 64 << 10, "the proxy's peak memory: \(peak) KiB")
    }
}

/// `chat-proxy`, run as a process of its own.
final class ProxyProcess: @unchecked Sendable {
    private let process: Process
    let baseURL: URL

    private init(process: Process, port: Int) {
        self.process = process
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    static func start(upstream: URL) async throws -> ProxyProcess {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable: URL?
        for _ in 0..<4 where executable == nil {
            let candidate = folder.appendingPathComponent("chat-proxy")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { executable = candidate }
            folder = folder.deletingLastPathComponent()
        }
        let url = try #require(executable, "chat-proxy is built beside the tests")
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = url
                        process.environment = ["PORT": "0", "UPSTREAM_URL": upstream.absoluteString]
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
                        return ProxyProcess(process: process, port: port)
                    })
            }
        }
    }

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
