import APIModel
import SwiftPlanning

// MARK: - An operation's method, printed from its plan

extension ClientBuilder {
    /// The view of an operation's method: its signature and documentation, the statements that build the
    /// request, and the status switch printed from the plan's outcomes.
    func operationView(_ operation: APIModel.Operation, plan: OperationPlan, headersType: SwiftType?) -> OperationView {
        var parameters = parameterStatements(plan, requestBody: operation.requestBody)
        let head = requestLines(operation, parameters: parameters)
        let bodyLines = plan.body.map(bodyStatements) ?? []
        let build = head + bodyLines + [Self.acceptStatement(plan.accept)]
        let responses = responseSwitch(plan, headersType: headersType)
        parameters.signature.append("options: RequestOptions = RequestOptions()")
        let security = operation.security ?? document.security
        let requiresAuth = !security.isEmpty && !security.contains { $0.schemeNames.isEmpty }
        let errorType =
            responses.errorCases.isEmpty
            ? []
            : [
                ErrorTypeView(
                    name: plan.errorTypeName ?? "", cases: responses.errorCases, statusLines: responses.statusLines)
            ]
        let doc = methodDoc(operation, plan: plan, parameterDocs: parameters.docs, throwsErrorEnum: !errorType.isEmpty)
        let streams = plan.streams.map { stream in
            StreamMethodView(
                doc: streamDoc(stream, operation: operation, plan: plan, methodDoc: doc),
                name: stream.name, returnType: stream.returnType,
                buildLines: head + bodyLines + [Self.acceptStatement(stream.accept)],
                streamCases: stream.statuses.flatMap {
                    [HTTPStatus.pattern($0), "    return " + Self.streamValue(stream)]
                },
                errorCases: Self.errorCases(responses.cases, plan: plan))
        }
        let bodyVariants = bodyVariantViews(plan, doc: doc, signature: parameters.signature, head: head)
        return OperationView(
            doc: doc + Self.wholeStreamNote(plan),
            attributes: operation.isDeprecated ? ["@available(*, deprecated)"] : [],
            name: plan.name,
            parameters: parameters.signature.joined(separator: ", "),
            isIdempotent: operation.method.isIdempotent ? "true" : "false",
            returnType: plan.returns.spelling(namespace: "Operations.\(plan.typeName)."),
            buildLines: build,
            requiresAuth: requiresAuth ? "true" : "false",
            responseCases: responses.cases,
            errorType: errorType,
            operationID: "." + plan.name,
            pagination: paginationView(operation, plan: plan, signature: parameters.signature).map { [$0] } ?? [],
            withHeaders: headersType.map {
                [
                    WithHeadersView(
                        methodName: plan.withHeadersName,
                        headersType: $0.spelling,
                        responseCases: responses.casesWithHeaders)
                ]
            } ?? [],
            callArguments: Self.callArguments(plan),
            streams: streams,
            bodyVariants: bodyVariants,
            sentBody: plan.body?.events == nil ? "" : "body: streamedBody, "
        )
    }

