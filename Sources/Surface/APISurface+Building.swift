public import APIModel
public import Diagnostics
public import SwiftPlanning

// How the surface is read from the plans: the client's operations and the server's handlers.

extension APISurface {
    /// The Swift API that gen would generate for `document` with `options`, read from the same translation the
    /// renderer prints, without rendering anything.
    ///
    /// - Parameter runtimeTypeNames: The runtime's type names (`RuntimeSources.typeNames(server:)`), which no schema
    ///   takes.
    public init(
        _ document: APIDocument, options: EmitOptions = EmitOptions(), runtimeTypeNames: Set<String>,
        diagnostics: any DiagnosticSink
    ) {
        let translation = Translation(
            document, options: options, runtimeTypeNames: runtimeTypeNames, diagnostics: diagnostics)
        let planner = translation.planner
        var surface = APISurface()
        // In the order they are built: the component schemas', then each operation's.
        surface.types =
            translation.componentTypes.flatMap(\.plan.surfaceTypes)
            + translation.namespaces.flatMap { $0.declarations.flatMap(\.surfaceTypes) }
        if options.client {
            surface.operations = zip(translation.document.operations, translation.plans).map { operation, plan in
                planner.surface(of: operation, plan: plan)
            }
        }
        if options.server {
            surface.handlers = zip(translation.document.operations, translation.plans).map {
                SurfaceHandler($0, plan: $1)
            }
        }
        surface.servers = planner.namedServers().filter { OperationPlanner.isDeclared($0.server) }.map {
            name, server in
            SurfaceServer(name: SwiftNaming.unescaped(name), url: server.url, location: server.location)
        }
        surface.authentications = planner.authentications().map { name, scheme, kind in
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
        self = surface
    }
}

extension OperationPlanner {
    /// The surface of one client method, from its plan.
    package func surface(of operation: APIModel.Operation, plan: OperationPlan) -> SurfaceOperation {
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
            route: "\(operation.method.wireName) \(operation.path)",
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
                let mediaType = alternate.body.mediaType
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
                    name: SwiftNaming.unescaped(plan.withHeadersName),
                    returns: "(body: \(returned), headers: \(headers.type.spelling))",
                    detail: "the headers of status \(headers.status.text)",
                    location: operation.responses.first { $0.status == headers.status }?.location
                        ?? operation.location))
        }
        if let pages = plan.pagesMethod(operation) {
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

extension SurfaceHandler {
    /// The surface of one `APIHandler` requirement and its `Input` and `Response`, from the operation's plan.
    package init(_ operation: APIModel.Operation, plan: OperationPlan) {
        self.init(
            name: SwiftNaming.unescaped(plan.name),
            route: "\(operation.method.wireName) \(operation.path)",
            namespace: "Operations.\(plan.typeName)",
            location: operation.location,
            fields: plan.inputFields.map { field in
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
                    payload: plan.responsePayload(response).joined(separator: ", "),
                    location: operation.responses.first { $0.status == response.status }?.location
                        ?? operation.location)
            })
    }
}
