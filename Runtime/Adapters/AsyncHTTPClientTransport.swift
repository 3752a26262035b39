// AsyncHTTPClientTransport.swift (transports: [asyncHTTPClient]): the transport on swift-server/async-http-client;
// the target needs the AsyncHTTPClient product and swift-nio's NIOCore and NIOHTTP1. gen copies this file as it
// is; it is compiled and tested in Examples/RunsServer.

public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1

/// Sends requests with AsyncHTTPClient (SwiftNIO), the HTTP client of server-side Swift. Both bodies stream with
/// backpressure: a response body is read from the network only as fast as the caller reads it, and a request
/// body only as fast as the server takes it.
///
/// ```swift
/// let client = Client(transport: AsyncHTTPClientTransport())          // HTTPClient.shared
/// let client = Client(transport: AsyncHTTPClientTransport(client: myHTTPClient))
/// ```
///
/// The client's `timeout` covers the wait for the response head and each wait for a body chunk, as with
/// `URLSessionTransport`; the `HTTPClient`'s own timeouts (connect, read) apply as configured.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The HTTP client requests go through (its lifecycle is the caller's).
    public var client: HTTPClient
    /// The longest a whole exchange may take before AsyncHTTPClient gives up (the client's `timeout` applies
    /// within it).
    public var deadline: TimeAmount

    /// Creates a transport on `client`.
    public init(client: HTTPClient = .shared, deadline: TimeAmount = .hours(24)) {
        self.client = client
        self.deadline = deadline
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let streamed = try await stream(request, body: nil)
        var response = streamed.head
        response.body = try await streamed.body.collect(upTo: Int.max)
        return response
    }

    public func stream(_ request: HTTPRequest, body: ByteStream?) async throws -> StreamedResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            outgoing.headers.add(name: name, value: value)
        }
        if let body {
            if case .data(let data) = body.source {
                outgoing.body = .bytes(data)
            } else {
                outgoing.body = .stream(
                    ByteBuffers(body: body, loops: Array(client.eventLoopGroup.makeIterator())),
                    length: body.length.map { .known(Int64($0)) } ?? .unknown)
            }
        } else if let data = request.body {
            outgoing.body = .bytes(data)
        }
        let response = try await client.execute(outgoing, deadline: .now() + deadline)
        var headers: [String: String] = [:]
        for (name, value) in response.headers {
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let head = HTTPResponse(statusCode: Int(response.status.code), headers: headers)
        let length = head.header("Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        // Reading the body through a task of its own lets the watchdog of `Client`'s timeout end it (by
        // cancelling that task); dropping the body cancels it too, which ends the request.
        let reader = BodyReader(response.body)
        let lifetime = StreamLifetime { reader.cancel() }
        return StreamedResponse(
            head: head,
            body: ByteStream(
                source: .chunks({ ByteStream.AsyncIterator(lifetime: lifetime) { try await reader.next() } }),
                length: length, contentType: head.header("Content-Type"), lifetime: lifetime))
    }

    /// A request body's chunks as the byte buffers AsyncHTTPClient sends, one at a time: before a chunk is read,
    /// every event loop of the client has run what was queued on it, so the previous chunk reached its channel,
    /// whose writability pauses AsyncHTTPClient's reads once the socket is full. (Without that, the chunks race
    /// ahead of the event loop and queue up in it: a 1 GiB upload over loopback held hundreds of MiB.)
    private struct ByteBuffers: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let body: ByteStream
        let loops: [any EventLoop]

        struct AsyncIterator: AsyncIteratorProtocol {
            var chunks: ByteStream.AsyncIterator
            let loops: [any EventLoop]
            var started = false

            mutating func next() async throws -> ByteBuffer? {
                if started {
                    for loop in loops { try await loop.submit {}.get() }
                }
                started = true
                return try await chunks.next().map { ByteBuffer(bytes: $0) }
            }
        }

        func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(chunks: body.makeAsyncIterator(), loops: loops)
        }
    }

    /// Reads a response body one chunk per `next()`, each read in a task that `cancel()` ends.
    private final class BodyReader: @unchecked Sendable {
        private let lock = NSLock()
        private var iterator: HTTPClientResponse.Body.AsyncIterator
        private var reading: Task<ByteBuffer?, any Swift.Error>?
        private var cancelled = false

        init(_ body: HTTPClientResponse.Body) {
            iterator = body.makeAsyncIterator()
        }

        func next() async throws -> Data? {
            let task = lock.withLock { () -> Task<ByteBuffer?, any Swift.Error>? in
                guard !cancelled else { return nil }
                let task = Task { try await self.advance() }
                reading = task
                return task
            }
            guard let task else { throw CancellationError() }
            let buffer = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
            return buffer.map { Data($0.readableBytesView) }
        }

        /// Called by one reading task at a time.
        private func advance() async throws -> ByteBuffer? {
            try await iterator.next()
        }

        func cancel() {
            let task = lock.withLock {
                cancelled = true
                return reading
            }
            task?.cancel()
        }
    }
}
