// The server side: ResponseEncoding, how an operation's answer is written.
// gen copies this file into Runtime.swift; see Runtime/README.md.

public import Foundation

/// Encodes an operation's answer.
public enum ResponseEncoding {
    /// `value` as JSON with this content type (unless `headers` has one: the handler's typed `Content-Type`).
    public static func json(
        _ statusCode: Int, _ value: some Encodable, contentType: String, headers: [String: String] = [:]
    ) throws -> HTTPResponse {
        HTTPResponse(
            statusCode: statusCode, headers: fields(headers, contentType: contentType), body: try encoder.encode(value))
    }

    /// One encoder for every answer (encoding is thread-safe; making one per answer showed in a server's profile).
    private static let encoder = JSONCoding.encoder()

    /// Bytes as they are, with this content type (unless `headers` has one).
    public static func bytes(
        _ statusCode: Int, _ body: Data, contentType: String, headers: [String: String] = [:]
    ) -> HTTPResponse {
        HTTPResponse(statusCode: statusCode, headers: fields(headers, contentType: contentType), body: body)
    }

    private static func fields(_ headers: [String: String], contentType: String) -> [String: String] {
        var fields = headers
        if !fields.keys.contains(where: { $0.caseInsensitiveCompare("Content-Type") == .orderedSame }) {
            fields["Content-Type"] = contentType
        }
        return fields
    }

    /// No content.
    public static func empty(_ statusCode: Int, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(statusCode: statusCode, headers: headers)
    }
}
