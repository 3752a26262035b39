import Foundation
import OpenAPIRuntime

// Apple's swift-openapi-runtime: the same values encoded by `asEncodedJSONLines()` or, as
// `ServerSentEventWithJSONData`, by `asEncodedServerSentEventsWithJSONData()`, read chunk by chunk, in a nonisolated
// function (as GenEncode.swift).

let startMemory = Body.residentMemoryKiB()
let arguments = CommandLine.arguments
let count = Int(arguments.dropFirst().first ?? "") ?? 100_000
let sse = arguments.count > 2 && arguments[2] == "sse"

func encode(_ values: [Chunk], sse: Bool) async throws -> (events: Int, bytes: Int) {
    let (stream, continuation) = AsyncStream<Chunk>.makeStream()
    for value in values { continuation.yield(value) }
    continuation.finish()
    var (events, bytes) = (0, 0)
    if sse {
        let encoded = stream.map { ServerSentEventWithJSONData(data: $0) }.asEncodedServerSentEventsWithJSONData()
        for try await chunk in encoded {
            events += 1
            bytes += chunk.count
        }
    } else {
        for try await chunk in stream.asEncodedJSONLines() {
            events += 1
            bytes += chunk.count
        }
    }
    return (events, bytes)
}

let values = Body.values(count: count)
let start = ContinuousClock.now
let (chunks, bytes) = try await encode(values, sse: sse)
let seconds = (ContinuousClock.now - start) / .seconds(1)
print("apple \(chunks) \(seconds) \(Body.peakMemoryKiB()) \(startMemory) \(bytes)")
