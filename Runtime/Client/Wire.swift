// The client's behaviour on the wire: retries, timeouts, middleware, APIError and ErrorBody.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

// MARK: - Behaviour on the wire

/// When and how the client retries a request.
///
/// By default it retries idempotent requests (GET, PUT, DELETE, …) up to 3 attempts in all, on a dropped
/// connection, a timeout, and on 408, 429, 500, 502, 503 and 504, waiting an exponentially growing delay with
/// jitter, or what `Retry-After` asks on 429 and 503. It never retries POST or PATCH unless
/// `retriesNonIdempotentRequests` is set.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The delay before the first retry.
    public var initialDelay: Duration
    /// The longest delay between attempts.
    public var maxDelay: Duration
    /// How much each delay grows.
    public var multiplier: Double
    /// Random spread of each delay, as a fraction (0.2: ±20 %), so many clients do not retry in step.
    public var jitter: Double
    /// Statuses worth retrying.
    public var retryableStatusCodes: Set<Int>
    /// Whether POST and PATCH are retried too (only safe when the server deduplicates them).
    public var retriesNonIdempotentRequests: Bool
    /// The longest `Retry-After` honoured; a longer one ends the retries and returns the response.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 3,
        initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        retryableStatusCodes: Set<Int> = [408, 429, 500, 502, 503, 504],
        retriesNonIdempotentRequests: Bool = false,
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = jitter
        self.retryableStatusCodes = retryableStatusCodes
        self.retriesNonIdempotentRequests = retriesNonIdempotentRequests
        self.maxRetryAfter = maxRetryAfter
    }

    /// Three attempts for idempotent requests.
    public static let `default` = RetryPolicy()
    /// One attempt only.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// How long to wait before attempt `attempt + 1`, or `nil` to stop and report `outcome`.
    func delay(
        afterAttempt attempt: Int, outcome: Result<HTTPResponse, any Swift.Error>, isIdempotent: Bool
    ) -> Duration? {
        guard attempt < maxAttempts, isIdempotent || retriesNonIdempotentRequests else { return nil }
        switch outcome {
        case .success(let response):
            guard retryableStatusCodes.contains(response.statusCode) else { return nil }
            if response.statusCode == 429 || response.statusCode == 503, let header = response.header("Retry-After") {
                guard let requested = RetryPolicy.retryAfter(header), requested <= maxRetryAfter else { return nil }
                return requested
            }
        case .failure(let error):
            switch error as? APIError {
            case .transport?, .timeout?: break
            default: return nil
            }
        }
        let base =
            min(
                Double(initialDelay.components.seconds) + Double(initialDelay.components.attoseconds) / 1e18,
                1e9) * pow(multiplier, Double(attempt - 1))
        let capped = min(base, Double(maxDelay.components.seconds) + Double(maxDelay.components.attoseconds) / 1e18)
        let spread = capped * jitter
        return .milliseconds(Int64(max(0, capped + Double.random(in: -spread...spread)) * 1000))
    }

    /// `Retry-After` as delay-seconds or an HTTP date.
    static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}

/// Settings for one call, overriding the client's.
public struct RequestOptions: Sendable {
    /// The longest one attempt may take.
    public var timeout: Duration?
    /// The retry policy for this call.
    public var retryPolicy: RetryPolicy?
    /// Extra header fields for this call.
    public var headers: [String: String]

    /// Creates options; `nil` keeps the client's setting.
    public init(timeout: Duration? = nil, retryPolicy: RetryPolicy? = nil, headers: [String: String] = [:]) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.headers = headers
    }
}

/// Observes or changes every request and response, e.g. for logging, metrics or extra headers. Middlewares run
/// in order around each attempt (so a retried request passes through them again), after authentication.
public protocol Middleware: Sendable {
    /// Handles `request`: call `next` to send it on (changed or not), and return (or change) its response.
    func intercept(
        _ request: HTTPRequest,
        operation: OperationID,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse
}

/// Runs `operation` but gives up with `APIError.timeout` after `timeout`, and with `CancellationError` as soon as
/// the calling task is cancelled, even when `operation` does not react to cancellation (it is cancelled too).
func withDeadline<T: Sendable>(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = Race<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Swift.Error>) in
            race.start(
                continuation,
                tasks: [
                    Task {
                        do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
                    },
                    Task {
                        do {
                            try await Task.sleep(for: timeout)
                            race.finish(.failure(APIError.timeout(after: timeout)))
                        } catch {}
                    },
                ])
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The first of several outcomes wins; the others are ignored and their tasks cancelled.
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Swift.Error>?
    private var outcome: Result<T, any Swift.Error>?
    private var tasks: [Task<Void, Never>] = []

