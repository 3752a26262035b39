import Foundation

// gen's runtime (Runtime.swift as gen writes it): EventStream over a ByteStream of the pieces, given to it as the
// Apple side gets them (an AsyncStream filled beforehand).

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
let pieces = Body.pieces(count: count).map { Data($0) }
let start = ContinuousClock.now
var received = 0
let (chunks, continuation) = AsyncStream<Data>.makeStream()
for piece in pieces { continuation.yield(piece) }
continuation.finish()
let stream = EventStream<Chunk>(body: ByteStream(chunks), format: .serverSentEvents, terminator: "[DONE]")
for try await chunk in stream where chunk.choices.first?.delta.content != nil { received += 1 }
let seconds = (ContinuousClock.now - start) / .seconds(1)
precondition(received == count, "decoded \(received) of \(count) events")
print("gen \(received) \(seconds) \(Body.peakMemoryKiB())")
