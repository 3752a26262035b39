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

    private func serverViews() -> ([ServerView], [TemplatedServerView]) {
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

    private func authViews() -> [AuthMethodView] {
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

    // MARK: - Operations

    /// Where an operation's inline types go: the names taken in its namespace (`Operations.GetThing.`) and the
    /// declarations made there so far.
    struct OperationTypeScope {
        var names: NameScope
        let qualifier: String
        var declarations: [DeclarationPlan]
    }

    /// Plans an operation: its parameters, body, return shape and what each documented response does. Inline
    /// types are declared in `nested` (the operation's namespace); the typed headers of the first success response
    /// that declares any are returned with their type.
    func plan(
        _ operation: APIModel.Operation, name: String, typeName: String, nested: inout [DeclarationPlan]
    ) -> (plan: OperationPlan, headersType: SwiftType?) {
        var scope = OperationTypeScope(
            names: types.nestedScope(in: typeName), qualifier: "Operations.\(typeName).", declarations: nested)
        defer { nested = scope.declarations }
        let parameters = parameterPlans(operation, in: &scope)
        let body = bodyPlan(operation, in: &scope)
        // Responses: each body typed once (an inline schema spelled again is the same type), then the outcomes.
        let sorted = operation.responses.sorted { $0.status < $1.status }
        let bodies = sorted.map { response -> (status: ResponseStatus, description: String, body: ResponseBody) in
            (response.status, response.description, responseBody(response, in: &scope))
        }
        var (returns, responses) = ResponsePlanner.plan(bodies)
        if case .choice = returns {
            let outputName = scope.names.claim("Output").name
            (returns, responses) = ResponsePlanner.plan(bodies, outputName: outputName)
            scope.declarations.append(
                outputDeclaration(
                    outputName, responses: responses, operation: operation, operationName: name,
                    qualifier: scope.qualifier))
        }
        let headers = headersDeclaration(operation, responses: sorted, operationName: name, in: &scope)
        let statusHeaders =
            serverSide
            ? otherStatusHeaders(operation, responses: sorted, first: headers, operationName: name, in: &scope) : []
        let throwsDocumented = responses.contains { if case .throwDocumented = $0.outcome { true } else { false } }
        let index = document.operations.firstIndex { $0.specPath == operation.specPath } ?? 0
        return (
            OperationPlan(
                name: name, typeName: typeName, parameters: parameters, body: body, returns: returns,
                responses: responses, errorTypeName: throwsDocumented ? typeName + "Error" : nil,
                streams: streamPlans(operation, responses: sorted, names: streamMethodNames[index], in: &scope),
                accept: Self.accept(operation),
                alternateBodies: alternateBodies(operation, parameters: parameters, in: &scope),
                responseHeaders: headers, otherHeaders: statusHeaders),
            headers?.type
        )
    }

    /// What the method itself asks for: every documented media type but those of the success responses that
    /// another method reads (event streams, and raw bytes offered beside JSON), so that a server choosing by
    /// `Accept` answers what the method decodes. An operation that documents only event streams asks for them
    /// (and gets their bytes).
    static func accept(_ operation: APIModel.Operation) -> [String] {
        var all: [String] = []
        var plain: [String] = []
        for response in operation.responses.sorted(by: { $0.status < $1.status }) {
            let offersJSON = response.content.contains(where: \.isJSON)
            for media in response.content where !all.contains(media.contentType) {
                all.append(media.contentType)
                let readElsewhere =
                    response.status.isSuccess && (media.eventFraming != nil || offersJSON && isRawBytes(media))
                if !readElsewhere, !plain.contains(media.contentType) { plain.append(media.contentType) }
            }
        }
        return plain.isEmpty ? all : plain
    }

    /// The `…Stream` method (the first event stream with a schema among the success responses, and every other
    /// success response streaming the same events) and the `…Bytes` method (every success media type that is
    /// neither JSON nor events).
    private func streamPlans(
        _ operation: APIModel.Operation, responses: [Response], names: (events: String?, bytes: String?),
        in scope: inout OperationTypeScope
    ) -> [StreamPlan] {
        var plans: [StreamPlan] = []
        let successes = responses.filter(\.status.isSuccess)
        if let name = names.events,
            let first = successes.lazy.compactMap({ response in
                response.content.first { $0.eventFraming != nil && $0.schema != nil }.map { (response, $0) }
            }).first, let schema = first.1.schema, let framing = first.1.eventFraming
        {
            let element = spell(
                schema, suggested: SwiftNaming.typeName(HTTPStatus.name(first.0.status)) + "Event", in: &scope)
            let statuses = successes.filter { response in
                response.content.contains { $0.eventFraming == framing && $0.schema == schema }
            }.map(\.status)
            let terminator =
                framing == .serverSentEvents
                ? (operation.operationID.flatMap { eventStreams.terminators[$0] } ?? eventStreams.terminator
                    ?? Self.terminator(in: first.1.examples))
                : nil
            plans.append(
                StreamPlan(
                    name: name, kind: .events(element: element, framing: framing, terminator: terminator),
                    accept: [first.1.contentType], statuses: statuses, schema: schema, examples: first.1.examples))
        }
        if let name = names.bytes {
            var accept: [String] = []
            var statuses: [ResponseStatus] = []
            for response in successes {
                for media in response.content where Self.isRawBytes(media) {
                    if !accept.contains(media.contentType) { accept.append(media.contentType) }
                    if !statuses.contains(response.status) { statuses.append(response.status) }
                }
            }
            plans.append(StreamPlan(name: name, kind: .bytes, accept: accept, statuses: statuses))
        }
        return plans
    }

    /// The `data` that ends a Server-sent event stream in the media type's examples: a last `data:` line whose
    /// value is not JSON (`data: [DONE]`).
    static func terminator(in examples: [Example]) -> String? {
        for example in examples {
            guard case .string(let text) = example.value else { continue }
            let data = text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("data:") }
            guard let last = data.last else { continue }
            let value = last.dropFirst(5).trimmingCharacters(in: .whitespaces)
            let isJSON =
                (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])) != nil
            if !value.isEmpty, !isJSON { return value }
        }
        return nil
    }

    /// The Swift type of `schema` in the operation's namespace.
    private func spell(_ schema: Schema, suggested: String, in scope: inout OperationTypeScope) -> SwiftType {
        types.spell(
            schema, suggested: suggested, nested: &scope.declarations, scope: &scope.names, qualifier: scope.qualifier)
    }

    /// The operation's parameters, each named and typed; one that cannot be sent as a parameter is reported.
    private func parameterPlans(_ operation: APIModel.Operation, in scope: inout OperationTypeScope) -> [ParameterPlan]
    {
        var names = NameScope(reserved: ["body", "request", "response", "query", "path", "options"])
        var parameters: [ParameterPlan] = []
        for parameter in operation.parameters {
            let swiftName = names.claim(SwiftNaming.memberName(parameter.name)).name
            let type = spell(parameter.schema, suggested: SwiftNaming.typeName(parameter.name), in: &scope)
            guard let shape = parameterShape(parameter.schema, type: type) else {
                diagnostics.emit(
                    .unsupported("parameter '\(parameter.name)' of type \(type.spelling)", at: parameter.sourceLocation)
                )
                continue
            }
            parameters.append(
                ParameterPlan(
                    specName: parameter.name, swiftName: swiftName, type: type, isRequired: parameter.isRequired,
                    location: parameter.location, shape: shape, style: parameter.style, explode: parameter.explode,
                    schema: parameter.schema, description: parameter.description))
        }
        return parameters
    }

    /// The request body: its type and how it is encoded (JSON, form, multipart, or the caller's bytes).
    private func bodyPlan(_ operation: APIModel.Operation, in scope: inout OperationTypeScope) -> BodyPlan? {
        guard let requestBody = operation.requestBody, let media = Self.bodyMedia(of: requestBody) else { return nil }
        return bodyPlan(media, isRequired: requestBody.isRequired, suggested: "Body", in: &scope)
    }

    /// The request body's other media types, each with its argument label, in document order.
    private func alternateBodies(
        _ operation: APIModel.Operation, parameters: [ParameterPlan], in scope: inout OperationTypeScope
    ) -> [AlternateBody] {
        guard let requestBody = operation.requestBody, let primary = Self.bodyMedia(of: requestBody) else { return [] }
        var labels = NameScope(reserved: ["body", "options"] + parameters.map { SwiftNaming.unescaped($0.swiftName) })
        return requestBody.content.filter { $0.contentType != primary.contentType }.compactMap { media in
            let word: String
            switch (media.isJSON, Self.formKind(media.contentType)) {
            case (_, .multipart?): word = "multipart"
            case (_, .urlEncoded?): word = "form"
            case (true, _) where media.contentType.lowercased().hasPrefix("application/json"): word = "json"
            default: word = media.contentType.split(separator: ";").first.map(String.init) ?? media.contentType
            }
            let label = labels.claim(SwiftNaming.memberName(word + " body")).name
            guard
                let body = bodyPlan(
                    media, isRequired: true, suggested: SwiftNaming.typeName(word + " body"), in: &scope)
            else { return nil }
            return AlternateBody(label: label, body: body)
        }
    }

    /// How a body of `media` is sent, and the type of its argument.
    private func bodyPlan(
        _ media: MediaType, isRequired: Bool, suggested: String, in scope: inout OperationTypeScope
    ) -> BodyPlan? {
        // Without a schema there is nothing to encode from: the caller's bytes go as they are.
        let encoding: BodyEncoding
        // Bytes are the caller's: `type: string, format: binary`, or a string under a wildcard (GitHub's release
        // asset, "the raw file data", under `*/*`), which is no JSON string; a wildcard is no content type to
        // send, so such bytes go as `application/octet-stream`.
        let isWildcard = media.contentType.contains("*")
        let isBytes =
            media.schema.map {
                switch $0.kind {
                case .string(.binary?): true
                case .string: isWildcard
                default: false
                }
            } ?? false
        let sentType = isWildcard ? "application/octet-stream" : media.contentType
        switch (media.isJSON && !isBytes, Self.formKind(media.contentType), media.schema) {
        case (true, _, _?): encoding = .json(contentType: media.contentType)
        case (false, .urlEncoded?, _?): encoding = .formURLEncoded(fields: media.encoding)
        case (false, .multipart?, _?):
            encoding = .multipart(binaryFields: binaryProperties(media.schema), fields: media.encoding)
        default: encoding = .raw(contentType: sentType)
        }
        if case .raw = encoding {
            return BodyPlan(encoding: encoding, type: .data, isRequired: isRequired, schema: nil)
        }
        guard let schema = media.schema else { return nil }
        let type = spell(schema, suggested: suggested, in: &scope)
        return BodyPlan(encoding: encoding, type: type, isRequired: isRequired, schema: schema)
    }

    /// What a response's body is read as: its JSON type, its bytes (files, text, JSON without a schema), or nothing.
    private func responseBody(_ response: Response, in scope: inout OperationTypeScope) -> ResponseBody {
        if let schema = Self.jsonSchema(of: response) {
            return .json(
                spell(schema, suggested: SwiftNaming.typeName(HTTPStatus.name(response.status)) + "Body", in: &scope))
        }
        return response.content.isEmpty ? .none : .bytes
    }

    /// The typed headers of the first success response that declares any, declared in the namespace.
    private func headersDeclaration(
        _ operation: APIModel.Operation, responses: [Response], operationName: String,
        in scope: inout OperationTypeScope
    ) -> ResponseHeadersPlan? {
        guard let withHeaders = responses.first(where: { $0.status.isSuccess && !$0.headers.isEmpty }) else {
            return nil
        }
        return headersDeclaration(
            operation, response: withHeaders,
            doc: "/// The headers of the \(HTTPStatus.representativeCode(withHeaders.status)) response of "
                + "`Client.\(SwiftNaming.unescaped(operationName))`.",
            in: &scope)
    }

    /// The typed headers of the other statuses that document headers, for a server's answers (with the server
    /// side only): a status whose headers are those of a struct already declared for the operation (the same
    /// names and types, as a spec's shared rate-limit headers are) shares it; another gets `<Status>Headers`.
    private func otherStatusHeaders(
        _ operation: APIModel.Operation, responses: [Response], first: ResponseHeadersPlan?, operationName: String,
        in scope: inout OperationTypeScope
    ) -> [ResponseHeadersPlan] {
        var declared = first.map { [$0] } ?? []
        var plans: [ResponseHeadersPlan] = []
        for response in responses where !response.headers.isEmpty && response.status != first?.status {
            var candidateScope = scope
            let candidate = headersDeclaration(
                operation, response: response,
                doc: "/// The headers of the `\(response.status.text)` response of "
                    + "`\(SwiftNaming.unescaped(operationName))`, as a server answers with them.",
                in: &candidateScope)
            let signature = candidate.members.map { [$0.headerName.lowercased(), $0.type.spelling] }
            if let shared = declared.first(where: {
                $0.members.map { [$0.headerName.lowercased(), $0.type.spelling] } == signature
            }) {
                plans.append(ResponseHeadersPlan(status: response.status, type: shared.type, members: shared.members))
            } else {
                scope = candidateScope
                declared.append(candidate)
                plans.append(candidate)
            }
        }
        return plans
    }

    /// Declares the typed headers of `response` in the operation's namespace.
    private func headersDeclaration(
        _ operation: APIModel.Operation, response withHeaders: Response, doc: String,
        in scope: inout OperationTypeScope
    ) -> ResponseHeadersPlan {
        let headersName = scope.names.claim(SwiftNaming.typeName(HTTPStatus.name(withHeaders.status)) + "Headers").name
        var memberScope = NameScope(reserved: ["init", "fields"])
        let members = withHeaders.headers.map { header -> HeaderMemberPlan in
            let member = memberScope.claim(SwiftNaming.memberName(header.name)).name
            let (type, read, write) = headerReading(header, in: &scope)
            return HeaderMemberPlan(
                name: member, headerName: header.name, type: type, read: read, write: write,
                isRequired: header.isRequired,
                format: TypeBuilder.format(of: header.schema)?.rawValue, location: header.schema.location,
                doc: header.description.map(DocComment.lines) ?? [], schema: header.schema)
        }
        scope.declarations.append(
            DeclarationPlan(
                name: headersName, qualifiedName: scope.qualifier + SwiftNaming.unescaped(headersName),
                doc: [doc],
                pointer: operation.specPath + "/responses/\(withHeaders.status.text)/headers",
                location: withHeaders.location, kind: .headers(members)))
        return ResponseHeadersPlan(
            status: withHeaders.status, type: .named(headersName, qualifier: scope.qualifier), members: members)
    }

    /// The `Output` enum of an operation whose success responses differ: a case per success status.
    private func outputDeclaration(
        _ name: String, responses: [ResponsePlan], operation: APIModel.Operation, operationName: String,
        qualifier: String
    ) -> DeclarationPlan {
        let cases = responses.compactMap { response -> OutputCasePlan? in
            guard case .returnCase(let caseName, let body) = response.outcome else { return nil }
            return OutputCasePlan(
                name: caseName, payload: body.type,
                doc: DocComment.field("\(statusLabel(response.status)):", response.description))
        }
        return DeclarationPlan(
            name: name, qualifiedName: qualifier + SwiftNaming.unescaped(name),
            doc: [
                "/// What `Client.\(SwiftNaming.unescaped(operationName))` returns: its success responses differ, so "
                    + "each has a case."
            ],
            pointer: operation.specPath + "/responses", location: operation.location, kind: .output(cases))
    }

    /// How a parameter's value is serialized, or nil when it cannot be a parameter (free-form JSON, dictionaries,
    /// arrays of objects).
    private func parameterShape(_ schema: Schema, type: SwiftType) -> ParameterShape? {
        if type.containsJSONValue || type.isDictionary { return nil }
        var visited = Set<String>()
        func shape(_ schema: Schema) -> ParameterShape? {
            switch schema.kind {
            case .reference(let ref):
                guard visited.insert(ref.name).inserted, let target = types.componentSchemas[ref.name] else {
                    return nil
                }
                return shape(target)
            case .array(let items): return types.isSimpleValue(items) ? .array : nil
            case .object(let object): return object.properties.isEmpty ? nil : .object
            case .allOf(let parts), .anyOf(let parts), .oneOf(let parts, _):
                if types.isSimpleValue(schema) { return .scalar }
                return parts.allSatisfy { shape($0) == .object } ? .object : nil
            case .string, .integer, .number, .boolean, .enumeration: return .scalar
            case .any: return nil
            }
        }
        return shape(schema)
    }

    /// The expression of a success payload read from `response`.
    static func payloadExpression(_ body: ResponseBody) -> String {
        switch body {
        case .none: "()"
        case .bytes: "response.body"
        case .json(let type): "try decode(\(type.spelling).self, from: response)"
        }
    }

    func statusLabel(_ status: ResponseStatus) -> String {
        HTTPStatus.label(status)
    }

    /// A header's Swift type and the expression that reads it from `response` (simple types are parsed; anything
    /// else is kept as its text).
    private func headerReading(
        _ header: Header, in scope: inout OperationTypeScope
    ) -> (type: SwiftType, read: String, write: String) {
        let raw = "response.header(\(SwiftLiteral.string(header.name)))"
        let type = spell(header.schema, suggested: SwiftNaming.typeName(header.name), in: &scope)
        switch type {
        case .string: return (type, raw, "value")
        case .int, .int32, .int64, .double, .float, .bool:
            return (
                type, "\(raw).flatMap { \(type.spelling)($0.trimmingCharacters(in: .whitespaces)) }", "String(value)"
            )
        case .date: return (type, "\(raw).flatMap { RFC3339.date(from: $0) }", "RFC3339.string(from: value)")
        case .uuid: return (type, "\(raw).flatMap { UUID(uuidString: $0) }", "value.uuidString")
        default:
            if case .enumeration(let values) = header.schema.kind {
                return values.rawType == .integer
                    ? (
                        type, "\(raw).flatMap { Int($0) }.map { \(type.spelling)(rawValue: $0) }",
                        "String(value.rawValue)"
                    )
                    : (type, "\(raw).map { \(type.spelling)(rawValue: $0) }", "value.rawValue")
            }
            return (.string, raw, "value")
        }
    }

    /// The two form encodings.
    enum FormKind { case urlEncoded, multipart }

    /// The schema of a response's JSON body, which the client decodes into a type.
    static func jsonSchema(of response: Response) -> Schema? {
        response.content.first(where: \.isJSON)?.schema
    }

    /// The media type of a request body the client sends: JSON first, then forms, then raw bytes.
    static func bodyMedia(of requestBody: RequestBody) -> MediaType? {
        requestBody.content.first(where: \.isJSON)
            ?? requestBody.content.first(where: { formKind($0.contentType) != nil }) ?? requestBody.content.first
    }

    static func formKind(_ contentType: String) -> FormKind? {
        let base =
            contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/x-www-form-urlencoded": return .urlEncoded
        case "multipart/form-data": return .multipart
        default: return nil
        }
    }

    /// The JSON names of an object's properties that are raw bytes (`format: binary`), sent as file parts.
    private func binaryProperties(_ schema: Schema?) -> [String] {
        guard let schema else { return [] }
        switch schema.kind {
        case .object(let object):
            // Bytes, a list of them, or a choice between those (OpenAI's `image`: one file or several).
            func isBinary(_ schema: Schema) -> Bool {
                switch schema.kind {
                case .string("binary"): true
                case .array(let items): isBinary(items)
                case .anyOf(let parts), .oneOf(let parts, _): !parts.isEmpty && parts.allSatisfy(isBinary)
                default: false
                }
            }
            return object.properties.filter { isBinary($0.schema) }.map(\.name)
        case .reference(let ref): return binaryProperties(types.componentSchemas[ref.name])
        default: return []
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
