public import APIModel
public import Diagnostics

/// The Swift API gen generates for a spec, as values: what callers of the generated code can name and rely on.
/// Two surfaces are compared by `SurfaceDiff` (`gen diff`); each part knows where in the spec it came from.
///
/// It is read from the same typed layer the templates are printed from (`TypeBuilder`, `OperationPlan`), so it is
/// the generated API, not a second reading of the spec.
public struct APISurface: Sendable {
    /// Every generated model type, components and inline types alike, in declaration order.
    public var types: [SurfaceType] = []
    /// Every client method, in document order.
    public var operations: [SurfaceOperation] = []
    /// `Client.Servers` members.
    public var servers: [SurfaceServer] = []
    /// `Authentication` factories, one per security scheme.
    public var authentications: [SurfaceAuthentication] = []
    /// `APIHandler`'s requirements, one per operation, when the server side is generated (`server: true`).
    public var handlers: [SurfaceHandler] = []
}

/// What a server's handler implements for one operation: an `APIHandler` method taking the operation's `Input`
/// and returning its `Response`.
public struct SurfaceHandler: Sendable {
    /// The method name.
    public var name: String
    /// `GET /api/v1/runs/{runID}`.
    public var route: String
    /// `Operations.GetRun`, where `Input` and `Response` are declared.
    public var namespace: String
    public var location: SourceLocation
    /// `Input`'s stored properties, in declaration order (parameters, `body`, the bodies of other Swift types).
    public var fields: [SurfaceField]
    /// `Response`'s documented cases (`undocumented` is always there).
    public var cases: [SurfaceResponseCase]
}

/// A stored property of an operation's `Input`.
public struct SurfaceField: Sendable, Hashable {
    public var name: String
    /// The Swift type, `?` included.
    public var type: SwiftType
    public var location: SourceLocation
}

/// A documented case of an operation's `Response`.
public struct SurfaceResponseCase: Sendable, Hashable {
    /// The status as written (`200`, `4XX`, `default`).
    public var status: String
    public var caseName: String
    /// The associated values as declared (`RunInfo, headers: Operations.GetRun.OkHeaders = .init()`).
    public var payload: String
    public var location: SourceLocation
}

/// A generated type.
public struct SurfaceType: Sendable {
    /// The qualified Swift name (`RunsResponse.Data`, `Operations.GetThing.OkBody`).
    public var name: String
    /// The schema's JSON pointer (`#/components/schemas/Run`): a type whose Swift name changed while its pointer
    /// stayed is a rename.
    public var pointer: String
    public var location: SourceLocation
    public var kind: Kind

    public enum Kind: Sendable {
        /// A struct: an object's properties, or an `anyOf`/`allOf`'s parts.
        case structure([SurfaceProperty])
        /// An open enum of raw values.
        case enumeration(rawType: SwiftType, cases: [SurfaceEnumCase])
        /// A `oneOf`: a closed enum with a case per alternative.
        case oneOf([SurfaceAlternative])
        /// `typealias Name = target`.
        case alias(SwiftType)

        /// A word for messages.
        public var word: String {
            switch self {
            case .structure: "struct"
            case .enumeration: "enum"
            case .oneOf: "oneOf enum"
            case .alias: "typealias"
            }
        }
    }
}

/// A stored property of a generated struct.
public struct SurfaceProperty: Sendable, Hashable {
    /// The Swift name.
    public var name: String
    /// The JSON key it is coded with (the part's type for a composite's parts).
    public var jsonName: String
    /// The Swift type, `?` included.
    public var type: SwiftType
    /// Whether the spec lists it as required.
    public var isRequired: Bool
    /// The schema's `format`, when it is a string, integer or number.
    public var format: String?
    public var location: SourceLocation
}

/// A case of an open enum.
public struct SurfaceEnumCase: Sendable, Hashable {
    public var name: String
    /// The value as it appears in JSON.
    public var raw: String
    public var location: SourceLocation
}

