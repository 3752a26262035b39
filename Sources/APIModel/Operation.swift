public import Diagnostics

/// One HTTP operation: a method on a path.
///
/// ```yaml
/// /api/v1/runs/{runID}:
///   get: {operationId: getRun, ...}   # Operation(method: .get, path: "/api/v1/runs/{runID}", id: "getRun")
/// ```
public struct Operation: Hashable, Sendable {
    /// `operationId`, if given.
    public var operationID: String?
    /// Where `operationId`'s value is written.
    public var operationIDLocation: SourceLocation?
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path template as written (`/api/v1/runs/{runID}`).
    public var path: String
    /// `summary`, if any.
    public var summary: String?
    /// `description`, if any.
    public var description: String?
    /// `tags`.
    public var tags: [String]
    /// `deprecated: true`.
    public var isDeprecated: Bool
    /// Path-item and operation parameters merged (operation wins), in document order.
    public var parameters: [Parameter]
    /// `requestBody`, if any.
    public var requestBody: RequestBody?
    /// `responses` in document order.
    public var responses: [Response]
    /// The operation's own `security`, or `nil` to inherit the document's.
    public var security: [SecurityRequirement]?
    /// The operation's own `servers`, else its path item's; empty when it uses the document's.
    public var servers: [Server]
    /// How to page through the results (`x-pagination`), if the spec says.
    public var pagination: Pagination?
    /// Where the operation (its method key) is written.
    public var location: SourceLocation
    /// `#/paths/~1api~1v1~1runs~1{runID}/get`.
    public var specPath: String

    /// Creates an operation.
    public init(
        operationID: String?,
        operationIDLocation: SourceLocation? = nil,
        method: HTTPMethod,
        path: String,
        summary: String?,
        description: String?,
        tags: [String],
        isDeprecated: Bool,
        parameters: [Parameter],
        requestBody: RequestBody?,
        responses: [Response],
        security: [SecurityRequirement]?,
        servers: [Server] = [],
        pagination: Pagination? = nil,
        location: SourceLocation,
        specPath: String
    ) {
        self.operationID = operationID
        self.operationIDLocation = operationIDLocation
        self.method = method
        self.path = path
        self.summary = summary
        self.description = description
        self.tags = tags
        self.isDeprecated = isDeprecated
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.security = security
        self.servers = servers
        self.pagination = pagination
        self.location = location
        self.specPath = specPath
    }
}

/// Keyset pagination, from the vendor extension `x-pagination` on an operation:
///
/// ```yaml
/// x-pagination:
///   name: allRuns              # the Swift method (default: <operation>Pages)
///   cursorParameter: startingFrom   # the query parameter that asks for the page after a cursor
///   items: data                # the property of the response body that holds the page's items
///   cursorField: id            # the item property whose value is the next cursor …
///   cursorFieldParameter: orderBy   # … or the one named by this parameter's value (cursorField by default)
/// ```
public struct Pagination: Hashable, Sendable {
    public var name: String?
    public var cursorParameter: String
    public var itemsProperty: String
    public var cursorField: String
    public var cursorFieldParameter: String?
    public var location: SourceLocation

    /// Creates a pagination description.
    public init(
        name: String?, cursorParameter: String, itemsProperty: String, cursorField: String,
        cursorFieldParameter: String?, location: SourceLocation
    ) {
        self.name = name
        self.cursorParameter = cursorParameter
        self.itemsProperty = itemsProperty
        self.cursorField = cursorField
        self.cursorFieldParameter = cursorFieldParameter
        self.location = location
    }
}

/// An HTTP method of a path item.
public struct HTTPMethod: Hashable, Sendable {
    /// The Path Item key (`get`, 3.2's `query`), or the method as an `additionalOperations` key writes it (`LINK`).
    public var rawValue: String
    /// Whether it is a key of 3.2's `additionalOperations`, whose methods are sent as written.
    public var isAdditional: Bool

    /// A method by its Path Item key, or as `additionalOperations` writes it.
    public init(_ rawValue: String, isAdditional: Bool = false) {
        self.rawValue = rawValue
        self.isAdditional = isAdditional
    }

    public static let get = HTTPMethod("get")
    public static let put = HTTPMethod("put")
    public static let post = HTTPMethod("post")
    public static let delete = HTTPMethod("delete")
    public static let options = HTTPMethod("options")
    public static let head = HTTPMethod("head")
    public static let patch = HTTPMethod("patch")
    public static let trace = HTTPMethod("trace")
    /// OpenAPI 3.2's `query` (HTTP `QUERY`: safe and idempotent, with a body).
    public static let query = HTTPMethod("query")

    /// The fixed fields of a 3.0 and 3.1 Path Item, in the order gen reads them.
    public static let allCases: [HTTPMethod] = [.get, .put, .post, .delete, .options, .head, .patch, .trace]

    /// As sent: a fixed method upper-cased (`GET`, `QUERY`), an additional one as written (methods are
    /// case-sensitive, RFC 9110 §9.1).
    public var wireName: String { isAdditional ? rawValue : rawValue.uppercased() }

    /// Whether repeating the request has the same effect as sending it once (RFC 9110 §9.2.2); an additional
    /// method is not known to be, so it is never retried.
    public var isIdempotent: Bool {
        !isAdditional && self != .post && self != .patch
    }
}

