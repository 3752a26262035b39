// ByteStream (a body read or sent in chunks), its idle timeout, and StreamedResponse.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

// MARK: - Streaming

/// A body that arrives or leaves in chunks, so it never has to sit whole in memory: a download read as it comes
/// (`for try await chunk in body`, or `try await body.write(to: fileURL)`), an upload read from a file or from any
/// `AsyncSequence` of `Data`. It is read once.
///
/// ```swift
/// try await client.downloadFileBytes(id: id).write(to: destination)
/// try await client.uploadFile(body: .file(source))
/// ```
public struct ByteStream: AsyncSequence, Sendable {
    public typealias Element = Data

    /// The number of bytes, when known (`Content-Length`, a file's size).
    public var length: Int?
    /// The media type, when known (a response's `Content-Type`).
    public var contentType: String?
    let source: Source
    /// Ends what produces the chunks (closes the connection) once neither the stream nor an iterator of it is left.
    let lifetime: StreamLifetime?

    enum Source: Sendable {
        case data(Data)
        case file(URL, chunkSize: Int)
        case chunks(@Sendable () -> AsyncIterator)
    }

    /// The whole body, when it is in memory (made from `Data`): sent at once, with its length.
    public var contents: Data? {
        if case .data(let data) = source { data } else { nil }
    }

    /// A body made of `data`.
    public init(_ data: Data, contentType: String? = nil) {
        self.length = data.count
        self.contentType = contentType
        self.source = .data(data)
        self.lifetime = nil
    }

    /// A body read from `chunks` as the transport sends it; `length` (when known) is sent as `Content-Length`.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, length: Int? = nil, contentType: String? = nil)
    where Chunks.Element == Data {
        self.init(
            source: .chunks({ AsyncIterator(chunks.makeAsyncIterator()) }), length: length, contentType: contentType,
            lifetime: nil)
    }

    init(source: Source, length: Int?, contentType: String?, lifetime: StreamLifetime?) {
        self.source = source
        self.length = length
        self.contentType = contentType
        self.lifetime = lifetime
    }

    /// The contents of the file at `url`, read `chunkSize` bytes at a time.
    public static func file(_ url: URL, chunkSize: Int = 64 << 10, contentType: String? = nil) throws -> ByteStream {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        return ByteStream(
            source: .file(url, chunkSize: Swift.max(1, chunkSize)), length: size, contentType: contentType,
            lifetime: nil)
    }

    /// Reads the chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var pull: () async throws -> Data?
        private let lifetime: StreamLifetime?

        init<Base: AsyncIteratorProtocol>(_ base: Base, lifetime: StreamLifetime? = nil) where Base.Element == Data {
            var base = base
            self.pull = { try await base.next() }
            self.lifetime = lifetime
        }

        init(lifetime: StreamLifetime?, pull: @escaping () async throws -> Data?) {
            self.pull = pull
            self.lifetime = lifetime
        }

        /// The next chunk, or `nil` at the end.
        public mutating func next() async throws -> Data? {
            try await pull()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .data(let data):
            var sent = false
            return AsyncIterator(lifetime: lifetime) {
                defer { sent = true }
                return sent || data.isEmpty ? nil : data
            }
        case .file(let url, let chunkSize):
            var handle: FileHandle?
            var ended = false
            return AsyncIterator(lifetime: lifetime) {
                guard !ended else { return nil }
                if handle == nil { handle = try FileHandle(forReadingFrom: url) }
                guard let chunk = try handle?.read(upToCount: chunkSize), !chunk.isEmpty else {
                    ended = true
                    try handle?.close()
                    return nil
                }
                return chunk
            }
        case .chunks(let make):
            var base = make()
            return AsyncIterator(lifetime: lifetime) { try await base.next() }
        }
    }

    /// Every byte, as long as there are at most `limit` of them; more throw `ByteStream.TooLarge` (without reading
    /// the rest).
    public func collect(upTo limit: Int) async throws -> Data {
        if case .data(let data) = source, data.count <= limit { return data }
        var collected = Data()
        for try await chunk in self {
            guard collected.count + chunk.count <= limit else { throw TooLarge(limit: limit) }
            collected.append(chunk)
        }
        return collected
    }

    /// Writes the body to the file at `url` (replacing it), chunk by chunk; returns the number of bytes written.
    @discardableResult
    public func write(to url: URL) async throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0
        for try await chunk in self {
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        return written
    }

    /// A body longer than `collect(upTo:)` allows.
    public struct TooLarge: Swift.Error, Hashable {
        /// The limit that was passed.
        public var limit: Int
    }

    /// The same chunks, but `APIError.timeout` when the next one takes longer than `timeout` to arrive (the
    /// exchange is ended then). A watchdog task checks a few times per `timeout`, so waiting costs nothing per chunk.
    /// A body in memory never stalls and is returned as it is.
    func timingOut(after timeout: Duration) -> ByteStream {
        guard let lifetime else { return self }
        let base = self
        return ByteStream(
            source: .chunks({
                let watch = IdleWatch(timeout: timeout, lifetime: lifetime)
                var iterator = base.makeAsyncIterator()
                return AsyncIterator(lifetime: lifetime) {
                    watch.wait()
                    defer { watch.arrived() }
                    do {
                        let chunk = try await iterator.next()
                        if watch.timedOut { throw APIError.timeout(after: timeout) }
                        if chunk == nil { watch.finish() }
                        return chunk
                    } catch {
                        watch.finish()
                        throw watch.timedOut ? APIError.timeout(after: timeout) : error
                    }
                }
            }), length: length, contentType: contentType, lifetime: lifetime)
    }
}

