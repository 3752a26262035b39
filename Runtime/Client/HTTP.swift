// HTTPRequest, HTTPResponse and the HTTPTransport protocol every generated client sends through.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

// MARK: - HTTP

/// A request as the client built it, before it is sent.
public struct HTTPRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `GET`, `POST`, …
    public var method: String
    /// The full URL, query included.
    public var url: URL
    /// Header fields.
    public var headers: [String: String]
    /// The body, if any.
    public var body: Data?

    /// Creates a request.
    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The method and URL; never the headers, which may hold credentials.
    public var description: String { "\(method) \(url.absoluteString)" }

    /// Method, URL and header names with credentials redacted.
    public var debugDescription: String {
        let fields = headers.keys.sorted().map { name in
            HTTPRequest.sensitiveHeaders.contains(name.lowercased())
                ? "\(name): <redacted>" : "\(name): \(headers[name]!)"
        }
        return ([description] + fields).joined(separator: "\n")
    }

    static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-api-key"]

    /// Throws `APIError.invalidHeaderValue` for a name or value that could end the header field early: CR, LF,
    /// other control characters, or anything outside ASCII.
    /// Whether `value` can be sent as a header value: visible ASCII, spaces and tabs (no line break could start
    /// another header).
    static func isValidHeaderValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
    }

    func validateHeaders() throws {
        for (name, value) in headers {
            let valid =
                !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
                && Self.isValidHeaderValue(value)
            if !valid {
                throw APIError.invalidHeaderValue(
                    name: String(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }))
            }
        }
    }
}

/// A response as the transport received it.
public struct HTTPResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var statusCode: Int
    /// Header fields.
    public var headers: [String: String]
    /// The body (empty when there is none).
    public var body: Data

    /// Creates a response.
    public init(statusCode: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The value of the header field `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        if let value = headers[name] { return value }
        let lowercased = name.lowercased()
        return headers.first { $0.key.lowercased() == lowercased }?.value
    }
}

/// Sends requests. `URLSessionTransport` is the default; tests inject `ReplayTransport` or their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status; throws only when no response arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends `request`, its body read from `body` when given, and returns once the response's head arrived, its
    /// body to be read as it comes. Dropping the body (or cancelling the task reading it) ends the exchange. A
    /// default implementation buffers both bodies with `send(_:)`.
    func stream(_ request: HTTPRequest, body: ByteStream?) async throws -> StreamedResponse
}
