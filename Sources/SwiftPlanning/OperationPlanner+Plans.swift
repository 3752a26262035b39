package import APIModel
import Diagnostics
import Foundation

// How an operation is planned (OperationPlan): its parameters, bodies, streams and accepted media types.

extension OperationPlanner {
    // MARK: - Operations

    /// Where an operation's inline types go: the names taken in its namespace (`Operations.GetThing.`) and the
    /// declarations made there so far.
    package struct OperationTypeScope {
        package var names: NameScope
        package let qualifier: String
        package var declarations: [DeclarationPlan]
    }

    /// Plans an operation: its parameters, body, return shape and what each documented response does. Inline
    /// types are declared in `nested` (the operation's namespace); the typed headers of the first success response
    /// that declares any are returned with their type.
    package func plan(
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
        let streams = streamPlans(operation, responses: sorted, names: streamMethodNames[index], in: &scope)
        let alternates = alternateBodies(operation, parameters: parameters, in: &scope)
        if serverSide {
            // The responses a handler streams as events.
            for (responseIndex, response) in sorted.enumerated() {
                let suggested = SwiftNaming.typeName(HTTPStatus.name(response.status)) + "Event"
                switch responses[responseIndex].body {
                case .bytes:
                    guard let media = response.content.first else { continue }
                    responses[responseIndex].events = eventsPlan(
                        operation, media: media, suggested: suggested, in: &scope)
                case .json:
                    // An event stream offered beside JSON: a case of its own.
                    guard let media = response.content.first(where: { $0.eventFraming != nil }) else { continue }
                    responses[responseIndex].streamAlternative = eventsPlan(
                        operation, media: media, suggested: suggested, in: &scope)
                case .none:
                    continue
                }
            }
        }
        return (
            OperationPlan(
                name: name, typeName: typeName, parameters: parameters, body: body, returns: returns,
                responses: responses, errorTypeName: throwsDocumented ? typeName + "Error" : nil,
                streams: streams, accept: Self.accept(operation), alternateBodies: alternates,
                responseHeaders: headers, otherHeaders: statusHeaders),
            headers?.type
        )
    }