/// Where a parameter goes (`in`).
public enum ParameterLocation: String, Hashable, Sendable, CaseIterable {
    case path, query, header, cookie
    /// OpenAPI 3.2: the whole query string, one value serialized by the parameter's `content` media type.
    case querystring
}

/// How a parameter's value is serialized (`style`, https://spec.openapis.org/oas/v3.1.0#style-values).
///
/// ```yaml
/// - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}   # .pipeDelimited
/// ```
public enum ParameterStyle: String, Hashable, Sendable, CaseIterable {
    case matrix, label, simple, form, spaceDelimited, pipeDelimited, deepObject
    /// OpenAPI 3.2, cookies only: `form` in RFC 6265's syntax (`a=1; b=2`), values sent as they are.
    case cookie

    /// The style of a parameter that names none: `simple` in the path and headers, `form` in the query and cookies.
    public static func defaultStyle(for location: ParameterLocation) -> ParameterStyle {
        switch location {
        case .path, .header: .simple
        case .query, .cookie, .querystring: .form
        }
    }

    /// Whether OpenAPI defines this style for parameters in `location`.
    public func isAllowed(in location: ParameterLocation) -> Bool {
        switch self {
        case .matrix, .label: location == .path
        case .simple: location == .path || location == .header
        case .form: location == .query || location == .cookie
        case .spaceDelimited, .pipeDelimited, .deepObject: location == .query
        case .cookie: location == .cookie
        }
    }
}

/// One parameter of an operation.
public struct Parameter: Hashable, Sendable {
    /// `name` as written.
    public var name: String
    /// `in`.
    public var location: ParameterLocation
    /// `required` (always true for path parameters).
    public var isRequired: Bool
    /// `schema` (or the schema of the single `content` entry).
    public var schema: Schema
    /// The single `content` entry, when the parameter has one instead of a `schema` (always for `querystring`).
    public var content: MediaType?
    /// `description`, if any.
    public var description: String?
    /// `style`, if given (and allowed where the parameter goes; the reader drops one that is not).
    public var style: ParameterStyle?
    /// `explode`, if given.
    public var explode: Bool?
    /// `deprecated: true`.
    public var isDeprecated: Bool
    /// Where it is written.
    public var sourceLocation: SourceLocation

    /// Creates a parameter.
    public init(
        name: String,
        location: ParameterLocation,
        isRequired: Bool,
        schema: Schema,
        description: String?,
        style: ParameterStyle?,
        explode: Bool?,
        isDeprecated: Bool,
        sourceLocation: SourceLocation,
        content: MediaType? = nil
    ) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.schema = schema
        self.content = content
        self.description = description
        self.style = style
        self.explode = explode
        self.isDeprecated = isDeprecated
        self.sourceLocation = sourceLocation
    }

    /// The style the parameter is sent in: its own, or its location's default.
    public var effectiveStyle: ParameterStyle { style ?? .defaultStyle(for: location) }
}

/// `requestBody`.
public struct RequestBody: Hashable, Sendable {
    /// `description`, if any.
    public var description: String?
    /// `required`.
    public var isRequired: Bool
    /// `content` in document order.
    public var content: [MediaType]
    /// Where it is written.
    public var location: SourceLocation

    /// Creates a request body.
    public init(description: String?, isRequired: Bool, content: [MediaType], location: SourceLocation) {
        self.description = description
        self.isRequired = isRequired
        self.content = content
        self.location = location
    }
}

/// The status a response applies to.
public enum ResponseStatus: Hashable, Sendable, Comparable {
    /// One status code (`200`).
    case code(Int)
    /// A range (`2XX` is `.range(2)`).
    case range(Int)
    /// `default`: every status not listed.
    case `default`

    /// Whether the status is 2xx.
    public var isSuccess: Bool {
        switch self {
        case .code(let c): (200..<300).contains(c)
        case .range(let r): r == 2
        case .default: false
        }
    }

    private var order: (Int, Int) {
        switch self {
        case .code(let c): (0, c)
        case .range(let r): (1, r)
        case .default: (2, 0)
        }
    }

    public static func < (lhs: ResponseStatus, rhs: ResponseStatus) -> Bool { lhs.order < rhs.order }
}

/// One response of an operation.
public struct Response: Hashable, Sendable {
    /// The status it applies to.
    public var status: ResponseStatus
    /// `description`.
    public var description: String
    /// `content` in document order (empty for no body).
    public var content: [MediaType]
    /// `headers` in document order.
    public var headers: [Header]
    /// Where the status key is written.
    public var location: SourceLocation

    /// Creates a response.
    public init(
        status: ResponseStatus, description: String, content: [MediaType], headers: [Header], location: SourceLocation
    ) {
        self.status = status
        self.description = description
        self.content = content
        self.headers = headers
        self.location = location
    }
}

/// A response header.
public struct Header: Hashable, Sendable {
    /// The header name.
    public var name: String
    /// Its schema.
    public var schema: Schema
    /// `description`, if any.
    public var description: String?
    /// `required`.
    public var isRequired: Bool

    /// Creates a header.
    public init(name: String, schema: Schema, description: String?, isRequired: Bool) {
        self.name = name
        self.schema = schema
        self.description = description
        self.isRequired = isRequired
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
