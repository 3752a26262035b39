// The server side: ResponseContract, what an operation documents it answers, checked (when asked) against what a
// handler answers. gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// What the spec documents an operation answers: its statuses (`200`, `4XX`, `default`), each one's media types, and
/// for JSON the rule its body's schema sets beyond the Swift type. `APIRouter(checksResponses: true)` checks every
/// handler's answer against it, so that a handler bug (an undocumented status, another media type, a value the
/// schema does not allow, such as an open enum's unknown case) shows up in tests rather than in a client.
///
/// ```swift
/// ResponseContract(["200": [.init("application/json", rule: ResponseRules.getRun200)], "404": []])
/// ```
public struct ResponseContract: Sendable {
    /// One documented media type of a response.
    public struct Content: Sendable {
        /// `application/json`, `text/*`, `*/*`.
        public var mediaType: String
        /// The body's rule beyond its Swift type, for JSON.
        public var rule: SchemaRule?

        /// Creates a documented media type.
        public init(_ mediaType: String, rule: SchemaRule? = nil) {
            self.mediaType = mediaType
            self.rule = rule
        }
    }

    /// Status (`200`, `4XX`, `default`) → its media types (none: the response has no body).
    public var responses: [String: [Content]]

    /// Creates a contract from the documented responses.
    public init(_ responses: [String: [Content]]) {
        self.responses = responses
    }

    /// The first way `response` breaks the contract, or nil: a status not documented, a body where none is, a media
    /// type not documented, a JSON body that is not JSON or breaks its schema's rule (with its coding path).
    public func violation(of response: HTTPResponse) -> String? {
        let code = response.statusCode
        guard let key = documentedKey(for: code), let contents = responses[key] else {
            return "status \(code) is not documented (\(responses.keys.sorted().joined(separator: ", ")) are)"
        }
        let contentType = response.header("Content-Type")
        let body = response.body
        if contents.isEmpty {
            return body.isEmpty ? nil : "\(key) documents no body, but the answer has one"
        }
        // An empty answer where content is documented: the spec does not say the content is required.
        if body.isEmpty && contentType == nil { return nil }
        guard let contentType, let content = contents.first(where: { Self.matches($0.mediaType, contentType) }) else {
            let documented = contents.map(\.mediaType).joined(separator: ", ")
            return "\(key) is documented as \(documented), but the answer is \(contentType ?? "without Content-Type")"
        }
        guard let rule = content.rule else { return nil }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            return "the \(key) body is not JSON"
        }
        return rule.violation(of: value).map { "the \(key) body breaks its schema: \($0)" }
    }

    /// The first way `response` breaks the contract, or nil. A body in memory is checked as `violation(of:)` checks
    /// an `HTTPResponse`; one that streams by its status and media type (its events are not read here).
    public func violation(of response: StreamedResponse) -> String? {
        var whole = response.head
        if let contents = response.body.contents {
            whole.body = contents
            return violation(of: whole)
        }
        let code = whole.statusCode
        guard let key = documentedKey(for: code), let contents = responses[key] else {
            return "status \(code) is not documented (\(responses.keys.sorted().joined(separator: ", ")) are)"
        }
        guard !contents.isEmpty else { return "\(key) documents no body, but the answer streams one" }
        let contentType = whole.header("Content-Type")
        guard let contentType, contents.contains(where: { Self.matches($0.mediaType, contentType) }) else {
            let documented = contents.map(\.mediaType).joined(separator: ", ")
            return "\(key) is documented as \(documented), but the answer is \(contentType ?? "without Content-Type")"
        }
        return nil
    }

    /// The documented status `code` falls under: itself, else its range (`4XX`), else `default`.
    func documentedKey(for code: Int) -> String? {
        let range = "\(code / 100)XX"
        return [String(code), range, "default"].first { responses[$0] != nil }
    }

    /// Whether `actual` (a Content-Type, parameters and all) is of the documented media type `documented`, which may
    /// be a range (`text/*`, `*/*`).
    static func matches(_ documented: String, _ actual: String) -> Bool {
        func base(_ text: String) -> String {
            (text.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        }
        let (expected, given) = (base(documented), base(actual))
        if expected == given || expected == "*/*" { return true }
        if expected.hasSuffix("/*") { return given.hasPrefix(expected.dropLast()) }
        return false
    }
}