    /// What the method itself asks for: every documented media type but those of the success responses that
    /// another method reads (event streams, and raw bytes offered beside JSON), so that a server choosing by
    /// `Accept` answers what the method decodes. An operation that documents only event streams asks for them
    /// (and gets their bytes).
    package static func accept(_ operation: APIModel.Operation) -> [String] {
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

    /// The `…Stream` method (the first event stream among the success responses, and every other success response
    /// streaming the same events) and the `…Bytes` method (every success media type that is neither JSON nor
    /// events). The events' type is gen-config's `eventStreams.operations.<id>.schema`, else the media type's
    /// schema, else `JSONValue` (a stream the spec gives no schema is still read event by event).
    package func streamPlans(
        _ operation: APIModel.Operation, responses: [Response], names: (events: String?, bytes: String?),
        in scope: inout OperationTypeScope
    ) -> [StreamPlan] {
        var plans: [StreamPlan] = []
        let successes = responses.filter(\.status.isSuccess)
        if let name = names.events,
            let first = successes.lazy.compactMap({ response in
                response.content.first { $0.eventFraming != nil }.map { (response, $0) }
            }).first, let framing = first.1.eventFraming
        {
            let events = eventsPlan(
                operation, media: first.1,
                suggested: SwiftNaming.typeName(HTTPStatus.name(first.0.status)) + "Event", in: &scope)
            let statuses = successes.filter { response in
                response.content.contains { $0.eventFraming == framing && $0.schema == first.1.schema }
            }.map(\.status)
            if let events {
                plans.append(
                    StreamPlan(
                        name: name,
                        kind: .events(element: events.element, framing: framing, terminator: events.terminator),
                        accept: [first.1.contentType], statuses: statuses, schema: events.schema,
                        examples: first.1.examples))
            }
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

    /// The events of `media` when it is an event stream (for the server side): their type (gen-config's
    /// `eventStreams.operations.<id>.schema`, else the media type's schema, else `JSONValue`), framing and
    /// terminator.
    func eventsPlan(
        _ operation: APIModel.Operation, media: MediaType, suggested: String, in scope: inout OperationTypeScope
    ) -> EventsPlan? {
        guard let framing = media.eventFraming else { return nil }
        let schema = eventSchema(operation, media: media)
        let element = spell(schema, suggested: suggested, in: &scope)
        let terminator =
            framing == .serverSentEvents
            ? (operation.operationID.flatMap { eventStreams.terminators[$0] } ?? eventStreams.terminator
                ?? Self.terminator(in: media.examples))
            : nil
        return EventsPlan(element: element, framing: framing, terminator: terminator, schema: schema)
    }

    /// The `data` that ends a Server-sent event stream in the media type's examples: a last `data:` line whose
    /// value is not JSON (`data: [DONE]`).
    package static func terminator(in examples: [Example]) -> String? {
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
    package func spell(_ schema: Schema, suggested: String, in scope: inout OperationTypeScope) -> SwiftType {
        types.spell(
            schema, suggested: suggested, nested: &scope.declarations, scope: &scope.names, qualifier: scope.qualifier)
    }

    /// The operation's parameters, each named and typed; one that cannot be sent as a parameter is reported.
    package func parameterPlans(_ operation: APIModel.Operation, in scope: inout OperationTypeScope) -> [ParameterPlan]
    {
        var names = NameScope(reserved: ["body", "request", "response", "query", "path", "options"])
        var parameters: [ParameterPlan] = []
        for parameter in operation.parameters {
            let swiftName = names.claim(SwiftNaming.memberName(parameter.name)).name
            let type = spell(parameter.schema, suggested: SwiftNaming.typeName(parameter.name), in: &scope)
            if parameter.location == .querystring {
                guard let plan = queryStringPlan(parameter, swiftName: swiftName, type: type) else { continue }
                parameters.append(plan)
                continue
            }
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

    /// An `in: querystring` parameter: a form of an object's members, JSON text of any value, or the text of a
    /// simple value; another pairing (a form of a list) is reported and the parameter left out.
    func queryStringPlan(_ parameter: Parameter, swiftName: String, type: SwiftType) -> ParameterPlan? {
        let media =
            parameter.content
            ?? MediaType(contentType: "", schema: nil, examples: [], location: parameter.sourceLocation)
        let encoding: QueryStringEncoding
        let shape = parameterShape(parameter.schema, type: type)
        if Self.formKind(media.contentType) == .urlEncoded {
            guard shape == .object || type.isDictionary else {
                diagnostics.emit(
                    .unsupported(
                        "'in: querystring' parameter '\(parameter.name)' of type \(type.spelling) as a form (a form writes an object's members)",
                        at: parameter.sourceLocation))
                return nil
            }
            encoding = .form(fields: media.encoding)
        } else if media.isJSON {
            encoding = .json
        } else {
            guard shape == .scalar else {
                diagnostics.emit(
                    .unsupported(
                        "'in: querystring' parameter '\(parameter.name)' of type \(type.spelling) as '\(media.contentType)' (gen writes a simple value's text there, or JSON for a JSON media type)",
                        at: parameter.sourceLocation))
                return nil
            }
            encoding = .text
        }
        return ParameterPlan(
            specName: parameter.name, swiftName: swiftName, type: type, isRequired: parameter.isRequired,
            location: .querystring, shape: shape ?? .object, style: nil, explode: nil, schema: parameter.schema,
            description: parameter.description, queryString: encoding)
    }

    /// The schema of a stream's events: gen-config's for the operation (a component schema; another name is
    /// warned about), else the media type's, else any value.
    func eventSchema(_ operation: APIModel.Operation, media: MediaType) -> Schema {
        if let id = operation.operationID, let name = eventStreams.schemas[id] {
            if types.componentSchemas[name] != nil {
                return Schema(
                    kind: .reference(SchemaReference(name: name, ref: "#/components/schemas/" + name)),
                    location: media.location, specPath: "#/components/schemas/" + name)
            }
            diagnostics.emit(.unknownEventSchema(name, operation: id, at: media.location))
        }
        return media.schema ?? Schema(kind: .any, location: media.location, specPath: "")
    }

    /// The request body: its type and how it is encoded (JSON, form, multipart, or the caller's bytes).
    package func bodyPlan(_ operation: APIModel.Operation, in scope: inout OperationTypeScope) -> BodyPlan? {
        guard let requestBody = operation.requestBody, let media = Self.bodyMedia(of: requestBody) else { return nil }
        return bodyPlan(media, isRequired: requestBody.isRequired, suggested: "Body", operation: operation, in: &scope)
    }

    /// The request body's other media types, each with its argument label, in document order.
    package func alternateBodies(
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
                    media, isRequired: true, suggested: SwiftNaming.typeName(word + " body"), operation: operation,
                    in: &scope)
            else { return nil }
            return AlternateBody(label: label, body: body)
        }
    }

    /// A multipart body's `encoding` entries as gen writes them: a part holding a structured value (an object, a
    /// list of them) under a media type gen does not write (`application/xml`) is sent and read as JSON, with a
    /// located warning, so the client and the server agree on it; bytes and text go under any media type.
    func writtenPartEncodings(_ media: MediaType) -> [PropertyEncoding] {
        guard let object = media.schema.flatMap({ types.mergedObject([$0]) }) else { return media.encoding }
        let binary = Set(binaryProperties(media.schema))
        return media.encoding.map { entry in
            guard let contentType = entry.contentType,
                let property = object.properties.first(where: { $0.name == entry.name })
            else { return entry }
            let base =
                contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                ?? ""
            let writable = base == "application/json" || base.hasSuffix("+json") || base.contains("*")
            var items = property.schema
            if case .array(let item) = items.kind { items = item }
            guard !writable, !types.isSimpleValue(items), !binary.contains(entry.name)
            else { return entry }
            diagnostics.emit(.partWrittenAsJSON(entry.name, contentType: contentType, at: media.location))
            var written = entry
            written.contentType = "application/json"
            return written
        }
    }

    /// How a body of `media` is sent, and the type of its argument.
    package func bodyPlan(
        _ media: MediaType, isRequired: Bool, suggested: String, operation: APIModel.Operation,
        in scope: inout OperationTypeScope
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
            encoding = .multipart(binaryFields: binaryProperties(media.schema), fields: writtenPartEncodings(media))
        default: encoding = .raw(contentType: sentType)
        }
        if case .raw = encoding {
            // A body of events is sent as they are produced (`EventBody`), each encoded from its schema.
            if let events = eventsPlan(operation, media: media, suggested: suggested + "Event", in: &scope) {
                return BodyPlan(
                    encoding: encoding, type: .named("EventBody<\(events.element.spelling)>"), isRequired: isRequired,
                    schema: nil, events: events)
            }
            return BodyPlan(encoding: encoding, type: .data, isRequired: isRequired, schema: nil)
        }
        guard let schema = media.schema else { return nil }
        let type = spell(schema, suggested: suggested, in: &scope)
        var allowsNull = false
        if case .json = encoding { allowsNull = types.isNullable(schema) }
        return BodyPlan(
            encoding: encoding, type: type, isRequired: isRequired && !allowsNull, schema: schema,
            allowsNull: allowsNull, sendsNull: isRequired && allowsNull)
    }
}