/// Ends an exchange whose next chunk takes longer than `timeout`: a task that looks a few times per timeout.
private final class IdleWatch: @unchecked Sendable {
    private let lock = NSLock()
    private let timeout: Duration
    private let lifetime: StreamLifetime
    private var waitingSince: ContinuousClock.Instant?
    private var expired = false
    private var watchdog: Task<Void, Never>?

    init(timeout: Duration, lifetime: StreamLifetime) {
        self.timeout = timeout
        self.lifetime = lifetime
    }

    var timedOut: Bool { lock.withLock { expired } }

    func wait() {
        let start = lock.withLock { () -> Bool in
            waitingSince = .now
            return watchdog == nil
        }
        guard start else { return }
        let period = timeout / 4
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                guard let self, self.check() else { return }
            }
        }
        lock.withLock { watchdog = task }
    }

    func arrived() {
        lock.withLock { waitingSince = nil }
    }

    func finish() {
        lock.withLock { watchdog }?.cancel()
    }

    /// Whether to keep watching; ends the exchange when the wait is over.
    private func check() -> Bool {
        let late = lock.withLock { () -> Bool in
            guard let since = waitingSince, ContinuousClock.now - since >= timeout else { return false }
            expired = true
            return true
        }
        if late { lifetime.end() }
        return !late
    }

    deinit { watchdog?.cancel() }
}

/// Runs `end` once nothing holds it any more (or when asked): what keeps a streamed response's connection open.
final class StreamLifetime: @unchecked Sendable {
    private let lock = NSLock()
    private var onEnd: (@Sendable () -> Void)?

    init(_ end: @escaping @Sendable () -> Void) {
        self.onEnd = end
    }

    /// Ends the exchange now (once).
    func end() {
        let end = lock.withLock {
            defer { onEnd = nil }
            return onEnd
        }
        end?()
    }

    deinit { end() }
}

/// A response whose body is read as it arrives.
public struct StreamedResponse: Sendable {
    /// The status and header fields (`head.body` is empty).
    public var head: HTTPResponse
    /// The body, chunk by chunk.
    public var body: ByteStream

    /// Creates a response.
    public init(head: HTTPResponse, body: ByteStream) {
        self.head = head
        self.body = body
    }

    /// A response whose body is in memory.
    public init(_ response: HTTPResponse) {
        var head = response
        head.body = Data()
        self.init(head: head, body: ByteStream(response.body, contentType: response.header("Content-Type")))
    }

    /// The whole response, its body read (up to `limit` bytes; more throw `APIError.responseTooLarge`).
    public func collected(upTo limit: Int) async throws -> HTTPResponse {
        var response = head
        do {
            response.body = try await body.collect(upTo: limit)
        } catch is ByteStream.TooLarge {
            throw APIError.responseTooLarge(statusCode: head.statusCode, size: body.length ?? limit + 1, limit: limit)
        }
        return response
    }
}

extension HTTPTransport {
    /// Sends `request` with the body read from `body` (when given), and returns as soon as the response's head
    /// arrived, the body to be read as it comes. This default sends the whole body and reads the whole response
    /// (`send(_:)`); `URLSessionTransport` and the AsyncHTTPClient transport stream both.
    public func stream(_ request: HTTPRequest, body: ByteStream?) async throws -> StreamedResponse {
        var request = request
        if let body {
            request.body = try await body.collect(upTo: Int.max)
        }
        return StreamedResponse(try await send(request))
    }
}
