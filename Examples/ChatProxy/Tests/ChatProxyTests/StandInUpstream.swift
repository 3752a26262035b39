import Foundation
import Hummingbird
import Logging
import NIOCore

/// An OpenAI-compatible chat completions endpoint on loopback (`POST /chat/completions`), answering with Server-sent
/// chat completion chunks as the last user message asks:
///
/// - `gate`: chunk 0, then a wait until the test opens the gate, then chunks 1 and 2, then `data: [DONE]`;
/// - `many <n>`: n chunks as fast as the connection takes them, then `data: [DONE]`;
/// - `endless`: a chunk every 2 ms until the connection is gone (`closed` says when the upstream saw that);
/// - `fail`: 500.
final class StandInUpstream: @unchecked Sendable {
    private let lock = NSLock()
    private var sentCount = 0
    private var wasClosed = false
    private var gateOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var requests: [String] = []

    /// How many chunks it sent.
    var sent: Int { lock.withLock { sentCount } }
    /// Whether an endless stream saw its connection go.
    var closed: Bool { lock.withLock { wasClosed } }
    /// The request bodies it received.
    var received: [String] { lock.withLock { requests } }

    func openGate() {
        let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            gateOpen = true
            defer { waiting = [] }
            return waiting
        }
        for continuation in resumed { continuation.resume() }
    }

    private func waitAtGate() async {
        await withCheckedContinuation { continuation in
            let open = lock.withLock { () -> Bool in
                if gateOpen { return true }
                waiting.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }

    static func chunk(_ index: Int) -> ByteBuffer {
        ByteBuffer(
            string:
                #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1718000000,"model":"gpt-4o-mini","#
                + #""choices":[{"index":0,"delta":{"content":"token \#(index)"},"finish_reason":null}]}"# + "\n\n")
    }

    /// Serves until the task is cancelled; `ready` gets the port.
    func run(ready: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.post("chat/completions") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            self.lock.withLock { self.requests.append(body) }
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let messages = json?["messages"] as? [[String: Any]] ?? []
            let script = (messages.last?["content"] as? String ?? "").split(separator: " ")
            if script.first == "fail" { return Response(status: .internalServerError) }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    switch script.first {
                    case "gate":
                        try await writer.write(Self.chunk(0))
                        self.lock.withLock { self.sentCount += 1 }
                        await self.waitAtGate()
                        for index in 1...2 {
                            try await writer.write(Self.chunk(index))
                            self.lock.withLock { self.sentCount += 1 }
                        }
                    case "endless":
                        var index = 0
                        do {
                            while true {
                                try await writer.write(Self.chunk(index))
                                index += 1
                                try await Task.sleep(for: .milliseconds(2))
                            }
                        } catch {
                            self.lock.withLock { self.wasClosed = true }
                            throw error
                        }
                    default:
                        let count = script.count > 1 ? Int(script[1]) ?? 1 : 1
                        for index in 0..<count { try await writer.write(Self.chunk(index)) }
                    }
                    try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                    try await writer.finish(nil)
                })
        }
        var logger = Logger(label: "stand-in-upstream")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }
}
