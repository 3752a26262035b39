// The server side: ResponseEncoding, how an operation's answer is written.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// An operation's answer (its generated `Response`): a case per documented status.
public protocol OperationResponse: Sendable {
    /// The answer as the spec documents it, a body that streams written as it is produced.
    func streamedResponse() throws -> StreamedResponse
}

extension OperationResponse {
    /// The answer with its body read whole (in tests: `try await .ok(value).httpResponse().body`).
    public func httpResponse() async throws -> HTTPResponse {
        try await streamedResponse().collected(upTo: .max)
    }
}

/// Encodes an operation's answer: a body in memory (JSON, no content) or one written as it is produced (bytes from
/// a `ByteStream`, events from an `EventBody`).
public enum ResponseEncoding {
    /// `value` as JSON with this content type (unless `headers` has one: the handler's typed `Content-Type`).
    public static func json(
        _ statusCode: Int, _ value: some Encodable, contentType: String, headers: [String: String] = [:]
    ) throws -> StreamedResponse {
        let body = try JSONWriter().encode(value)
        return StreamedResponse(
            head: HTTPResponse(statusCode: statusCode, headers: fields(headers, contentType: contentType)),
            body: ByteStream(body))
    }

    /// Bytes as they come from `body`, with this content type (unless `headers` has one); `Content-Length` when
    /// the body's length is known.
    public static func bytes(
        _ statusCode: Int, _ body: ByteStream, contentType: String, headers: [String: String] = [:]
    ) -> StreamedResponse {
        StreamedResponse(
            head: HTTPResponse(statusCode: statusCode, headers: fields(headers, contentType: contentType)), body: body)
    }

    /// The events of `body`, each framed in `format` when it is produced, then (Server-sent events) `terminator`.
    public static func events<Value>(
        _ statusCode: Int, _ body: EventBody<Value>, format: EventStreamFormat, terminator: String? = nil,
        contentType: String, headers: [String: String] = [:]
    ) -> StreamedResponse {
        var fields = fields(headers, contentType: contentType)
        // Proxies that buffer (nginx) pass events on as they come.
        if format == .serverSentEvents, !fields.keys.contains(where: { $0.lowercased() == "cache-control" }) {
            fields["Cache-Control"] = "no-cache"
        }
        return StreamedResponse(
            head: HTTPResponse(statusCode: statusCode, headers: fields),
            body: body.encoded(as: format, terminator: terminator))
    }

    private static func fields(_ headers: [String: String], contentType: String) -> [String: String] {
        var fields = headers
        if !fields.keys.contains(where: { $0.caseInsensitiveCompare("Content-Type") == .orderedSame }) {
            fields["Content-Type"] = contentType
        }
        return fields
    }

    /// No content.
    public static func empty(_ statusCode: Int, headers: [String: String] = [:]) -> StreamedResponse {
        StreamedResponse(head: HTTPResponse(statusCode: statusCode, headers: headers), body: ByteStream(Data()))
    }
}