    func start(_ continuation: CheckedContinuation<T, any Swift.Error>, tasks: [Task<Void, Never>]) {
        let decided: Result<T, any Swift.Error>? = lock.withLock {
            self.tasks = tasks
            if outcome == nil { self.continuation = continuation }
            return outcome
        }
        if let decided {
            for task in tasks { task.cancel() }
            continuation.resume(with: decided)
        }
    }

    func finish(_ result: Result<T, any Swift.Error>) {
        let (continuation, tasks): (CheckedContinuation<T, any Swift.Error>?, [Task<Void, Never>]) = lock.withLock {
            guard outcome == nil else { return (nil, []) }
            outcome = result
            defer { self.continuation = nil }
            return (self.continuation, self.tasks)
        }
        for task in tasks { task.cancel() }
        continuation?.resume(with: result)
    }
}

/// The body of a documented error response: decoded as the spec documents it or, when it does not decode (an
/// empty body, a gateway's HTML page), its bytes as they came. Either way the caller gets the operation's typed
/// error for the status.
///
/// ```swift
/// catch GetRunError.notFound(let body) { print(body.value?.error.errorString ?? "no details") }
/// ```
public enum ErrorBody<Value: Sendable>: Sendable {
    /// The documented body.
    case decoded(Value)
    /// A body that is not the documented JSON, as it came.
    case undecoded(Data)

    /// The documented body, or `nil` when it did not decode.
    public var value: Value? {
        if case .decoded(let value) = self { return value }
        return nil
    }
}

extension ErrorBody: Equatable where Value: Equatable {}

extension ErrorBody: Hashable where Value: Hashable {}

/// What went wrong outside the documented responses.
public enum APIError: Swift.Error, CustomStringConvertible {
    /// The server answered with a status the spec does not document for the operation.
    case unexpectedStatus(statusCode: Int, body: Data)
    /// The body is not the documented JSON; `codingPath` names where decoding failed (`runDetails.environmentID`).
    case invalidResponseBody(statusCode: Int, body: Data, codingPath: String, reason: String)
    /// No response arrived: the transport failed with `underlying` (refused or dropped connection, TLS failure, …).
    case transport(any Swift.Error)
    /// No response arrived within the timeout.
    case timeout(after: Duration)
    /// An event of a streamed response is not the documented JSON: the event at `index` (from 0; the events
    /// before it were delivered), where decoding failed (`choices[0].delta`), why, and the event's data.
    case invalidEvent(statusCode: Int, index: Int, codingPath: String, reason: String, data: Data)
    /// The response body is larger than `Client.maxResponseSize`.
    case responseTooLarge(statusCode: Int, size: Int, limit: Int)
    /// The server URL and path do not form a valid URL.
    case invalidURL(String)
    /// A header field value holds a line break, a control character or a non-ASCII character, which could
    /// split the request (or a cookie in 3.2's `cookie` style a character RFC 6265 does not allow in a cookie,
    /// which could add a cookie); it was not sent.
    case invalidHeaderValue(name: String)

    public var description: String {
        switch self {
        case .unexpectedStatus(let statusCode, let body):
            "unexpected HTTP status \(statusCode); body: \(APIError.preview(body))"
        case .invalidResponseBody(let statusCode, let body, let codingPath, let reason):
            "HTTP \(statusCode) body is not the documented JSON at '\(codingPath)': \(reason); body: \(APIError.preview(body))"
        case .transport(let underlying):
            "the request failed: \(underlying)"
        case .invalidEvent(let statusCode, let index, let codingPath, let reason, let data):
            "event \(index) of the HTTP \(statusCode) stream is not the documented JSON at '\(codingPath)': \(reason); data: \(APIError.preview(data))"
        case .timeout(let after):
            "no response within \(after)"
        case .responseTooLarge(let statusCode, let size, let limit):
            "HTTP \(statusCode) body of \(size) bytes is larger than the limit of \(limit) bytes"
        case .invalidURL(let text):
            "'\(text)' is not a valid URL"
        case .invalidHeaderValue(let name):
            "the value of header '\(name)' holds a character it may not hold (a line break, a control or non-ASCII "
                + "character; in a cookie also a space, '\"', ',', ';' or '\\'); not sent"
        }
    }

    /// The start of a body as text, for messages.
    static func preview(_ body: Data) -> String {
        let limit = 512
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return body.count > limit ? text + "… (\(body.count) bytes)" : (text.isEmpty ? "(empty)" : text)
    }
}

extension DecodingError {
    /// `runDetails.runHistory[0]`: where decoding failed.
    var codingPathDescription: String {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(root)" : text
    }

    /// What was wrong there.
    var reasonDescription: String {
        switch self {
        case .typeMismatch(let type, let context): "expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): "missing \(type): \(context.debugDescription)"
        case .keyNotFound(let key, _): "required key '\(key.stringValue)' is missing"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(self)"
        }
    }
}
