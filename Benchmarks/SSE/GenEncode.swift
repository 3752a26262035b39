import Foundation

// gen's runtime: an `EventBody` of the values (as a handler answers), encoded as JSON Lines or Server-sent events by
// `encoded(as:)` and read chunk by chunk (as an adapter writes them), in a nonisolated function.

let startMemory = Body.residentMemoryKiB()
let arguments = CommandLine.arguments
let count = Int(arguments.dropFirst().first ?? "") ?? 100_000
let format = arguments.count > 2 && arguments[2] == "sse" ? EventStreamFormat.serverSentEvents : .jsonLines

func encode(_ values: [Chunk], as format: EventStreamFormat) async throws -> (events: Int, bytes: Int) {
    let (stream, continuation) = AsyncStream<Chunk>.makeStream()
    for value in values { continuation.yield(value) }
    continuation.finish()
    var (events, bytes) = (0, 0)
    for try await chunk in EventBody(stream).encoded(as: format) {
        events += 1
        bytes += chunk.count
    }
    return (events, bytes)
}

let values = Body.values(count: count)
let start = ContinuousClock.now
let (events, bytes) = try await encode(values, as: format)
let seconds = (ContinuousClock.now - start) / .seconds(1)
precondition(events == count, "encoded \(events) of \(count) events")
print("gen \(events) \(seconds) \(Body.peakMemoryKiB()) \(startMemory) \(bytes)")
