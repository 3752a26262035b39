import Foundation
import OpenAPIRuntime

// Apple's swift-openapi-runtime: an HTTPBody of the pieces, decoded as its documentation shows for OpenAI's streams,
// in a nonisolated function (as GenMain.swift reads gen's).

let startMemory = Body.residentMemoryKiB()
let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let pieces = Body.pieces(count: count).map { ArraySlice($0) }

func decode(_ pieces: [ArraySlice<UInt8>]) async throws -> Int {
    var received = 0
    let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
    for piece in pieces { continuation.yield(piece) }
    continuation.finish()
    let body = HTTPBody(stream, length: .unknown, iterationBehavior: .single)
    let done = ArraySlice("[DONE]".utf8)
    for try await event in body.asDecodedServerSentEventsWithJSONData(
        of: Chunk.self, decoder: JSONDecoder(), while: { $0 != done })
    where event.data?.choices.first?.delta.content != nil {
        received += 1
    }
    return received
}

let start = ContinuousClock.now
let received = try await decode(pieces)
let seconds = (ContinuousClock.now - start) / .seconds(1)
precondition(received == count, "decoded \(received) of \(count) events")
print("apple \(received) \(seconds) \(Body.peakMemoryKiB()) \(startMemory)")
