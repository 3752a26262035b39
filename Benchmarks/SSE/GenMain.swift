import Foundation

// gen's runtime (Runtime.swift as gen writes it): EventStream over a ByteStream of the pieces, given to it as the
// Apple side gets them (an AsyncStream filled beforehand). The events are read in a nonisolated function, as a
// server or a background task reads them (top-level code runs on the main actor, and each `next()` would hop to the
// global executor and back: thread switches that both sides would pay and that no decoder causes).

let startMemory = Body.residentMemoryKiB()
let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
// Each piece converted as the next is made, so that the pieces are in memory once (Apple's side shares the arrays).
var arrays = Body.pieces(count: count)
var pieces: [Data] = []
pieces.reserveCapacity(arrays.count)
for index in arrays.indices {
    pieces.append(Data(arrays[index]))
    arrays[index] = []
}

func decode(_ pieces: [Data]) async throws -> Int {
    var received = 0
    let (chunks, continuation) = AsyncStream<Data>.makeStream()
    for piece in pieces { continuation.yield(piece) }
    continuation.finish()
    let stream = EventStream<Chunk>(body: ByteStream(chunks), format: .serverSentEvents, terminator: "[DONE]")
    for try await chunk in stream where chunk.choices.first?.delta.content != nil { received += 1 }
    return received
}

let start = ContinuousClock.now
let received = try await decode(pieces)
let seconds = (ContinuousClock.now - start) / .seconds(1)
precondition(received == count, "decoded \(received) of \(count) events")
print("gen \(received) \(seconds) \(Body.peakMemoryKiB()) \(startMemory)")
