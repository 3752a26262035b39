// URLSessionTransport: buffered exchanges, and streamed ones through a delegate-driven session.
// gen copies this file into Runtime.swift; see Runtime/README.md.

#if canImport(FoundationNetworking)
import Foundation
public import FoundationNetworking
#else
public import Foundation
#endif

/// Sends requests with `URLSession` (FoundationNetworking on Linux). Cancelling the calling task cancels the
/// request. TLS certificates are validated by `URLSession` as configured; generated code never disables that.
public struct URLSessionTransport: HTTPTransport {
    /// The session requests are sent with.
    public var session: URLSession

    /// The delegate-driven session streamed exchanges use (made on first use, like `session`).
    let streamingSession = StreamingSessions()

    /// Creates a transport on `session`.
    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        let task = CancellableTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<HTTPResponse, any Swift.Error>) in
                let dataTask = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                        return
                    }
                    var headers: [String: String] = [:]
                    for (name, value) in http.allHeaderFields {
                        if let name = name as? String, let value = value as? String { headers[name] = value }
                    }
                    continuation.resume(
                        returning: HTTPResponse(statusCode: http.statusCode, headers: headers, body: data ?? Data()))
                }
                task.start(dataTask)
            }
        } onCancel: {
            task.cancel()
        }
    }
}

extension URLSessionTransport {
    /// Streams both bodies: the request's is read from `body` as the server takes it (a `Data` body is sent as
    /// it is), and the call returns once the response's head arrived. On Linux, FoundationNetworking cannot pause
    /// a transfer, so a reader slower than the network lets chunks queue up; the AsyncHTTPClient transport applies
    /// backpressure.
    public func stream(_ request: HTTPRequest, body: ByteStream?) async throws -> StreamedResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body {
            if case .data(let data) = body.source {
                urlRequest.httpBody = data
            } else {
                if let length = body.length {
                    urlRequest.setValue(String(length), forHTTPHeaderField: "Content-Length")
                }
                urlRequest.httpBodyStream = BodyInputStream.make(body)
            }
        } else {
            urlRequest.httpBody = request.body
        }
        let streaming = streamingSession.session(like: session)
        let chunks = ChunkBuffer()
        let dataTask = streaming.session.dataTask(with: urlRequest)
        let task = CancellableTask()
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (head: CheckedContinuation<HTTPResponse, any Swift.Error>) in
                streaming.delegate.register(dataTask.taskIdentifier, head: head, chunks: chunks)
                task.start(dataTask)
            }
        } onCancel: {
            task.cancel()
        }
        let lifetime = StreamLifetime { task.cancel() }
        let length = head.header("Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let body = ByteStream(
            source: .chunks({ ByteStream.AsyncIterator(lifetime: lifetime) { try await chunks.next() } }),
            length: length, contentType: head.header("Content-Type"), lifetime: lifetime)
        return StreamedResponse(head: head, body: body)
    }
}

/// The session streamed exchanges go through: one per transport, made on first use with the configuration of the
/// transport's session and a delegate that hands each task's head and chunks to its caller.
final class StreamingSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var made: (session: URLSession, delegate: StreamingDelegate)?
    /// The delegate's queue runs on this one, at a priority that keeps up with the network.
    private let delegateQueue = DispatchQueue(label: "URLSessionTransport.streaming", qos: .userInitiated)

    func session(like session: URLSession) -> (session: URLSession, delegate: StreamingDelegate) {
        lock.withLock {
            if let made { return made }
            let delegate = StreamingDelegate()
            let queue = OperationQueue()
            queue.maxConcurrentOperationCount = 1
            queue.underlyingQueue = delegateQueue
            let streaming = URLSession(configuration: session.configuration, delegate: delegate, delegateQueue: queue)
            made = (streaming, delegate)
            return (streaming, delegate)
        }
    }

    deinit {
        made?.session.finishTasksAndInvalidate()
    }
}

/// Hands each streamed task's response head and body chunks to the call waiting for them.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Exchange {
        var head: CheckedContinuation<HTTPResponse, any Swift.Error>?
        var chunks: ChunkBuffer
    }

    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]

    func register(
        _ identifier: Int, head: CheckedContinuation<HTTPResponse, any Swift.Error>,
        chunks: ChunkBuffer
    ) {
        lock.withLock { exchanges[identifier] = Exchange(head: head, chunks: chunks) }
    }

    #if canImport(FoundationNetworking)
    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        completionHandler(received(response, task: dataTask))
    }
    #else
    // Apple's SDKs declare the completion handler `@Sendable`.
    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        completionHandler(received(response, task: dataTask))
    }
    #endif

    /// Hands the head to the waiting call; whether to go on.
    private func received(_ response: URLResponse, task dataTask: URLSessionDataTask) -> URLSession.ResponseDisposition
    {
        let head = lock.withLock { () -> CheckedContinuation<HTTPResponse, any Swift.Error>? in
            defer { exchanges[dataTask.taskIdentifier]?.head = nil }
            return exchanges[dataTask.taskIdentifier]?.head
        }
        if let http = response as? HTTPURLResponse {
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            head?.resume(returning: HTTPResponse(statusCode: http.statusCode, headers: headers))
            return .allow
        }
        head?.resume(throwing: URLError(.badServerResponse))
        return .cancel
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let chunks = lock.withLock { exchanges[dataTask.taskIdentifier]?.chunks }
        chunks?.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Swift.Error)?) {
        guard let exchange = lock.withLock({ exchanges.removeValue(forKey: task.taskIdentifier) }) else { return }
        exchange.head?.resume(throwing: error ?? URLError(.badServerResponse))
        exchange.chunks.finish(error)
    }
}
