package import APIModel
package import Diagnostics
import Foundation

/// Plans the operations of a document once, for every side that prints them (the client, the server, the exerciser, the
/// fixtures and the API surface): their Swift names, then each one's `OperationPlan` and inline types.
package struct OperationPlanner {
    package let document: APIDocument
    package let types: TypeBuilder
    /// `public`, `package` or `internal`.
    package let access: String
    package let diagnostics: any DiagnosticSink

    /// Swift method names per operation, in document order (shared with the fixtures).
    package let operationNames: [String]
    /// UpperCamel names of the operations, for namespaces and error types.
    package let operationTypeNames: [String]
    /// Per operation, the names of its `…Stream` (typed events) and `…Bytes` (raw bytes as they come) methods.
    package let streamMethodNames: [(events: String?, bytes: String?)]
    /// Terminators of Server-sent event streams (`eventStreams` in gen-config).
    package let eventStreams: EventStreamOptions
    /// Whether the server side is generated: then every status that documents headers gets them typed (a
    /// handler answers with them), not only the first success the client's `…WithHeaders` reads.
    package let serverSide: Bool

    package init(
        document: APIDocument, types: TypeBuilder, access: String = "public",
        eventStreams: EventStreamOptions = EventStreamOptions(), serverSide: Bool = false,
        diagnostics: any DiagnosticSink
    ) {
        self.document = document
        self.types = types
        self.access = access
        self.eventStreams = eventStreams
        self.serverSide = serverSide
        self.diagnostics = diagnostics
        var scope = NameScope(reserved: ["send", "makeURL", "defaultServerURL", "decode", "encode", "init"])
        var names: [String] = []
        for operation in document.operations {
            let raw =
                operation.operationID
                ?? ([operation.method.rawValue] + operation.path.split(separator: "/").map(String.init)).joined(
                    separator: " ")
            let candidate = SwiftNaming.memberName(raw)
            names.append(
                scope.claim(candidate, at: operation.location) { renamed, first in
                    diagnostics.emit(
                        .operationNameCollision(
                            raw, swiftName: candidate, renamed: renamed, at: operation.location, firstAt: first))
                })
        }
        operationNames = names
        operationTypeNames = names.map { SwiftNaming.typeName(SwiftNaming.unescaped($0)) }
        // The streamed forms are named after their operation, after every operation was named (an operation's
        // own name wins over a suffixed one).
        streamMethodNames = zip(document.operations, names).map { operation, name in
            let base = SwiftNaming.unescaped(name)
            func claim(_ suffix: String) -> String {
                let candidate = SwiftNaming.memberName(base + " " + suffix)
                return scope.claim(candidate, at: operation.location) { renamed, first in
                    diagnostics.emit(
                        .operationNameCollision(
                            base + " " + suffix, swiftName: candidate, renamed: renamed, at: operation.location,
                            firstAt: first))
                }
            }
            let successes = operation.responses.filter(\.status.isSuccess).flatMap(\.content)
            // A stream without a schema is streamed too (its events `JSONValue`, or gen-config's schema).
            let events = successes.contains { $0.eventFraming != nil }
            let bytes = successes.contains(where: Self.isRawBytes)
            return (events ? claim("stream") : nil, bytes ? claim("bytes") : nil)
        }
    }

    /// Whether a response's media type is read as raw bytes: not JSON, not an event stream.
    package static func isRawBytes(_ media: MediaType) -> Bool {
        !media.isJSON && media.eventFraming == nil
    }

    /// Plans every operation of the document, in document order: its plan, the type of the typed headers its
    /// `…WithHeaders` method returns, and its namespace of inline types (`Operations+X.swift`) when it declares any.
    package func planOperations() -> (plans: [OperationPlan], headersTypes: [SwiftType?], namespaces: [NamespacePlan]) {
        var namespaces: [NamespacePlan] = []
        var plans: [OperationPlan] = []
        var headersTypes: [SwiftType?] = []
        for (index, operation) in document.operations.enumerated() {
            var nested: [DeclarationPlan] = []
            let (plan, headersType) = plan(
                operation, name: operationNames[index], typeName: operationTypeNames[index],
                nested: &nested)
            plans.append(plan)
            headersTypes.append(headersType)
            if !nested.isEmpty {
                namespaces.append(
                    NamespacePlan(
                        name: operationTypeNames[index],
                        doc: ["/// Types used by `Client.\(SwiftNaming.unescaped(operationNames[index]))`."],
                        declarations: nested))
            }
        }
        return (plans, headersTypes, namespaces)
    }

    /// Each server with its member name in `Client.Servers` (from its 3.2 `name`, else its description, else its
    /// URL): the document's, then those of paths and operations that the document does not list (by URL).
    package func namedServers() -> [(name: String, server: Server)] {
        var scope = NameScope(reserved: ["default"])
        var urls: Set<String> = []
        var servers: [Server] = []
        for server in document.servers + document.operations.flatMap(\.servers) where urls.insert(server.url).inserted {
            servers.append(server)
        }
        return servers.map { server in
            let label = server.name ?? server.description ?? server.url.replacingOccurrences(of: "https://", with: "")
            return (scope.claim(SwiftNaming.memberName(label)).name, server)
        }
    }

    /// The URL a client uses when the spec names no absolute server: `http://localhost`, with the path of a
    /// relative server URL (`/api/v3`, relative to where the spec is served) when there is one.
    package static func placeholderServer(_ server: Server?) -> String {
        let path = server.flatMap { URLComponents(string: $0.defaultURL)?.percentEncodedPath } ?? ""
        return "http://localhost" + (path.hasPrefix("/") ? path : "")
    }

    /// Each security scheme that gets an `Authentication` factory, with the factory's name and what it takes
    /// (mutual TLS is configured on the transport and has none).
    package func authentications() -> [(name: String, scheme: SecurityScheme, kind: AuthenticationKind)] {
        Self.authentications(of: document)
    }

    /// The `Authentication` factories of `document`'s security schemes (see `authentications()`).
    package static func authentications(
        of document: APIDocument
    ) -> [(
        name: String, scheme: SecurityScheme, kind: AuthenticationKind
    )] {
        var scope = NameScope(reserved: ["none", "apply"])
        return document.securitySchemes.compactMap { scheme in
            let name = scope.claim(SwiftNaming.memberName(scheme.name)).name
            switch scheme.kind {
            case .http(.basic, _): return (name, scheme, .basic)
            case .http, .oauth2, .openIDConnect: return (name, scheme, .bearer)
            case .apiKey(let keyName, let place): return (name, scheme, .apiKey(name: keyName, location: place))
            case .mutualTLS: return nil
            }
        }
    }

    /// Whether `Client.Servers` declares the server: a URL without variables must be absolute.
    package static func isDeclared(_ server: Server) -> Bool {
        !server.variables.isEmpty || URL(string: server.url)?.scheme != nil
    }

}

/// What an `Authentication` factory takes and how it sends the credential, decided once per security scheme.
package enum AuthenticationKind: Hashable {
    /// `username, password`, sent as `Authorization: Basic`.
    case basic
    /// `token` (or a token provider), sent as `Authorization: Bearer` (HTTP bearer, OAuth 2, OpenID Connect).
    case bearer
    /// `apiKey`, sent in the named header, query item or cookie.
    case apiKey(name: String, location: ParameterLocation)
}