/// A case of a `oneOf` enum.
public struct SurfaceAlternative: Sendable, Hashable {
    public var name: String
    public var type: SwiftType
    /// The discriminator values that select it.
    public var discriminatorValues: [String]
    public var location: SourceLocation
}

/// A client method.
public struct SurfaceOperation: Sendable {
    /// The Swift method name.
    public var name: String
    /// `GET /api/v1/runs/{runID}`.
    public var route: String
    public var location: SourceLocation
    public var isDeprecated: Bool
    /// Whether requests carry credentials.
    public var requiresAuthentication: Bool
    /// In signature order.
    public var parameters: [SurfaceParameter]
    public var body: SurfaceBody?
    /// The return type (`nil` for `Void`).
    public var returnType: SwiftType?
    /// Documented success statuses (`200`, `2XX`).
    public var successes: [SurfaceStatus]
    /// The error enum's name, when the operation throws documented errors.
    public var errorTypeName: String?
    /// The error enum's cases.
    public var errors: [SurfaceStatus]
    /// The operation's other methods, by name: `…Stream` (typed events), `…Bytes` (the body as it comes),
    /// `…WithHeaders`, the pages sequence of `x-pagination`.
    public var forms: [SurfaceForm] = []
    /// Overloads that take the request body in another media type, by the body argument's label
    /// (`multipartBody:`).
    public var bodyForms: [SurfaceBodyForm] = []
}

/// A method generated beside an operation's own, taking the same arguments and returning another form of the
/// response.
public struct SurfaceForm: Sendable, Hashable {
    /// The Swift method name.
    public var name: String
    /// What it returns (`EventStream<ChunkEvent>`, `ByteStream`).
    public var returns: String
    /// What it asks for or reads (`Accept: text/event-stream`), compared as behaviour.
    public var detail: String
    public var location: SourceLocation
}

/// An overload of an operation's method that sends the body in another media type.
public struct SurfaceBodyForm: Sendable, Hashable {
    /// The body argument's label (`multipartBody`).
    public var label: String
    public var body: SurfaceBody
}

/// A parameter of a client method.
public struct SurfaceParameter: Sendable, Hashable {
    /// The Swift argument label.
    public var name: String
    /// The name in the spec.
    public var specName: String
    /// The type, never optional.
    public var type: SwiftType
    /// Whether the argument must be given (optional ones default to `nil`).
    public var isRequired: Bool
    /// `path`, `query`, `header` or `cookie`, with the style: how it is sent.
    public var serialization: String
    public var location: SourceLocation
}

/// The request body of a client method.
public struct SurfaceBody: Sendable, Hashable {
    public var type: SwiftType
    public var isRequired: Bool
    /// How it is sent (`application/json`, form, multipart, raw bytes).
    public var encoding: String
    public var location: SourceLocation
}

/// A documented response status: a success the method returns, or a case of its error enum.
public struct SurfaceStatus: Sendable, Hashable {
    /// The status as written (`200`, `4XX`, `default`).
    public var status: String
    /// The Swift case name (`notFound`); for successes, the `Output` case name or the status.
    public var caseName: String
    /// What the case carries (`nil` for no content).
    public var payload: SwiftType?
    public var location: SourceLocation
}

/// A `Client.Servers` member.
public struct SurfaceServer: Sendable, Hashable {
    public var name: String
    public var url: String
    public var location: SourceLocation
}

/// An `Authentication` factory.
public struct SurfaceAuthentication: Sendable, Hashable {
    public var name: String
    /// What the caller gives (`token`, `username, password`, `apiKey`).
    public var arguments: String
    /// Where the credential goes (`Authorization: Bearer`, `query api_key`).
    public var placement: String
    public var location: SourceLocation
}

