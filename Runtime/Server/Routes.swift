// The server side: routes, parameter locations, security schemes, credentials and RequestError.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

// MARK: - Server

/// One operation's route, as the spec declares it.
public struct ServerRoute: Sendable {
    /// The operation it serves.
    public var operation: OperationID
    /// `GET`, `POST`, …
    public var method: String
    /// The path template as the spec writes it (`/runs/{runID}`), below the base path.
    public var template: String
    /// The media types the request body may have (empty: no body).
    public var consumes: [String] {
        didSet { consumesForm = Self.takesForm(consumes) }
    }
    /// Whether one of them is `application/x-www-form-urlencoded` (a form of empty lists has no bytes).
    public private(set) var consumesForm: Bool
    /// Whether a request without a body is refused.
    public var requiresBody: Bool
    /// The media types of the body that reach the handler as they come (raw bytes, events), not read first.
    public var streams: [String]
    /// The media types its responses have (empty: none, or none documented).
    public var produces: [String]
    /// The security requirement: alternatives, each a list of scheme names that must all be satisfied. Empty
    /// (or holding an empty alternative): no credentials needed.
    public var security: [[String]]
    /// The path of the operation's own server (its `servers`), when it is served elsewhere than the others: the
    /// template is matched below it instead of below the router's base path.
    public var basePath: String?

    /// Creates a route.
    public init(
        _ operation: OperationID, method: String, template: String, consumes: [String] = [], requiresBody: Bool = false,
        produces: [String] = [], security: [[String]] = [], basePath: String? = nil, streams: [String] = []
    ) {
        self.operation = operation
        self.method = method
        self.template = template
        self.consumes = consumes
        self.consumesForm = Self.takesForm(consumes)
        self.requiresBody = requiresBody
        self.produces = produces
        self.security = security
        self.basePath = basePath
        self.streams = streams
    }

    /// Whether a body of this `Content-Type` reaches the handler as it comes.
    func streamsBody(contentType: String?) -> Bool {
        guard !streams.isEmpty else { return false }
        // Without a Content-Type, a route whose every body streams takes it as its first.
        guard let contentType else { return streams.count == consumes.count }
        return streams.contains { MediaRange.matches(contentType, range: $0) }
    }

    private static func takesForm(_ consumes: [String]) -> Bool {
        consumes.contains { MediaRange.matches("application/x-www-form-urlencoded", range: $0) }
    }
}

/// Where a request parameter is.
public enum ParameterLocation: String, Sendable {
    case path, query, header, cookie
    /// OpenAPI 3.2: the whole query string as one value.
    case querystring
}

/// What a parameter's value is: one value, a list, or an object's members.
public enum ParameterShape: Sendable {
    case scalar, array, object
}

/// How the spec's security schemes carry credentials.
public enum SecurityScheme: Sendable {
    /// An API key in a header, a query item or a cookie of this name.
    case apiKey(name: String, in: ParameterLocation)
    /// `Authorization: Bearer …` (HTTP bearer, OAuth 2, OpenID Connect).
    case bearer
    /// `Authorization: Basic …`.
    case basic
    /// Mutual TLS: the credential is the client's certificate, which the TLS layer checked before the request
    /// reached the router; the authenticator decides (from the adapter's context, or a header a TLS-terminating
    /// proxy adds), the router never refuses for want of a header.
    case mutualTLS
}

/// A credential the router took from a request, for `APIAuthenticator` to check. Its description never shows
/// the secret, so logging it leaks nothing.
public struct Credential: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Value: Sendable {
        case apiKey(String)
        case bearer(String)
        case basic(username: String, password: String)
        /// The request came over the connection of a mutual TLS scheme: nothing in the request carries the
        /// credential, the TLS layer does (`ServerRequest.current` gives the request to look at).
        case mutualTLS
    }

    /// The scheme's name in the spec (`components.securitySchemes`).
    public var scheme: String
    public var value: Value

    public var description: String { "Credential(\(scheme), <redacted>)" }
    public var debugDescription: String { description }
}

/// Checks credentials: the router calls it for each scheme of an operation's security requirement, and answers
/// `401` unless one alternative of the requirement is satisfied. `ServerRequest.current` is the request being
/// authorized (for a mutual TLS scheme, whose `Credential` carries nothing, the place to look).
public protocol APIAuthenticator: Sendable {
    /// Whether `credential` lets the request call `operation`.
    func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool
}

/// Accepts any credential that is present, for mock servers and tests: a request still needs the credentials
/// the spec asks for, but no value is checked.
public struct AnyPresentCredential: APIAuthenticator {
    /// Creates the authenticator.
    public init() {}

    public func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool { true }
}

/// A request the router refuses, answered with its status and an RFC 9457 problem document:
///
/// ```json
/// {"detail":"parameter 'runID' (path): 'abc' is not a valid Int","location":"path","parameter":"runID","status":400,"title":"Bad Request"}
/// ```
///
/// A handler may throw it too, to refuse a request the spec cannot describe (`RequestError(status: 409, …)`).
public struct RequestError: Swift.Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var detail: String
    /// The parameter that did not decode, and where it is.
    public var parameter: String?
    public var location: ParameterLocation?
    /// Where the body did not decode (`runDetails.environmentID`).
    public var codingPath: String?
    /// The schema keyword the value breaks (`maximum`, `pattern`, `enum`, `required`).
    public var rule: String?
    /// Extra header fields of the answer (`Allow`, `WWW-Authenticate`).
    public var headers: [String: String]

    /// Creates an error.
    public init(
        status: Int, detail: String, parameter: String? = nil, location: ParameterLocation? = nil,
        codingPath: String? = nil, rule: String? = nil, headers: [String: String] = [:]
    ) {
        self.status = status
        self.detail = detail
        self.parameter = parameter
        self.location = location
        self.codingPath = codingPath
        self.rule = rule
        self.headers = headers
    }

    public var description: String { "HTTP \(status): \(detail)" }

    /// The answer: `application/problem+json` with `title`, `status`, `detail` and what did not decode.
    public var response: HTTPResponse {
        var members: [String: JSONValue] = [
            "title": .string(RequestError.title(status)), "status": .integer(status), "detail": .string(detail),
        ]
        if let parameter { members["parameter"] = .string(parameter) }
        if let location { members["location"] = .string(location.rawValue) }
        if let codingPath { members["codingPath"] = .string(codingPath) }
        if let rule { members["rule"] = .string(rule) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(JSONValue.object(members))) ?? Data()
        var fields = headers
        fields["Content-Type"] = "application/problem+json"
        return HTTPResponse(statusCode: status, headers: fields, body: body)
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        default: "HTTP \(status)"
        }
    }
}
