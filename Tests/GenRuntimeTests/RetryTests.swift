import Foundation
import Testing

@testable import GenRuntime

/// When the client retries, how long it waits, and how a deadline ends a call.
@Suite struct RetryTests {
    private let policy = RetryPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0)

    private func status(_ code: Int, headers: [String: String] = [:]) -> Result<HTTPResponse, any Error> {
        .success(HTTPResponse(statusCode: code, headers: headers, body: Data()))
    }

    @Test func retryableStatusesWaitAnExponentialDelayUpToTheCap() {
        let long = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0)
        let delays = (1...6).map { long.delay(afterAttempt: $0, outcome: status(503), isIdempotent: true) }
        #expect(
            delays == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
                .seconds(1),
            ])
    }

    @Test func attemptsEndAtMaxAttempts() {
        #expect(policy.delay(afterAttempt: 2, outcome: status(500), isIdempotent: true) != nil)
        #expect(policy.delay(afterAttempt: 3, outcome: status(500), isIdempotent: true) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1, outcome: status(500), isIdempotent: true) == nil)
    }

    @Test func onlyRetryableStatusesAndIdempotentRequestsAreRetried() {
        #expect(policy.delay(afterAttempt: 1, outcome: status(404), isIdempotent: true) == nil)
        #expect(policy.delay(afterAttempt: 1, outcome: status(400), isIdempotent: true) == nil)
        #expect(policy.delay(afterAttempt: 1, outcome: status(503), isIdempotent: false) == nil)
        var post = policy
        post.retriesNonIdempotentRequests = true
        #expect(post.delay(afterAttempt: 1, outcome: status(503), isIdempotent: false) == .milliseconds(100))
    }

    @Test func transportErrorsAndTimeoutsAreRetriedOtherErrorsAreNot() {
        let dropped: Result<HTTPResponse, any Error> = .failure(APIError.transport(URLError(.networkConnectionLost)))
        let timedOut: Result<HTTPResponse, any Error> = .failure(APIError.timeout(after: .seconds(1)))
        let invalid: Result<HTTPResponse, any Error> = .failure(APIError.invalidURL("x"))
        #expect(policy.delay(afterAttempt: 1, outcome: dropped, isIdempotent: true) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1, outcome: timedOut, isIdempotent: true) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1, outcome: invalid, isIdempotent: true) == nil)
        #expect(policy.delay(afterAttempt: 1, outcome: .failure(CancellationError()), isIdempotent: true) == nil)
    }

    @Test func retryAfterIsHonouredUpToItsLimit() {
        #expect(
            policy.delay(afterAttempt: 1, outcome: status(429, headers: ["Retry-After": "7"]), isIdempotent: true)
                == .seconds(7))
        #expect(
            policy.delay(afterAttempt: 1, outcome: status(503, headers: ["Retry-After": "3600"]), isIdempotent: true)
                == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
    }

    @Test func jitterSpreadsDelaysWithinItsFraction() {
        let spread = RetryPolicy(initialDelay: .seconds(1), jitter: 0.2)
        for _ in 0..<50 {
            let delay = spread.delay(afterAttempt: 1, outcome: status(502), isIdempotent: true)!
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
        }
    }

    /// An operation that never ends until it is released, whatever cancellation says.
    private final class Stuck: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: CheckedContinuation<Void, Never>?
        private var released = false

        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = lock.withLock {
                    if released { return true }
                    waiting = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        func release() {
            let continuation = lock.withLock {
                released = true
                defer { waiting = nil }
                return waiting
            }
            continuation?.resume()
        }
    }

    @Test func aDeadlineEndsAnOperationThatIgnoresCancellation() async throws {
        let stuck = Stuck()
        defer { stuck.release() }
        // The operation never returns while the test waits, so the call can only end through the deadline.
        await #expect {
            try await withDeadline(.milliseconds(50)) {
                await stuck.wait()
                return 1
            }
        } throws: { error in
            guard case .timeout(let after)? = error as? APIError else { return false }
            return after == .milliseconds(50)
        }
        #expect(try await withDeadline(.seconds(60)) { 42 } == 42)
    }
}
