// The server side's view models (`server: true`): Server.swift, Server+X.swift and MockHandler.swift.

/// Server.swift (`server: true`).
struct ServerSideView {
    var operations: [ServerOperationView]
    /// `extension Operations { enum GetRun {} }` for the operations without a namespace of inline types.
    var namespaceLines: [String]
    /// `ServerRoute(…),` per operation, in document order (the router's dispatch index).
    var routeLines: [String]
    /// `"bearerAuth": .bearer,` per security scheme.
    var schemeLines: [String]
    /// `static let listRunsLimit = SchemaRule(…)` per rule the router checks requests against (`RequestRules`).
    var ruleLines: [String]
    /// Whether any request is checked against a rule (`enum RequestRules` is written).
    var hasRules: Bool { !ruleLines.isEmpty }
    /// `ResponseContract([…]),` per operation, in document order: what `checksResponses` checks answers against.
    var contractLines: [String]
    /// `static let getRun200 = SchemaRule(…)` per rule of a response body (`ResponseRules`).
    var responseRuleLines: [String]
    /// Whether any response body has a rule (`enum ResponseRules` is written).
    var hasResponseRules: Bool { !responseRuleLines.isEmpty }
    /// The `APIHandler` requirements that answer refused requests in the spec's error shapes.
    var errorRequirements: [ErrorRequirementView]
    /// Whether there are any (`extension APIHandler` gives their defaults).
    var hasErrorRequirements: Bool { !errorRequirements.isEmpty }
    /// The default server's path, a string literal.
    var basePath: String
    /// `public import Foundation` when an `Input` spells a Foundation type, else `import Foundation`.
    var foundationImport: String
}

/// One operation's server side.
struct ServerOperationView {
    var doc: [String]
    /// The handler's method name (the client's).
    var name: String
    var typeName: String
    /// `Operations.GetRun`.
    var namespace: String
    /// `` `GET /runs/{runID}` ``.
    var route: String
    var fields: [ServerFieldView]
    /// The memberwise initializer's parameters.
    var memberwiseParameters: String
    var memberwiseLines: [String]
    /// `init(request:)`'s statements.
    var decodeLines: [String]
    var responseCases: [ErrorCaseView]
    /// `streamedResponse()`'s switch.
    var encodeLines: [String]
    /// The closure that decodes the input, calls the handler and encodes the answer, in the router's table.
    var dispatchLine: String
    /// `Response.refusal(_:handler:)`'s switch cases (`case 400: .badRequest(try handler.errorResponse(…))`).
    var refusalLines: [String]
    /// Whether the operation documents the shape of any refusal.
    var hasRefusal: Bool { !refusalLines.isEmpty }
    /// The closure that answers a refusal in the documented shape, in the router's table of refusals.
    var refuseLine: String
    /// `Equatable, Sendable`, or `Sendable` for an `Input` holding a body that streams.
    var conformances: String
}

/// An `APIHandler` requirement that makes an error body from a refused request, and its default.
struct ErrorRequirementView {
    var doc: [String]
    /// `func errorResponse(for problem: RequestError, operation: OperationID) throws -> ErrorResponse`.
    var requirement: String
    /// The default's body.
    var implementation: String
}

/// A stored property of an `Input`.
struct ServerFieldView {
    var doc: [String]
    var name: String
    var type: String
}

/// MockHandler.swift.
struct MockView {
    var operations: [MockOperationView]
}

/// One operation's method of `MockHandler`.
struct MockOperationView {
    var name: String
    /// `Operations.GetRun`.
    var namespace: String
    /// The method's statements.
    var lines: [String]
}