    /// The overloads of an operation's method for its other bodies: a raw body streamed from a `ByteStream`, and
    /// each request body of another Swift type (`multipartBody:`).
    func bodyVariantViews(
        _ plan: OperationPlan, doc: [String], signature: [String], head: [String]
    ) -> [BodyVariantView] {
        var bodyVariants: [BodyVariantView] = []
        if let body = plan.body, case .raw(let contentType) = body.encoding, body.events == nil {
            let header = "request.headers[\"Content-Type\"] = \(SwiftLiteral.string(contentType))"
            bodyVariants.append(
                BodyVariantView(
                    doc: doc + [
                        "///",
                        "/// - Note: This form streams the body (from a file, or any `AsyncSequence` of `Data`).",
                    ],
                    // Never optional: without a body the caller uses the method that takes `Data?`, and two
                    // overloads with `body: … = nil` would make a call without a body ambiguous.
                    parameters: signature.map { $0.hasPrefix("body: ") ? "body: ByteStream" : $0 }
                        .joined(separator: ", "),
                    buildLines: head + [header, Self.acceptStatement(plan.accept)], sentBody: "body: body, "))
        }
        for alternate in plan.alternateBodies {
            // `multipartBody body: T`: the label chooses the media type, and the statements read `body`.
            let argument = "\(alternate.label) body: \(alternate.body.type.spelling)"
            let others = signature.filter { !$0.hasPrefix("body: ") }
            bodyVariants.append(
                BodyVariantView(
                    doc: doc + [
                        "///",
                        "/// - Note: This form sends the body as \(DocComment.code(alternate.body.mediaType)).",
                    ],
                    parameters: (others.dropLast() + [argument] + others.suffix(1)).joined(separator: ", "),
                    buildLines: head + bodyStatements(alternate.body) + [Self.acceptStatement(plan.accept)],
                    sentBody: alternate.body.events == nil ? "" : "body: streamedBody, "))
        }
        return bodyVariants
    }

    /// `request.headers["Accept"] = "…"`: the media types asked for (JSON when the spec lists none).
    static func acceptStatement(_ accept: [String]) -> String {
        "request.headers[\"Accept\"] = "
            + SwiftLiteral.string(accept.isEmpty ? "application/json" : accept.joined(separator: ", "))
    }

    /// What a streamed method returns for a streamed status.
    static func streamValue(_ stream: StreamPlan) -> String {
        switch stream.kind {
        case .bytes:
            return "streamed.body"
        case .events(_, let framing, let terminator):
            let format: String
            switch framing {
            case .serverSentEvents: format = ".serverSentEvents"
            case .jsonLines: format = ".jsonLines"
            case .jsonSequence: format = ".jsonSequence"
            }
            let end = terminator.map { ", terminator: \(SwiftLiteral.string($0))" } ?? ""
            return "EventStream(body: streamed.body, format: \(format)\(end), statusCode: streamed.head.statusCode)"
        }
    }

    /// The status switch of a streamed method's other statuses: the documented errors as the operation's method
    /// throws them, anything else `APIError.unexpectedStatus`.
    static func errorCases(_ cases: [String], plan: OperationPlan) -> [String] {
        var kept: [String] = []
        var index = 0
        while index + 1 < cases.count {
            if cases[index + 1].hasPrefix("    throw ") { kept += [cases[index], cases[index + 1]] }
            index += 2
        }
        if !kept.contains("default:") {
            kept += [
                "default:", "    throw APIError.unexpectedStatus(statusCode: response.statusCode, body: response.body)",
            ]
        }
        return kept
    }

    /// What the method says when it reads an event stream whole: it returns once the server ends the stream (an
    /// endless one never), within `maxResponseSize`; the `…Stream` method reads it event by event.
    static func wholeStreamNote(_ plan: OperationPlan) -> [String] {
        guard let stream = plan.streams.first(where: { if case .events = $0.kind { true } else { false } }) else {
            return []
        }
        let media = stream.accept.map { DocComment.code($0) }.joined(separator: ", ")
        return [
            "///",
            "/// - Note: The \(media) answer is read whole: this returns when the server ends the stream (an",
            "///   endless one never), within `maxResponseSize`. `\(stream.name)` yields each event as it arrives.",
        ]
    }

    /// The documentation of a streamed method: the operation's, then what this form reads.
    func streamDoc(
        _ stream: StreamPlan, operation: APIModel.Operation, plan: OperationPlan, methodDoc: [String]
    ) -> [String] {
        let method = SwiftNaming.unescaped(plan.name)
        let media = stream.accept.map { DocComment.code($0) }.joined(separator: ", ")
        let summary: [String]
        switch stream.kind {
        case .events(let element, _, let terminator):
            summary =
                [
                    "/// Streams `\(method)`'s \(media) response: each event decoded as `\(element.spelling)` as it arrives."
                ]
                + (terminator.map { ["/// The stream ends at the event whose data is \(DocComment.code($0))."] } ?? [])
        case .bytes:
            summary = ["/// Streams `\(method)`'s \(media) response body as it arrives, chunk by chunk."]
        }
        // The operation's documentation without its `- Returns:` field (which describes the buffered body).
        var kept: [String] = []
        var inReturns = false
        for line in methodDoc {
            if line.hasPrefix("/// - ") || line == "///" { inReturns = line.hasPrefix("/// - Returns:") }
            if !inReturns, !(line == "///" && kept.last == "///") { kept.append(line) }
        }
        return summary + ["///"] + kept
    }