extension SwiftEmitter {
    /// The Swift API that `emit` would generate for `document` with `options`, without rendering anything.
    public static func surface(
        _ document: APIDocument, options: EmitOptions = EmitOptions(), runtime: RuntimeSources,
        diagnostics: any DiagnosticSink
    ) -> APISurface {
        let translation = Translation(
            document, options: options, runtimeTypeNames: runtime.typeNames(server: options.server),
            diagnostics: diagnostics)
        let clientBuilder = translation.clientBuilder
        var surface = APISurface()
        // In the order they are built: the component schemas', then each operation's.
        surface.types =
            translation.componentTypes.flatMap(\.plan.surfaceTypes)
            + translation.namespaces.flatMap { $0.declarations.flatMap(\.surfaceTypes) }
        if options.client {
            surface.operations = zip(translation.document.operations, translation.plans).map { operation, plan in
                clientBuilder.surface(of: operation, plan: plan)
            }
        }
        if options.server {
            surface.handlers = zip(translation.document.operations, translation.plans).map(ServerBuilder.surface)
        }
        surface.servers = clientBuilder.namedServers().filter { ClientBuilder.isDeclared($0.server) }.map {
            name, server in
            SurfaceServer(name: SwiftNaming.unescaped(name), url: server.url, location: server.location)
        }
        surface.authentications = clientBuilder.authentications().map { name, scheme, kind in
            let arguments: String
            let placement: String
            switch kind {
            case .basic: (arguments, placement) = ("username, password", "Authorization: Basic")
            case .bearer: (arguments, placement) = ("token", "Authorization: Bearer")
            case .apiKey(let key, let location): (arguments, placement) = ("apiKey", "\(location.rawValue) \(key)")
            }
            return SurfaceAuthentication(
                name: SwiftNaming.unescaped(name), arguments: arguments, placement: placement,
                location: scheme.location)
        }
        return surface
    }
}

extension ClientBuilder {
    /// The surface of one client method, from its plan.
    func surface(of operation: APIModel.Operation, plan: OperationPlan) -> SurfaceOperation {
        let security = operation.security ?? document.security
        let namespace = "Operations.\(plan.typeName)."
        var successes: [SurfaceStatus] = []
        var errors: [SurfaceStatus] = []
        for response in plan.responses {
            let status = response.status.text
            let location = operation.responses.first { $0.status == response.status }?.location ?? operation.location
            switch response.outcome {
            case .returnNothing, .returnNil:
                successes.append(SurfaceStatus(status: status, caseName: status, payload: nil, location: location))
            case .returnBody(let body):
                successes.append(
                    SurfaceStatus(status: status, caseName: status, payload: body.type, location: location))
            case .returnCase(let caseName, let body):
                successes.append(
                    SurfaceStatus(status: status, caseName: caseName, payload: body.type, location: location))
            case .throwDocumented(let caseName, let body, _):
                errors.append(SurfaceStatus(status: status, caseName: caseName, payload: body.type, location: location))
            }
        }
        return SurfaceOperation(
            name: SwiftNaming.unescaped(plan.name),
            route: "\(operation.method.rawValue.uppercased()) \(operation.path)",
            location: operation.location,
            isDeprecated: operation.isDeprecated,
            requiresAuthentication: !security.isEmpty && !security.contains { $0.schemeNames.isEmpty },
            parameters: plan.parameters.map { parameter in
                var serialization = parameter.location.rawValue
                if let style = parameter.style { serialization += " style \(style.rawValue)" }
                if let explode = parameter.explode { serialization += " explode \(explode)" }
                return SurfaceParameter(
                    name: SwiftNaming.unescaped(parameter.swiftName), specName: parameter.specName,
                    type: parameter.type, isRequired: parameter.isRequired,
                    serialization: serialization,
                    location: operation.parameters.first {
                        $0.name == parameter.specName && $0.location == parameter.location
                    }?.sourceLocation ?? operation.location)
            },
            body: plan.body.map { surface(of: $0, at: operation.requestBody?.location ?? operation.location) },
            returnType: plan.returns.swiftType(namespace: namespace),
            successes: successes,
            errorTypeName: plan.errorTypeName,
            errors: errors,
            forms: forms(of: operation, plan: plan),
            bodyForms: plan.alternateBodies.map { alternate in
                let mediaType = Self.mediaType(of: alternate.body)
                return SurfaceBodyForm(
                    label: SwiftNaming.unescaped(alternate.label),
                    body: surface(
                        of: alternate.body,
                        at: operation.requestBody?.content.first { $0.contentType == mediaType }?.location
                            ?? operation.requestBody?.location ?? operation.location))
            })
    }

