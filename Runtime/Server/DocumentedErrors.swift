// The server side: a refused request answered in the error shape the spec documents (RequestError.documented).
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

extension RequestError {
    /// The refusal as a value of the error schema the spec documents for its status: gen writes `template`, the
    /// smallest JSON value of that schema (its required members), and the refusal fills in what it can by the
    /// members' names, at any depth: the detail where a message goes (`message`, `detail`, `error`, `errorString`,
    /// `description`, `reason`), the status's title in `title`, the status where an integer `status` or `code`
    /// goes, and the parameter, its location, the coding path and the rule where members of those names are.
    ///
    /// ```swift
    /// try problem.documented(ErrorResponse.self, template: #"{"error":{"errorString":""}}"#)
    /// // ErrorResponse(error: Error(errorString: "parameter 'limit' (query): 5000 is greater than the maximum 1000"))
    /// ```
    ///
    /// - Throws: When the filled value does not decode as `type` (then the router sends a problem document).
    public func documented<T: Decodable>(_ type: T.Type, template: String) throws -> T {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(template.utf8))
        let data = try JSONEncoder().encode(filled(value, key: nil))
        return try JSONCoding.decode(type, from: data)
    }

    /// `value` with the members it can fill filled.
    private func filled(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, filled($0.value, key: $0.key)) }))
        case .array(let elements):
            return .array(elements.map { filled($0, key: key) })
        case .string:
            // A body that is only text gets the detail.
            guard let key else { return .string(detail) }
            return text(forMember: key).map(JSONValue.string) ?? value
        case .integer:
            return key.map(Self.normalized).map(["status", "code", "statuscode", "httpstatus", "httpcode"].contains)
                == true ? .integer(status) : value
        case .null, .bool, .number:
            return value
        }
    }

    /// The text a string member of this name gets, if any.
    private func text(forMember name: String) -> String? {
        switch Self.normalized(name) {
        case "message", "detail", "details", "error", "errormessage", "errorstring", "errordetail", "description",
            "reason", "msg":
            detail
        case "title": RequestError.title(status)
        case "parameter", "param", "field": parameter
        case "location", "in": location?.rawValue
        case "path", "codingpath", "pointer": codingPath
        case "rule", "keyword": rule
        default: nil
        }
    }

    /// `error_message`, `errorMessage`, `Error-Message` → `errormessage`.
    private static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }
}
