// The client's view models: Client.swift and Client+X.swift (see Views.swift for the rules every view follows).

/// Client.swift.
struct ClientView {
    var doc: [String]
    var servers: [ServerView]
    var templatedServers: [TemplatedServerView]
    /// The expression of the default server URL (`Servers.usPrimary`).
    var defaultServer: String
    var authMethods: [AuthMethodView]
    var operations: [OperationView]
    /// `OperationID`'s static members.
    var operationIDs: [OperationIDView]
    /// `.getRun, .listRuns` for `OperationID.allCases`.
    var operationIDList: String
    /// User-Agent sent by default.
    var userAgent: String
    /// Whether operations declare inline types, in `enum Operations` (declared in Client.swift, extended in the
    /// Operations+X.swift files).
    var hasOperationNamespaces = false
    /// For a `Client+X.swift` file: `public import Foundation` when a method's signature spells a Foundation type,
    /// else `import Foundation`.
    var foundationImport = "import Foundation"
    /// Whether the runtime has `URLSessionTransport`, the default transport (`urlSession` in gen-config).
    var urlSession = true
}

/// One static member of `OperationID`.
struct OperationIDView {
    /// `/// \`GET /api/v1/runs/{runID}\``.
    var doc: String
    /// `public static let getRun = OperationID(rawValue: "getRun")`.
    var declaration: String
}

/// A fixed server URL.
struct ServerView {
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var doc: [String]
    var name: String
    var url: String
}

/// A server URL with variables, as a function.
struct TemplatedServerView {
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var doc: [String]
    var name: String
    /// `subdomain: String = "x", host: String = "y"`.
    var parameters: String
    /// Lines that build the URL string.
    var template: String
}

/// A factory of `Authentication` for one security scheme.
struct AuthMethodView {
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var doc: [String]
    /// Declaration lines of the static factories.
    var lines: [String]
}

/// One operation of the client.
struct OperationView {
    var doc: [String]
    var attributes: [String]
    /// The method name (escaped).
    var name: String
    /// `runID: Int, limit: Int? = nil`.
    var parameters: String
    /// `true` for GET, PUT, DELETE…; `false` for POST and PATCH (not retried by default).
    var isIdempotent: String
    /// `RunInfo`, `Void`, …
    var returnType: String
    /// Statements that build `request` (URL, query, headers, body).
    var buildLines: [String]
    /// Whether the operation sends credentials.
    var requiresAuth: String
    /// `case 200: return …` lines.
    var responseCases: [String]
    /// The error enum for documented non-success statuses; nil when there are none.
    var errorType: [ErrorTypeView]
    /// `.getRun`.
    var operationID: String
    /// The paging method built on this operation (0 or 1).
    var pagination: [PaginationView] = []
    /// When a success response declares headers: the method that also returns them (0 or 1).
    var withHeaders: [WithHeadersView] = []
    /// `runID: runID, options: options`: the call of the operation's own parameters.
    var callArguments: String = ""
    /// The methods that read a success response as it arrives (`…Stream`, `…Bytes`).
    var streams: [StreamMethodView] = []
    /// The same method with another body: a raw body as a `ByteStream`, the request body's other media types.
    var bodyVariants: [BodyVariantView] = []
    /// `body: streamedBody, ` when the body is sent as its events are produced; empty otherwise.
    var sentBody: String = ""
}

/// `createChatCompletionStream(…) -> EventStream<…>`: a streamed form of an operation.
struct StreamMethodView {
    var doc: [String]
    var name: String
    var returnType: String
    var buildLines: [String]
    /// `case 200:` / `    return EventStream(…)` lines for the streamed statuses.
    var streamCases: [String]
    /// The status switch of the collected body of any other status: documented errors, then the rest.
    var errorCases: [String]
}

/// `uploadFile(…, body: ByteStream, …)`, `createEdit(…, multipartBody: …, …)`: an overload of an operation's
/// method that sends another body.
struct BodyVariantView {
    var doc: [String]
    var parameters: String
    var buildLines: [String]
    /// `body: body, ` when the body is streamed to `send`; empty when the build lines set it.
    var sentBody: String
}

/// `getThingWithHeaders(…) -> (body: Thing, headers: Operations.GetThing.OkHeaders)`.
struct WithHeadersView {
    /// `getThingWithHeaders`.
    var methodName: String
    /// `Operations.GetThing.OkHeaders`.
    var headersType: String
    /// The status switch, success cases returning the body and the headers.
    var responseCases: [String]
}

/// A method that pages through an operation's results (`x-pagination`).
struct PaginationView {
    var doc: [String]
    /// `allRuns`.
    var name: String
    /// The operation's parameters, the cursor included as the optional first cursor.
    var parameters: String
    /// The response body type.
    var pageType: String
    /// The cursor parameter's type.
    var cursorType: String
    /// The first cursor (the cursor parameter's name).
    var firstCursor: String
    /// The items property as a literal.
    var itemsKey: String
    /// The expression naming the item property that holds the next cursor.
    var cursorKeyExpression: String
    /// The operation method.
    var operationName: String
    /// `limit: limit, startingFrom: cursor, options: options`.
    var callArguments: String
}

/// `public enum GetRunError: Swift.Error` with one case per documented error status.
struct ErrorTypeView {
    var name: String
    var cases: [ErrorCaseView]
    /// `case .badRequest: 400` lines for `statusCode`.
    var statusLines: [String]
}

/// One documented error status.
struct ErrorCaseView {
    /// Always empty; present so Mustache does not find an outer view's attributes.
    var attributes: [String] = []
    var doc: [String]
    /// `badRequest(ErrorResponse)` or `notModified`.
    var declaration: String
}
