import APIModel
import Diagnostics
import Foundation
import SwiftPlanning

/// Builds Server.swift from the operation plans the client is printed from: `APIHandler` (a method per operation
/// taking its typed `Input` and returning its typed `Response`), each operation's `Input` (decoded from a request:
/// parameters per their style, the body per its media type) and `Response` (a case per documented status,
/// encoded as the spec documents it), and `APIRouter`'s route table. The router's behaviour (matching, `404`,
/// `405`, `415`, `406`, `401`, `400`, `500`) is runtime code, tested once; what is printed per operation is data
/// and typed calls.
struct ServerBuilder {
    let document: APIDocument
    let plans: [OperationPlan]
    /// The operations' type names that already have a namespace (`Operations.GetRun`) for their inline types.
    let namespaced: Set<String>
    /// The access level of the declarations.
    let access: String
    /// `public import Foundation` (as the access level says) or `import Foundation`.
    let foundationImport: (Bool) -> String
    /// Receives the patterns the server does not check.
    let diagnostics: any DiagnosticSink

    func build() -> ServerSideView {
        let schemas = Dictionary(document.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        let rules = SchemaRuleBuilder(.request, schemas: schemas, diagnostics: diagnostics)
        // The patterns a response rule does not check are those the request rules reported.
        let responseRules = SchemaRuleBuilder(.response, schemas: schemas, diagnostics: DiagnosticCollector())
        let shapes = RefusalShapes(schemas: schemas, operationNames: plans.map(\.name))
        var operations: [ServerOperationView] = []
        var routes: [String] = []
        var contracts: [String] = []
        var newNamespaces: [String] = []
        for (index, plan) in plans.enumerated() {
            let operation = document.operations[index]
            if !namespaced.contains(plan.typeName) { newNamespaces.append(plan.typeName) }
            operations.append(operationView(plan, operation: operation, rules: rules, shapes: shapes))
            routes.append(routeLine(plan, operation: operation))
            contracts.append(Self.contractLine(plan, operation: operation, rules: responseRules))
        }
        let schemes = OperationPlanner.authentications(of: document).map { entry -> String in
            let value: String
            switch entry.kind {
            case .basic: value = ".basic"
            case .bearer: value = ".bearer"
            case .apiKey(let name, let location):
                value = ".apiKey(name: \(SwiftLiteral.string(name)), in: .\(location.rawValue))"
            }
            return "\(SwiftLiteral.string(entry.scheme.name)): \(value),"
        }
        // Mutual TLS has no `Authentication` factory (the client's transport holds the certificate), but the router
        // hands its operations to the authenticator like any other scheme's.
        let tlsSchemes = document.securitySchemes.filter { $0.kind == .mutualTLS }.map {
            "\(SwiftLiteral.string($0.name)): .mutualTLS,"
        }
        return ServerSideView(
            operations: operations,
            namespaceLines: newNamespaces.isEmpty
                ? [] : ["", "extension Operations {"] + newNamespaces.map { "    \(access) enum \($0) {}" } + ["}"],
            routeLines: routes,
            schemeLines: schemes + tlsSchemes,
            ruleLines: rules.declarations,
            contractLines: contracts,
            responseRuleLines: responseRules.declarations,
            errorRequirements: shapes.requirements,
            basePath: SwiftLiteral.string(Self.basePath(document.servers)),
            // Server.swift spells no Foundation type publicly; each letter's file says what its operations need.
            foundationImport: foundationImport(false))
    }

    /// `ResponseContract(["200": [.init("application/json", rule: ResponseRules.getRun200)], "204": []]),`: the
    /// operation's documented statuses, each one's media types, and a JSON body's rule where its schema says more
    /// than its Swift type holds.
    static func contractLine(_ plan: OperationPlan, operation: APIModel.Operation, rules: SchemaRuleBuilder) -> String {
        let entries = operation.responses.map { response -> String in
            let status = ExerciserBuilder.statusKey(response.status)
            let contents = response.content.enumerated().map { index, media -> String in
                var content = ".init(" + SwiftLiteral.string(media.contentType)
                let name = SwiftNaming.unescaped(plan.name) + " " + status + (index == 0 ? "" : " \(index)")
                if media.isJSON, let schema = media.schema, let rule = rules.rule(for: schema, named: name) {
                    content += ", rule: " + rule
                }
                return content + ")"
            }
            return SwiftLiteral.string(status) + ": [" + contents.joined(separator: ", ") + "]"
        }
        return "ResponseContract([" + (entries.isEmpty ? ":" : entries.joined(separator: ", ")) + "]),"
    }

    /// `.ok(value)`: a `Response` case with `values` (`.accepted()` for a case whose only value is its typed
    /// headers, which default to none).
    static func responseCase(_ plan: OperationPlan, _ response: ResponsePlan, values: [String]) -> String {
        let hasHeaders = plan.headers(of: response.status) != nil
        return "." + HTTPStatus.name(response.status)
            + (values.isEmpty && !hasHeaders ? "" : "(" + values.joined(separator: ", ") + ")")
    }

    /// The path of the first server's URL with its variables' defaults (`/api/v1`), or "" for none.
    static func basePath(_ servers: [Server]) -> String {
        guard var url = servers.first?.url else { return "" }
        for variable in servers.first?.variables ?? [] {
            url = url.replacingOccurrences(of: "{\(variable.name)}", with: variable.defaultValue)
        }
        let path: String
        if let parsed = URLComponents(string: url), parsed.scheme != nil || url.hasPrefix("/") {
            path = parsed.percentEncodedPath
        } else {
            path = ""
        }
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The view of one operation's `Input`, `Response`, handler requirement and dispatch.
    private func operationView(
        _ plan: OperationPlan, operation: APIModel.Operation, rules: SchemaRuleBuilder, shapes: RefusalShapes
    ) -> ServerOperationView {
        let namespace = "Operations.\(plan.typeName)"
        let (fields, parameterLines) = Self.inputFieldViews(plan, operation: operation, rules: rules)
        let memberwise = fields.map { field -> String in
            let optional = field.type.hasSuffix("?")
            return "\(field.name): \(field.type)\(optional ? " = nil" : "")"
        }
        let assignments = fields.map { "self.\(SwiftNaming.unescaped($0.name)) = \($0.name)" }
        let (cases, encodeLines) = Self.responseCases(plan, operation: operation)
        let refusals = Self.refusalLines(plan, operation: operation, shapes: shapes)
        let route = DocComment.code("\(operation.method.wireName) \(operation.path)")
        var doc: [String] = []
        if let summary = operation.summary { doc += DocComment.lines(summary) }
        doc += (doc.isEmpty ? [] : ["///"]) + ["/// HTTP \(route)."]
        return ServerOperationView(
            doc: doc,
            name: plan.name,
            typeName: plan.typeName,
            namespace: namespace,
            route: route,
            fields: fields,
            memberwiseParameters: memberwise.joined(separator: ", "),
            memberwiseLines: assignments,
            decodeLines: parameterLines + Self.bodyDecodeLines(plan, rules: rules),
            responseCases: cases,
            encodeLines: encodeLines,
            dispatchLine:
                "{ try await handler.\(plan.name)(\(namespace).Input(request: $0)).streamedResponse() },",
            refusalLines: refusals,
            refuseLine: refusals.isEmpty
                ? "{ _ in nil },"
                : "{ try? \(namespace).Response.refusal($0, handler: handler)?.streamedResponse() },",
            conformances: plan.streamsInput ? "Sendable" : "Equatable, Sendable")
    }

    /// `Input`'s fields, each documented, and the lines of `init(request:)` that read its parameters.
    private static func inputFieldViews(
        _ plan: OperationPlan, operation: APIModel.Operation, rules: SchemaRuleBuilder
    ) -> (fields: [ServerFieldView], decodeLines: [String]) {
        var fields: [ServerFieldView] = []
        var decodeLines: [String] = []
        let queryNames = plan.parameters.filter { $0.location == .query }.map(\.specName)
        let cookieNames = plan.parameters.filter { $0.location == .cookie }.map(\.specName)
        for field in plan.inputFields {
            if let alternate = field.alternate {
                let mediaType = DocComment.code(alternate.body.mediaType)
                fields.append(
                    ServerFieldView(
                        doc: ["/// The request body, when it came as \(mediaType)."], name: field.name,
                        type: field.type.spelling))
                continue
            }
            guard let parameter = field.parameter else {
                fields.append(
                    ServerFieldView(
                        doc: DocComment.field("The request body:", operation.requestBody?.description ?? ""),
                        name: field.name, type: field.type.spelling))
                continue
            }
            fields.append(
                ServerFieldView(
                    doc: DocComment.field(
                        "\(parameter.location.rawValue) parameter \(DocComment.code(parameter.specName)):",
                        parameter.description ?? ""),
                    name: field.name, type: field.type.spelling))
            let rule = rules.rule(
                for: parameter.schema, named: SwiftNaming.unescaped(plan.name) + " " + parameter.specName)
            decodeLines.append(
                parameterDecodeLine(
                    parameter, siblingNames: parameter.location == .cookie ? cookieNames : queryNames, rule: rule))
        }
        return (fields, decodeLines)
    }

    /// `self.limit = try request.parameter("limit", in: .query, …)`: a parameter read by its style.
    /// `siblingNames`: the names of the parameters in the same place (an exploded object takes the items no
    /// other parameter claims).
    private static func parameterDecodeLine(_ parameter: ParameterPlan, siblingNames: [String], rule: String?) -> String
    {
        if let encoding = parameter.queryString {
            let format: String
            switch encoding {
            case .form(let fields):
                format = ".form(fields: \(ParameterSerialization.formFields(fields)))"
            case .json: format = ".json"
            case .text: format = ".text"
            }
            var arguments = [
                SwiftLiteral.string(parameter.specName), "as: \(parameter.type.spelling).self", "format: \(format)",
            ]
            if let rule { arguments.append("rule: \(rule)") }
            let function = parameter.isRequired ? "requiredQueryString" : "queryString"
            return
                "self.\(SwiftNaming.unescaped(parameter.swiftName)) = try request.\(function)(\(arguments.joined(separator: ", ")))"
        }
        let style = parameter.style ?? .defaultStyle(for: parameter.location)
        let explode = parameter.explode ?? (style == .form || style == .cookie)
        let shape: String
        switch parameter.shape {
        case .scalar: shape = ".scalar"
        case .array: shape = ".array"
        case .object: shape = ".object"
        }
        var arguments = [
            SwiftLiteral.string(parameter.specName), "in: .\(parameter.location.rawValue)",
            "style: .\(style.rawValue)",
            "explode: \(explode)", "shape: \(shape)", "as: \(parameter.type.spelling).self",
        ]
        if parameter.location == .query && style == .form || style == .cookie, parameter.shape == .object, explode {
            let siblings = siblingNames.filter { $0 != parameter.specName }.map(SwiftLiteral.string)
            arguments.append("siblings: [\(siblings.joined(separator: ", "))]")
        }
        if let rule { arguments.append("rule: \(rule)") }
        let function = parameter.isRequired ? "requiredParameter" : "parameter"
        return
            "self.\(SwiftNaming.unescaped(parameter.swiftName)) = try request.\(function)(\(arguments.joined(separator: ", ")))"
    }

    /// The lines of `init(request:)` that read the body: into `body`, or by its `Content-Type` into the field of
    /// another Swift type.
    private static func bodyDecodeLines(_ plan: OperationPlan, rules: SchemaRuleBuilder) -> [String] {
        guard let body = plan.body else { return [] }
        /// `, rule: RequestRules.createRunBody` when the body's schema says more than its Swift type holds.
        /// and `, allowsNull: true` when it may be `null` (read as no body).
        func rule(_ body: BodyPlan, _ label: String) -> String {
            guard let schema = body.schema else { return "" }
            let rule = rules.rule(for: schema, named: SwiftNaming.unescaped(plan.name) + " " + label).map {
                ", rule: \($0)"
            }
            return (rule ?? "") + (body.allowsNull ? ", allowsNull: true" : "")
        }
        var decodeLines: [String] = []
        let others = plan.separateBodies
        // With bodies of other types, the Content-Type says which field the body goes to.
        let otherTypes = others.map { SwiftLiteral.string($0.body.mediaType) }
        let unlessOther =
            others.isEmpty ? "" : "request.hasContentType(in: [\(otherTypes.joined(separator: ", "))]) ? nil : "
        switch body.encoding {
        case .raw:
            // Read as it comes: the router does not collect a raw or event body (`ServerRoute.streams`).
            let read = streamedRead(body)
            decodeLines.append(
                body.isRequired && others.isEmpty
                    ? "self.body = \(read) ?? \(emptyStream(body))" : "self.body = \(unlessOther)\(read)")
        default:
            // The body's media type, and the request body's other media types of the same Swift type.
            var formats = [format(body)]
            for alternate in plan.alternateBodies where alternate.body.type == body.type {
                formats.append(format(alternate.body))
            }
            let function = body.isRequired && others.isEmpty ? "requiredBody" : "body"
            decodeLines.append(
                "self.body = \(unlessOther)try request.\(function)(\(body.type.spelling).self, formats: [\(formats.joined(separator: ", "))]\(rule(body, "body")))"
            )
        }
        for other in others {
            let name = SwiftNaming.unescaped(other.label)
            let mediaType = SwiftLiteral.string(other.body.mediaType)
            let read: String
            if case .raw = other.body.encoding {
                read = streamedRead(other.body)
            } else {
                read =
                    "try request.body(\(other.body.type.spelling).self, formats: [\(format(other.body))]\(rule(other.body, name)))"
            }
            decodeLines.append("self.\(name) = request.hasContentType(in: [\(mediaType)]) ? \(read) : nil")
        }
        return decodeLines
    }

    /// `request.streamedBody()`, or `request.events(Tick.self, format: .jsonLines)` for a body of events.
    private static func streamedRead(_ body: BodyPlan) -> String {
        guard let events = body.events else { return "request.streamedBody()" }
        let terminator = events.terminator.map { ", terminator: " + SwiftLiteral.string($0) } ?? ""
        return "request.events(\(events.element.spelling).self, format: \(events.format)\(terminator))"
    }

    /// A required streamed body that came empty.
    private static func emptyStream(_ body: BodyPlan) -> String {
        guard let events = body.events else { return "ByteStream(Data())" }
        return "EventStream(body: ByteStream(Data()), format: \(events.format))"
    }

    /// `Response`: a case per documented status (and `undocumented`), and the lines of `streamedResponse()`.
    private static func responseCases(
        _ plan: OperationPlan, operation: APIModel.Operation
    ) -> (cases: [ErrorCaseView], encodeLines: [String]) {
        let sorted = operation.responses.sorted { $0.status < $1.status }
        var cases: [ErrorCaseView] = []
        var encodeLines: [String] = []
        for (responseIndex, response) in plan.responses.enumerated() {
            let caseName = HTTPStatus.name(response.status)
            let (pattern, encode) = encoding(response, plan: plan, media: sorted[responseIndex].content)
            let payload = plan.responsePayload(response)
            cases.append(
                ErrorCaseView(
                    doc: DocComment.field("\(HTTPStatus.label(response.status)):", response.description),
                    declaration: caseName + (payload.isEmpty ? "" : "(" + payload.joined(separator: ", ") + ")")))
            encodeLines += [pattern + ":", "    return " + encode]
            if let events = response.streamAlternative,
                let media = sorted[responseIndex].content.first(where: { $0.eventFraming != nil })
            {
                // The event stream offered beside JSON: a case of its own, which the handler answers with instead.
                let streamed = plan.responsePayload(response, streamed: true)
                cases.append(
                    ErrorCaseView(
                        doc: DocComment.field(
                            "\(HTTPStatus.label(response.status)), as \(DocComment.code(media.contentType)):",
                            response.description),
                        declaration: streamCaseName(response) + "(" + streamed.joined(separator: ", ") + ")"))
                encodeLines += streamEncodingLines(response, events: events, contentType: media.contentType, plan: plan)
            }
        }
        cases.append(
            ErrorCaseView(
                doc: ["/// A status the spec does not document, answered as it is."],
                declaration: "undocumented(HTTPResponse)"))
        encodeLines += ["case .undocumented(let response):", "    return StreamedResponse(response)"]
        return (cases, encodeLines)
    }

    /// The case of the event stream a status offers beside JSON (`okStream`).
    static func streamCaseName(_ response: ResponsePlan) -> String {
        HTTPStatus.name(response.status) + "Stream"
    }

    /// The lines of `streamedResponse()` that write the event stream a status offers beside JSON.
    private static func streamEncodingLines(
        _ response: ResponsePlan, events: EventsPlan, contentType: String, plan: OperationPlan
    ) -> [String] {
        var bindings: [String] = []
        let code: String
        if case .code(let value) = response.status {
            code = String(value)
        } else {
            code = "statusCode"
            bindings.append("let statusCode")
        }
        bindings.append("let value")
        let hasHeaders = plan.headers(of: response.status) != nil
        if hasHeaders { bindings.append("let headers") }
        let terminator = events.terminator.map { ", terminator: " + SwiftLiteral.string($0) } ?? ""
        return [
            "case .\(streamCaseName(response))(\(bindings.joined(separator: ", "))):",
            "    return ResponseEncoding.events(\(code), value, format: \(events.format)\(terminator), contentType: \(SwiftLiteral.string(contentType))\(hasHeaders ? ", headers: headers.fields" : ""))",
        ]
    }

    /// A status's `case` pattern in `streamedResponse()` and the expression that encodes it.
    private static func encoding(
        _ response: ResponsePlan, plan: OperationPlan, media: [APIModel.MediaType]
    ) -> (pattern: String, encode: String) {
        let code: String
        var bindings: [String] = []
        if case .code(let value) = response.status {
            code = String(value)
        } else {
            code = "statusCode"
            bindings.append("let statusCode")
        }
        let encode: String
        // The typed headers of the status that declares them (the client's `…WithHeaders` reads them).
        let typedHeaders = plan.headers(of: response.status)
        let headers = typedHeaders == nil ? "" : ", headers: headers.fields"
        switch response.body {
        case .none:
            encode = "ResponseEncoding.empty(\(code)\(headers))"
        case .json:
            bindings.append("let value")
            let contentType = media.first(where: \.isJSON)?.contentType ?? "application/json"
            encode =
                "try ResponseEncoding.json(\(code), value, contentType: \(SwiftLiteral.string(contentType))\(headers))"
        case .bytes:
            bindings.append("let value")
            let contentType = SwiftLiteral.string(media.first?.contentType ?? "application/octet-stream")
            if let events = response.events {
                let terminator = events.terminator.map { ", terminator: " + SwiftLiteral.string($0) } ?? ""
                encode =
                    "ResponseEncoding.events(\(code), value, format: \(events.format)\(terminator), contentType: \(contentType)\(headers))"
            } else {
                encode = "ResponseEncoding.bytes(\(code), value, contentType: \(contentType)\(headers))"
            }
        }
        if typedHeaders != nil { bindings.append("let headers") }
        let pattern =
            "case .\(HTTPStatus.name(response.status))"
            + (bindings.isEmpty ? "" : "(" + bindings.joined(separator: ", ") + ")")
        return (pattern, encode)
    }

    /// `.json`, `.form(fields: …)` or `.multipart` with its media type, as `ServerRequest.body` takes it.
    private static func format(_ body: BodyPlan) -> String {
        let mediaType = SwiftLiteral.string(body.mediaType)
        switch body.encoding {
        case .json: return "(\(mediaType), .json)"
        case .formURLEncoded(let fields):
            return
                "(\(mediaType), .form(fields: \(ParameterSerialization.formFields(fields))))"
        case .multipart(let binaryFields, _):
            let binary = binaryFields.map(SwiftLiteral.string).joined(separator: ", ")
            return "(\(mediaType), .multipart(binaryFields: [\(binary)]))"
        case .raw: return "(\(mediaType), .json)"
        }
    }

    /// `ServerRoute(.getRun, method: "GET", template: "/runs/{runID}", …)`.
    private func routeLine(_ plan: OperationPlan, operation: APIModel.Operation) -> String {
        var arguments = [
            "." + plan.name, "method: \(SwiftLiteral.string(operation.method.wireName))",
            "template: \(SwiftLiteral.string(operation.path))",
        ]
        var streamArgument: String?
        if let body = plan.body {
            var consumes = [body.mediaType]
            if case .raw = body.encoding {
                // Raw bytes: every media type the spec lists for the body.
                consumes = operation.requestBody?.content.map(\.contentType) ?? consumes
            }
            for alternate in plan.alternateBodies where !consumes.contains(alternate.body.mediaType) {
                consumes.append(alternate.body.mediaType)
            }
            arguments.append("consumes: [\(consumes.map(SwiftLiteral.string).joined(separator: ", "))]")
            if body.isRequired { arguments.append("requiresBody: true") }
            // The raw and event bodies reach the handler as they come; the others are read first (up to a cap).
            var streams: [String] = []
            if case .raw = body.encoding {
                streams = consumes.filter { type in
                    !plan.alternateBodies.contains { $0.body.mediaType == type && !Self.isRaw($0.body) }
                }
            }
            for alternate in plan.alternateBodies
            where Self.isRaw(alternate.body) && !streams.contains(alternate.body.mediaType) {
                streams.append(alternate.body.mediaType)
            }
            streamArgument =
                streams.isEmpty ? nil : "streams: [\(streams.map(SwiftLiteral.string).joined(separator: ", "))]"
        }
        var produces: [String] = []
        for response in operation.responses.sorted(by: { $0.status < $1.status }) {
            for media in response.content where !produces.contains(media.contentType) {
                produces.append(media.contentType)
            }
        }
        if !produces.isEmpty {
            arguments.append("produces: [\(produces.map(SwiftLiteral.string).joined(separator: ", "))]")
        }
        // An operation served elsewhere (its own or its path's `servers`) is matched below that server's path.
        if !operation.servers.isEmpty, Self.basePath(operation.servers) != Self.basePath(document.servers) {
            arguments.append("basePath: \(SwiftLiteral.string(Self.basePath(operation.servers)))")
        }
        let security = operation.security ?? document.security
        if !security.isEmpty {
            let alternatives = security.map { requirement in
                "[" + requirement.schemeNames.map(SwiftLiteral.string).joined(separator: ", ") + "]"
            }
            arguments.append("security: [\(alternatives.joined(separator: ", "))]")
        }
        if let streamArgument { arguments.append(streamArgument) }
        return "ServerRoute(\(arguments.joined(separator: ", "))),"
    }

    private static func isRaw(_ body: BodyPlan) -> Bool {
        if case .raw = body.encoding { true } else { false }
    }

}
