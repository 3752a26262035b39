import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real HTTP/1.1 server on 127.0.0.1 (Tests/LoopbackServer/server.py), started by a test and stopped with it.
///
/// `script` lists how to answer successive requests (see the server's docstring); the last step repeats.
final class LoopbackServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let input: Pipe

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts a server. The blocking part (waiting for the port) runs on a dispatch queue, never on the cooperative
    /// pool: with two cores that pool has two threads, and blocking them would starve the client's own timers.
    static func start(_ script: [[String: Any]] = []) async throws -> LoopbackServer {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: script), as: UTF8.self)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try LoopbackServer(json: json) })
            }
        }
    }

    private init(json: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("LoopbackServer/server.py").path, json]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw ServerError.didNotStart
        }
        self.port = port
    }

    enum ServerError: Error { case didNotStart }

    /// What the server received, in order (control requests excluded).
    func requests() async throws -> [ReceivedRequest] {
        let (data, _) = try await URLSession(configuration: .ephemeral).data(
            from: baseURL.appendingPathComponent("_requests"))
        let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return list.map { entry in
            ReceivedRequest(
                method: entry["method"] as? String ?? "", path: entry["path"] as? String ?? "",
                headers: entry["headers"] as? [String: String] ?? [:], body: entry["body"] as? String ?? "")
        }
    }

    /// Everything the server recorded, requests and the outcome of each stream (`sent`, `closed_early`, `acked`).
    func entries() async throws -> [[String: any Sendable]] {
        let (data, _) = try await URLSession(configuration: .ephemeral).data(
            from: baseURL.appendingPathComponent("_requests"))
        let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return list.map { $0.mapValues { "\($0)" } }
    }

    /// Lets a stream that waits for an acknowledgement (`ack`) go on.
    func acknowledge() async throws {
        _ = try await URLSession(configuration: .ephemeral).data(from: baseURL.appendingPathComponent("_ack"))
    }

    deinit {
        // Closing stdin ends the server; no waiting here (deinit may run on the cooperative pool).
        try? input.fileHandleForWriting.close()
        process.terminate()
    }
}

/// One request as the server saw it.
struct ReceivedRequest {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}
