import APIModel
import Diagnostics
import Foundation

/// Builds the view of the client (Client.swift, Client+X.swift) and the per-operation namespaces of inline types (Operations+X.swift).
struct ClientBuilder {
    let document: APIDocument
    let types: TypeBuilder
    /// `public`, `package` or `internal`.
    let access: String
    let diagnostics: any DiagnosticSink

    /// Swift method names per operation, in document order (shared with the fixtures).
    let operationNames: [String]
    /// UpperCamel names of the operations, for namespaces and error types.
    let operationTypeNames: [String]
    /// Per operation, the names of its `…Stream` (typed events) and `…Bytes` (raw bytes as they come) methods.
    let streamMethodNames: [(events: String?, bytes: String?)]
    /// Terminators of Server-sent event streams (`eventStreams` in gen-config).
    let eventStreams: EventStreamOptions
    /// Whether the server side is generated: then every status that documents headers gets them typed (a
    /// handler answers with them), not only the first success the client's `…WithHeaders` reads.
    let serverSide: Bool

    init(
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
            let events = successes.contains { $0.eventFraming != nil && $0.schema != nil }
            let bytes = successes.contains(where: Self.isRawBytes)
            return (events ? claim("stream") : nil, bytes ? claim("bytes") : nil)
        }
    }

    /// Whether a response's media type is read as raw bytes: not JSON, not an event stream.
    static func isRawBytes(_ media: MediaType) -> Bool {
        !media.isJSON && media.eventFraming == nil
    }

    // MARK: - Client

    /// The client's view, the operation namespaces (Operations+X.swift), and each operation's plan (in document order).
    func build() -> (client: ClientView, namespaces: [NamespacePlan], plans: [OperationPlan]) {
        var namespaces: [NamespacePlan] = []
        var operations: [OperationView] = []
        var plans: [OperationPlan] = []
        for (index, operation) in document.operations.enumerated() {
            var nested: [DeclarationPlan] = []
            let (plan, headersType) = plan(
                operation, name: operationNames[index], typeName: operationTypeNames[index],
                nested: &nested)
            plans.append(plan)
            operations.append(operationView(operation, plan: plan, headersType: headersType))
            if !nested.isEmpty {
                namespaces.append(
                    NamespacePlan(
                        name: operationTypeNames[index],
                        doc: ["/// Types used by `Client.\(SwiftNaming.unescaped(operationNames[index]))`."],
                        declarations: nested))
            }
        }
        let (servers, templated) = serverViews()
        var doc = DocComment.lines(document.info.title)
        if let description = document.info.description { doc += ["///"] + DocComment.lines(description) }
        doc += ["///", "/// API version \(DocComment.inline(document.info.version))."]
        let client = ClientView(
            doc: doc,
            servers: servers,
            templatedServers: templated,
            defaultServer: defaultServerExpression(document.servers)
                ?? "URL(string: \(SwiftLiteral.string(Self.placeholderServer(document.servers.first))))!",
            authMethods: authViews(),
            operations: operations,
            operationIDs: document.operations.indices.map { index in
                let operation = document.operations[index]
                let raw = operation.operationID ?? SwiftNaming.unescaped(operationNames[index])
                return OperationIDView(
                    doc: "/// " + DocComment.code("\(operation.method.rawValue.uppercased()) \(operation.path)"),
                    declaration:
                        "\(access) static let \(operationNames[index]) = OperationID(rawValue: \(SwiftLiteral.string(raw)))"
                )
            },
            operationIDList: operationNames.map { "." + $0 }.joined(separator: ", "),
            userAgent: SwiftLiteral.string(Self.userAgent(title: document.info.title, version: document.info.version))
        )
        return (client, namespaces, plans)
    }

    /// The `User-Agent` header sent by default, `Title/version (generated by gen)`: the title as a Swift type
    /// name and the version, each with only the characters RFC 9110 allows in a product token (others become
    /// `-`), since the runtime refuses to send a header value with a control or non-ASCII character.
    static func userAgent(title: String, version: String) -> String {
        func token(_ text: String) -> String {
            String(
                text.unicodeScalars.map { scalar -> Character in
                    scalar.isASCII
                        && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                            || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
                        ? Character(scalar) : "-"
                })
        }
        return "\(token(SwiftNaming.unescaped(SwiftNaming.typeName(title))))/\(token(version)) (generated by gen)"
    }

    /// Each server with its member name in `Client.Servers`: the document's, then those of paths and operations
    /// that the document does not list (by URL).
    func namedServers() -> [(name: String, server: Server)] {
        var scope = NameScope(reserved: ["default"])
        var urls: Set<String> = []
        var servers: [Server] = []
        for server in document.servers + document.operations.flatMap(\.servers) where urls.insert(server.url).inserted {
            servers.append(server)
        }
        return servers.map { server in
            let label = server.description ?? server.url.replacingOccurrences(of: "https://", with: "")
            return (scope.claim(SwiftNaming.memberName(label)).name, server)
        }
    }

    /// The URL a client uses when the spec names no absolute server: `http://localhost`, with the path of a
    /// relative server URL (`/api/v3`, relative to where the spec is served) when there is one.
    static func placeholderServer(_ server: Server?) -> String {
        let path = server.flatMap { URLComponents(string: $0.defaultURL)?.percentEncodedPath } ?? ""
        return "http://localhost" + (path.hasPrefix("/") ? path : "")
    }

    /// The expression of the URL a client uses by default: the first of `servers` that is absolute once its
    /// variables take their defaults (`Servers.production`, `Servers.regional()!`), or nil.
    func defaultServerExpression(_ servers: [Server]) -> String? {
        let names = namedServers()
        for server in servers {
            guard let name = names.first(where: { $0.server.url == server.url })?.name,
                let url = URL(string: server.defaultURL), url.scheme != nil, url.host != nil
            else { continue }
            return server.variables.isEmpty ? "Servers.\(name)" : "Servers.\(name)()!"
        }
        return nil
    }

    /// Each security scheme that gets an `Authentication` factory, with the factory's name and what it takes
    /// (mutual TLS is configured on the transport and has none).
    func authentications() -> [(name: String, scheme: SecurityScheme, kind: AuthenticationKind)] {
        Self.authentications(of: document)
    }

    /// The `Authentication` factories of `document`'s security schemes (see `authentications()`).
    static func authentications(
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
    static func isDeclared(_ server: Server) -> Bool {
        !server.variables.isEmpty || URL(string: server.url)?.scheme != nil
    }

    func serverViews() -> ([ServerView], [TemplatedServerView]) {
        var fixed: [ServerView] = []
        var templated: [TemplatedServerView] = []
        for (name, server) in namedServers() {
            var doc = server.description.map(DocComment.lines) ?? []
            doc += (doc.isEmpty ? [] : ["///"]) + ["/// " + DocComment.code(server.url)]
            if server.variables.isEmpty {
                if !Self.isDeclared(server) {
                    diagnostics.emit(
                        .relativeServerURL(server.url, at: server.location))
                    continue
                }
                fixed.append(ServerView(doc: doc, name: name, url: SwiftLiteral.string(server.url)))
            } else {
                var parameters: [String] = []
                var template = SwiftLiteral.string(server.url)
                for variable in server.variables {
                    let parameter = SwiftNaming.memberName(variable.name)
                    if let description = variable.description {
                        doc += DocComment.field("- Parameter \(SwiftNaming.unescaped(parameter)):", description)
                    }
                    parameters.append("\(parameter): String = \(SwiftLiteral.string(variable.defaultValue))")
                    template = template.replacingOccurrences(of: "{\(variable.name)}", with: "\\(\(parameter))")
                }
                templated.append(
                    TemplatedServerView(
                        doc: doc, name: name, parameters: parameters.joined(separator: ", "),
                        template: template))
            }
        }
        return (fixed, templated)
    }

    func authViews() -> [AuthMethodView] {
        authentications().map { name, scheme, kind in
            var doc = scheme.description.map(DocComment.lines) ?? []
            doc += DocComment.remark("#/components/securitySchemes/\(scheme.name)", after: doc)
            let lines: [String]
            switch kind {
            case .basic:
                lines = [
                    "\(access) static func \(name)(username: String, password: String) -> Authentication {",
                    "    let credentials = Data(\"\\(username):\\(password)\".utf8).base64EncodedString()",
                    "    return Authentication { request in request.headers[\"Authorization\"] = \"Basic \\(credentials)\" }",
                    "}",
                ]
            case .bearer:
                let label = "Bearer"
                lines = [
                    "\(access) static func \(name)(token: String) -> Authentication {",
                    "    Authentication { request in request.headers[\"Authorization\"] = \"\(label) \\(token)\" }",
                    "}",
                    "",
                    "/// Asks `tokenProvider` for the token before every request, so a token can be refreshed.",
                    "\(access) static func \(name)(tokenProvider: @escaping @Sendable () async throws -> String) -> Authentication {",
                    "    Authentication { request in request.headers[\"Authorization\"] = \"\(label) \\(try await tokenProvider())\" }",
                    "}",
                ]
            case .apiKey(let keyName, let place):
                let target =
                    place == .query
                    ? "request.url = request.url.appendingQueryItem(\(SwiftLiteral.string(keyName)), value: key)"
                    : place == .cookie
                        ? "request.headers[\"Cookie\"] = \"\(keyName)=\\(key)\""
                        : "request.headers[\(SwiftLiteral.string(keyName))] = key"
                lines = [
                    "\(access) static func \(name)(apiKey key: String) -> Authentication {",
                    "    Authentication { request in \(target) }",
                    "}",
                ]
            }
            return AuthMethodView(doc: doc, lines: lines)
        }
    }
}

/// What an `Authentication` factory takes and how it sends the credential, decided once per security scheme.
enum AuthenticationKind: Hashable {
    /// `username, password`, sent as `Authorization: Basic`.
    case basic
    /// `token` (or a token provider), sent as `Authorization: Bearer` (HTTP bearer, OAuth 2, OpenID Connect).
    case bearer
    /// `apiKey`, sent in the named header, query item or cookie.
    case apiKey(name: String, location: ParameterLocation)
}
