import Foundation
import StreamsAPI

// Streams through the generated client in a process of its own and prints one JSON line with what it moved and its
// peak resident memory (VmHWM), for the wire tests' memory checks (the transport: Transport.swift beside this file;
// Examples/RunsServer builds this file with AsyncHTTPClient's):
//
//   StreamProbe download <server URL> <bytes>   reads GET /blobs/probe?size=<bytes> chunk by chunk
//   StreamProbe upload <server URL> <bytes>     sends PUT /blobs/probe from a sequence of 64 KiB chunks
//   StreamProbe events <server URL> <count>     reads <count> Server-sent events and checks their order

/// 64 KiB chunks, `count` bytes in all, made as they are read.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = Data
    let count: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: Int
        let chunk = Data(repeating: 0x61, count: 64 << 10)

        mutating func next() async -> Data? {
            guard remaining > 0 else { return nil }
            defer { remaining -= chunk.count }
            return remaining >= chunk.count ? chunk : chunk.prefix(remaining)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: count) }
}

func peakMemoryKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let server = URL(string: arguments[2]), let amount = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: StreamProbe download|upload|events <server URL> <amount>\n".utf8))
    exit(2)
}
let client = Client(serverURL: server, transport: makeTransport(), timeout: .seconds(120), retryPolicy: .none)
var moved = 0
do {
    switch arguments[1] {
    case "download":
        for try await chunk in try await client.downloadBlobBytes(name: "probe", size: amount) { moved += chunk.count }
    case "upload":
        let reply = try await client.uploadBlob(name: "probe", body: ByteStream(Chunks(count: amount), length: amount))
        moved = Int(reply.received)
    case "events":
        for try await tick in try await client.listTicksStream(count: amount) {
            guard tick.index == moved else { throw CocoaError(.coderReadCorrupt) }
            moved += 1
        }
    default:
        exit(2)
    }
} catch {
    let message = String(decoding: try! JSONEncoder().encode(String(describing: error)), as: UTF8.self)
    print("{\"error\": \(message)}")
    exit(1)
}
print("{\"moved\": \(moved), \"peakKiB\": \(peakMemoryKiB())}")