    /// How a body appears on the surface: its type and how it is sent.
    private func surface(of body: BodyPlan, at location: SourceLocation) -> SurfaceBody {
        let encoding: String
        switch body.encoding {
        case .json(let contentType): encoding = contentType
        case .formURLEncoded: encoding = "application/x-www-form-urlencoded"
        case .multipart: encoding = "multipart/form-data"
        case .raw(let contentType): encoding = contentType + " (raw bytes)"
        }
        return SurfaceBody(type: body.type, isRequired: body.isRequired, encoding: encoding, location: location)
    }

    /// The methods printed beside the operation's own, in the order they are printed.
    private func forms(of operation: APIModel.Operation, plan: OperationPlan) -> [SurfaceForm] {
        let namespace = "Operations.\(plan.typeName)."
        var forms: [SurfaceForm] = []
        if let headers = plan.responseHeaders {
            let returned = plan.returns.spelling(namespace: namespace)
            forms.append(
                SurfaceForm(
                    name: SwiftNaming.unescaped(Self.withHeadersName(plan)),
                    returns: "(body: \(returned), headers: \(headers.type.spelling))",
                    detail: "the headers of status \(headers.status.text)",
                    location: operation.responses.first { $0.status == headers.status }?.location
                        ?? operation.location))
        }
        if let pages = pagesMethod(operation, plan: plan) {
            forms.append(
                SurfaceForm(
                    name: SwiftNaming.unescaped(pages.name),
                    returns: "PageSequence<\(pages.pageType.spelling), \(pages.cursor.type.spelling)>",
                    detail: "x-pagination cursor '\(pages.pagination.cursorParameter)'",
                    location: pages.pagination.location))
        }
        for stream in plan.streams {
            let location = stream.statuses.lazy.compactMap { status in
                operation.responses.first { $0.status == status }.flatMap { response in
                    response.content.first { stream.accept.contains($0.contentType) }?.location ?? response.location
                }
            }.first
            forms.append(
                SurfaceForm(
                    name: SwiftNaming.unescaped(stream.name), returns: stream.returnType,
                    detail: "Accept: \(stream.accept.joined(separator: ", "))",
                    location: location ?? operation.location))
        }
        return forms
    }
}

extension ResponseStatus {
    /// The status as written in the spec: `200`, `4XX`, `default`.
    var text: String {
        switch self {
        case .code(let code): "\(code)"
        case .range(let range): "\(range)XX"
        case .default: "default"
        }
    }
}

extension ServerBuilder {
    /// The surface of one `APIHandler` requirement and its `Input` and `Response`, from the operation's plan.
    static func surface(of operation: APIModel.Operation, plan: OperationPlan) -> SurfaceHandler {
        SurfaceHandler(
            name: SwiftNaming.unescaped(plan.name),
            route: "\(operation.method.rawValue.uppercased()) \(operation.path)",
            namespace: "Operations.\(plan.typeName)",
            location: operation.location,
            fields: inputFields(plan).map { field in
                let location =
                    field.parameter.flatMap { parameter in
                        operation.parameters.first {
                            $0.name == parameter.specName && $0.location == parameter.location
                        }?.sourceLocation
                    } ?? (field.parameter == nil ? operation.requestBody?.location : nil) ?? operation.location
                return SurfaceField(name: SwiftNaming.unescaped(field.name), type: field.type, location: location)
            },
            cases: plan.responses.map { response in
                SurfaceResponseCase(
                    status: response.status.text, caseName: HTTPStatus.name(response.status),
                    payload: responsePayload(plan, response).joined(separator: ", "),
                    location: operation.responses.first { $0.status == response.status }?.location
                        ?? operation.location)
            })
    }
}
