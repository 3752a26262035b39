// The streamed bodies of URLSessionTransport: the response's chunk buffer and the request's input stream.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The chunks of a response body between URLSession's delegate and the reader. A read takes every chunk that
/// arrived since the last one, joined (up to 1 MiB), so a reader that waits for each chunk keeps up with the
/// network instead of letting chunks queue up.
final class ChunkBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [Data] = []
    private var ended = false
    private var failure: (any Swift.Error)?
    private var reader: CheckedContinuation<Data?, any Swift.Error>?
    private static let largestRead = 1 << 20

    func append(_ chunk: Data) {
        guard !chunk.isEmpty else { return }
        let waiting = lock.withLock { () -> CheckedContinuation<Data?, any Swift.Error>? in
            guard let reader else {
                chunks.append(chunk)
                return nil
            }
            self.reader = nil
            return reader
        }
        waiting?.resume(returning: chunk)
    }

    func finish(_ error: (any Swift.Error)?) {
        let waiting = lock.withLock { () -> CheckedContinuation<Data?, any Swift.Error>? in
            ended = true
            failure = error
            defer { reader = nil }
            return reader
        }
        if let error { waiting?.resume(throwing: error) } else { waiting?.resume(returning: nil) }
    }

    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data?, any Swift.Error>) in
                let outcome = lock.withLock { () -> Result<Data?, any Swift.Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if !chunks.isEmpty { return .success(take()) }
                    if ended { return failure.map { .failure($0) } ?? .success(nil) }
                    reader = continuation
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiting = lock.withLock {
                defer { reader = nil }
                return reader
            }
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// The chunks that arrived, joined up to `largestRead` bytes (called with the lock held).
    private func take() -> Data {
        if chunks.count == 1 || chunks[0].count >= Self.largestRead { return chunks.removeFirst() }
        var joined = Data()
        var taken = 0
        while taken < chunks.count, joined.count + chunks[taken].count <= Self.largestRead {
            joined.append(chunks[taken])
            taken += 1
        }
        chunks.removeFirst(taken)
        return joined
    }
}

#if canImport(FoundationNetworking)
/// A request body read from a `ByteStream` by FoundationNetworking (libcurl), which pulls it on the queue every
/// URLSession of the process shares: a file is read there directly; other chunks come from a task that reads
/// them ahead (about 1 MiB) on threads of its own, so a read waiting for the next chunk never waits for the
/// cooperative pool (whose threads may themselves be waiting on that queue).
final class BodyInputStream: InputStream {
    private let buffer: BodyBuffer?
    private let file: FileHandle?
    private var fileEnded = false
    private var status: Stream.Status = .notOpen

    static func make(_ body: ByteStream) -> InputStream {
        BodyInputStream(body)
    }

    private init(_ body: ByteStream) {
        if case .file(let url, _) = body.source, let handle = try? FileHandle(forReadingFrom: url) {
            file = handle
            buffer = nil
        } else {
            file = nil
            buffer = BodyBuffer(body)
        }
        super.init(data: Data())
    }

    override var streamStatus: Stream.Status { status }
    override var hasBytesAvailable: Bool { buffer?.hasBytesAvailable ?? !fileEnded }

    override func open() {
        status = .open
        buffer?.start()
    }

    override func close() {
        buffer?.stop()
        try? file?.close()
        status = .closed
    }

    override func read(_ pointer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard let file else { return buffer?.read(pointer, maxLength: length) ?? 0 }
        do {
            guard let chunk = try file.read(upToCount: length), !chunk.isEmpty else {
                fileEnded = true
                return 0
            }
            chunk.copyBytes(to: pointer, count: chunk.count)
            return chunk.count
        } catch {
            return -1
        }
    }
}

/// Runs the tasks that read request bodies ahead, on dispatch threads rather than the cooperative pool.
final class BodyReadingExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BodyReadingExecutor()
    private let queue = DispatchQueue(label: "URLSessionTransport.bodies", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// The chunks of a request body, read ahead by a task (at most about 1 MiB) and taken by libcurl's reads, which
/// wait for the next chunk.
final class BodyBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private let body: ByteStream
    private var chunks: [Data] = []
    private var buffered = 0
    private var current = Data()
    private var ended = false
    private var failed = false
    private var producer: Task<Void, Never>?
    private var waiting: CheckedContinuation<Void, Never>?
    private static let readAhead = 1 << 20

    init(_ body: ByteStream) {
        self.body = body
    }

    var hasBytesAvailable: Bool { condition.withLock { !(ended && chunks.isEmpty && current.isEmpty) } }

    func start() {
        let body = body
        producer = Task(executorPreference: BodyReadingExecutor.shared) { [weak self] in
            do {
                for try await chunk in body where !chunk.isEmpty {
                    guard let self else { return }
                    await self.push(chunk)
                }
                self?.end(failed: false)
            } catch {
                self?.end(failed: true)
            }
        }
    }

    func stop() {
        producer?.cancel()
        let waiting = condition.withLock {
            defer { self.waiting = nil }
            return self.waiting
        }
        waiting?.resume()
    }

    private func push(_ chunk: Data) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = condition.withLock { () -> Bool in
                chunks.append(chunk)
                buffered += chunk.count
                condition.broadcast()
                if buffered < Self.readAhead { return true }
                waiting = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func end(failed: Bool) {
        condition.withLock {
            ended = true
            self.failed = failed
            condition.broadcast()
        }
    }

    func read(_ pointer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        let (count, resume): (Int, CheckedContinuation<Void, Never>?) = condition.withLock {
            while current.isEmpty {
                if !chunks.isEmpty {
                    current = chunks.removeFirst()
                    buffered -= current.count
                } else if ended {
                    return (failed ? -1 : 0, nil)
                } else {
                    condition.wait()
                }
            }
            let count = Swift.min(length, current.count)
            current.copyBytes(to: pointer, count: count)
            current =
                count == current.count ? Data() : current.subdata(in: current.startIndex + count..<current.endIndex)
            var resume: CheckedContinuation<Void, Never>?
            if buffered < Self.readAhead / 2 {
                resume = waiting
                waiting = nil
            }
            return (count, resume)
        }
        resume?.resume()
        return count
    }
}
#else
/// A request body read from a `ByteStream` through a bound pair of streams: a task writes the chunks into the
/// output end as URLSession reads the input end.
enum BodyInputStream {
    static func make(_ body: ByteStream) -> InputStream {
        var input: InputStream?
        var output: OutputStream?
        Stream.getBoundStreams(withBufferSize: 64 << 10, inputStream: &input, outputStream: &output)
        let writer = BoundWriter(output!)
        Task.detached {
            writer.open()
            do {
                for try await chunk in body { try writer.write(chunk) }
            } catch {}
            writer.close()
        }
        return input!
    }

    private final class BoundWriter: @unchecked Sendable {
        let stream: OutputStream
        init(_ stream: OutputStream) { self.stream = stream }
        func open() { stream.open() }
        func close() { stream.close() }
        func write(_ chunk: Data) throws {
            try chunk.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = stream.write(
                        raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, maxLength: raw.count - offset)
                    if written <= 0 { throw stream.streamError ?? URLError(.cannotWriteToFile) }
                    offset += written
                }
            }
        }
    }
}
#endif

/// A data task that may be cancelled before or after it starts.
final class CancellableTask: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var isCancelled = false

    func start(_ task: URLSessionDataTask) {
        let cancelled = lock.withLock {
            self.task = task
            return isCancelled
        }
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = lock.withLock {
            isCancelled = true
            return self.task
        }
        task?.cancel()
    }
}