    /// The arguments that call the method of `plan` again with the same values (labels are never escaped:
    /// `private: \`private\``), with `cursor` in place of the parameter named `cursorParameter`.
    static func callArguments(_ plan: OperationPlan, cursorParameter: String? = nil) -> String {
        (plan.parameters.map {
            "\(SwiftNaming.unescaped($0.swiftName)): \($0.specName == cursorParameter ? "cursor" : $0.swiftName)"
        }
            + (plan.body == nil ? [] : ["body: body"]) + ["options: options"]).joined(separator: ", ")
    }

    // MARK: - Parameters and the request

    /// A method's parameters: the signature, their documentation, and the statements that send each.
    struct ParameterStatements {
        var signature: [String] = []
        var docs: [String] = []
        /// Each path parameter's piece of the path (by its name in the template), and whether it throws.
        var pathPieces: [String: (expression: String, throws: Bool)] = [:]
        var query: [String] = []
        /// Whether `query` writes 3.2's `in: querystring` (the whole query string) rather than query items.
        var writesQueryString = false
        var headers: [String] = []
        var cookies: [String] = []
    }

    /// The signature, docs and sending statements of the plan's parameters and body.
    func parameterStatements(_ plan: OperationPlan, requestBody: RequestBody?) -> ParameterStatements {
        var result = ParameterStatements()
        for parameter in plan.parameters {
            let type = parameter.isRequired ? parameter.type : parameter.type.optional
            result.signature.append("\(parameter.swiftName): \(type.spelling)\(parameter.isRequired ? "" : " = nil")")
            if let description = parameter.description {
                result.docs.append(DocComment.parameter(SwiftNaming.unescaped(parameter.swiftName), description))
            }
            let value = parameter.swiftName
            if parameter.location == .path {
                result.pathPieces[parameter.specName] = ParameterSerialization.pathPiece(
                    style: parameter.style, explode: parameter.explode, shape: parameter.shape,
                    name: parameter.specName, value: value)
                continue
            }
            let statement =
                parameter.queryString.map { ParameterSerialization.queryStringStatement($0, value: value) }
                ?? ParameterSerialization.statement(
                    location: parameter.location, style: parameter.style, explode: parameter.explode,
                    shape: parameter.shape, name: parameter.specName, value: value)
            let line = parameter.isRequired ? statement : "if let \(value) { \(statement) }"
            switch parameter.location {
            case .path: break
            case .query: result.query.append(line)
            case .querystring:
                result.query.append(line)
                result.writesQueryString = true
            case .header: result.headers.append(line)
            case .cookie: result.cookies.append(line)
            }
        }
        if let body = plan.body {
            result.signature.append("body: \(body.type.spelling)\(body.isRequired ? "" : "? = nil")")
            if let description = requestBody?.description {
                result.docs.append(DocComment.parameter("body", description))
            }
        }
        result.docs.append("///   - options: Timeout, retry policy and headers for this call, overriding the client's.")
        return result
    }

    /// The statements that build `request`: its path, query, headers and cookies.
    func requestLines(_ operation: APIModel.Operation, parameters: ParameterStatements) -> [String] {
        var build = [pathStatement(operation.path, pieces: parameters.pathPieces)]
        let method = SwiftLiteral.string(operation.method.wireName)
        var arguments = ["path: path"]
        if parameters.writesQueryString {
            // OpenAPI 3.2's `in: querystring`: one value is the whole query string.
            build.append("var queryString: String? = nil")
            build += parameters.query
            arguments.append("queryString: queryString")
        } else if !parameters.query.isEmpty {
            build.append("var query: [(name: String, value: String)] = []")
            build += parameters.query
            arguments.append("query: query")
        }
        // An operation served elsewhere (its own or its path's `servers`) goes there unless the client's URL was
        // changed from the default.
        if !operation.servers.isEmpty, let own = defaultServerExpression(operation.servers),
            own != defaultServerExpression(document.servers)
        {
            arguments.append("server: \(own)")
        }
        build.append(
            "var request = HTTPRequest(method: \(method), url: try makeURL(\(arguments.joined(separator: ", "))))")
        build += parameters.headers
        if !parameters.cookies.isEmpty {
            build.append("var cookies: [String] = []")
            build += parameters.cookies
            build.append("if !cookies.isEmpty { request.headers[\"Cookie\"] = cookies.joined(separator: \"; \") }")
        }
        return build
    }

    /// `let path = …`: the template's literal pieces (percent-encoded) and the path parameters' pieces; one `try`
    /// in front covers every piece that throws.
    func pathStatement(
        _ template: String, pieces: [String: (expression: String, throws: Bool)]
    ) -> String {
        func literal(_ text: String) -> String { SwiftLiteral.string(ParameterSerialization.encodedPathLiteral(text)) }
        var expression: [String] = []
        var throwing = false
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { expression.append(literal(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            if let piece = pieces[name] {
                expression.append(piece.expression)
                throwing = throwing || piece.throws
            } else {
                expression.append(literal("{\(name)}"))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || expression.isEmpty { expression.append(literal(String(rest))) }
        return "let path = " + (throwing ? "try " : "") + expression.joined(separator: " + ")
    }

    /// The statements that set the request's body, as its media type says.
    func bodyStatements(_ body: BodyPlan) -> [String] {
        let statements: [String]
        switch body.encoding {
        case .json(let contentType):
            statements = [
                "request.headers[\"Content-Type\"] = \(SwiftLiteral.string(contentType))",
                "request.body = try encodeBody(body)",
            ]
        case .formURLEncoded(let fields):
            let arguments = fields.isEmpty ? "" : ", fields: \(ParameterSerialization.formFields(fields))"
            statements = [
                "request.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"",
                "request.body = try BodyEncoding.formURLEncoded(body\(arguments))",
            ]
        case .multipart(let binaryFields, let fields):
            let binary = binaryFields.map(SwiftLiteral.string).joined(separator: ", ")
            let typed = fields.filter { $0.contentType != nil }
            let arguments = typed.isEmpty ? "" : ", fields: \(ParameterSerialization.formFields(typed))"
            statements = [
                "let boundary = BodyEncoding.makeBoundary()",
                "request.headers[\"Content-Type\"] = \"multipart/form-data; boundary=\\(boundary)\"",
                "request.body = try BodyEncoding.multipart(body, binaryFields: [\(binary)]\(arguments), boundary: boundary)",
            ]
        case .raw(let contentType) where body.events != nil:
            // Sent as the events are produced (`send(…, body: streamedBody)`).
            let header = "request.headers[\"Content-Type\"] = \(SwiftLiteral.string(contentType))"
            let format = body.events?.format ?? ""
            return (body.isRequired ? [header] : ["if body != nil {", "    " + header, "}"]) + [
                "let streamedBody = body\(body.isRequired ? "" : "?").requestBytes(as: \(format))"
            ]
        case .raw(let contentType):
            statements = [
                "request.headers[\"Content-Type\"] = \(SwiftLiteral.string(contentType))",
                "request.body = body",
            ]
        }
        // A required body that may be `null` is sent as `null` for `nil`.
        if body.isRequired || body.sendsNull { return statements }
        return ["if let body {"] + statements.map { "    " + $0 } + ["}"]
    }

}
