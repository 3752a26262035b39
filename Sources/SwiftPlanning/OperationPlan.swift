package import APIModel

/// What the client does for one operation, decided once from the model with typed values; the client's view, the
/// fixtures and the exerciser are printed from it.
///
/// ```yaml
/// responses: {"200": {content: {application/json: {schema: {$ref: Run}}}}, "404": {description: Not found}}
/// ```
/// plans `returns: .value(.named("Run"))`, `200 → .returnDecoded(.named("Run"))`, `404 → .throwDocumented("notFound", …)`.
package struct OperationPlan {
    /// The Swift method name (escaped).
    package var name: String
    /// The operation's UpperCamel name, for its namespace and error type.
    package var typeName: String
    /// The parameters the method takes, in document order (unsupported ones left out).
    package var parameters: [ParameterPlan]
    /// The request body, if the operation takes one.
    package var body: BodyPlan?
    /// What the method returns.
    package var returns: ResponseReturn
    /// Every documented response, sorted by status (codes, then ranges, then `default`).
    package var responses: [ResponsePlan]
    /// The error enum's name, when a documented response throws one of its cases.
    package var errorTypeName: String?
    /// The other forms of the success responses, each a method of its own: typed events, raw bytes as they come.
    package var streams: [StreamPlan] = []
    /// The media types the method itself asks for (`Accept`).
    package var accept: [String] = []
    /// The request body's other media types, each sent by an overload whose body argument has its own label
    /// (`multipartBody:`), so the caller chooses the media type by the argument.
    package var alternateBodies: [AlternateBody] = []
    /// The typed headers of the first success response that declares any (what `…WithHeaders` returns, and what a
    /// server's answer of that status carries).
    package var responseHeaders: ResponseHeadersPlan?
    /// With the server side, the typed headers of every other status that documents headers (a handler answers
    /// with them); a plan's type may be shared with `responseHeaders` or another status's.
    package var otherHeaders: [ResponseHeadersPlan] = []

    /// The typed headers of `status`'s response, when it has them (with the server side, any status documenting
    /// headers; otherwise only `responseHeaders`'s).
    package func headers(of status: ResponseStatus) -> ResponseHeadersPlan? {
        if let headers = responseHeaders, headers.status == status { return headers }
        return otherHeaders.first { $0.status == status }
    }

    /// Whether a `default` response covers every status not listed.
    package var hasDefault: Bool { responses.contains { $0.status == .default } }

    /// Whether the method's signature or its error enum spells a Foundation type (`Date`, `Data`, `URL`…), so the
    /// file that declares them imports Foundation publicly.
    package var signatureUsesFoundation: Bool {
        let errorPayloads = responses.map { response -> SwiftType? in
            if case .throwDocumented(_, let body, _) = response.outcome { body.type } else { nil }
        }
        let spelled = parameters.map(\.type) + [body?.type, returns.swiftType(namespace: "")] + errorPayloads
        return spelled.contains { $0?.needsFoundation == true }
    }
}

/// The typed headers of one response.
package struct ResponseHeadersPlan {
    /// The status whose headers they are.
    package var status: ResponseStatus
    /// The headers struct, declared in the operation's namespace.
    package var type: SwiftType
    /// Its members.
    package var members: [HeaderMemberPlan]
}

/// A method that reads a success response as it arrives.
///
/// ```yaml
/// "200": {content: {application/json: …, text/event-stream: {schema: {$ref: ChunkEvent}}}}
/// ```
/// plans `createChatCompletionStream`, `.events(element: ChunkEvent, framing: .serverSentEvents, …)`.
package struct StreamPlan: Hashable {
    package enum Kind: Hashable {
        /// Each event decoded as `element`; a Server-sent event whose data is `terminator` ends the stream.
        case events(element: SwiftType, framing: EventFraming, terminator: String?)
        /// The body's bytes as they come (`ByteStream`).
        case bytes
    }

    /// The Swift method name (escaped).
    package var name: String
    package var kind: Kind
    /// The media types asked for (`Accept`), in document order.
    package var accept: [String]
    /// The success statuses whose body is streamed.
    package var statuses: [ResponseStatus]
    /// The element's schema (events), for fixtures and the exerciser.
    package var schema: Schema?
    /// The examples of the streamed media type, for fixtures.
    package var examples: [Example] = []

    /// The method's return type.
    package var returnType: String {
        switch kind {
        case .events(let element, _, _): "EventStream<\(element.spelling)>"
        case .bytes: "ByteStream"
        }
    }
}

/// A body of events (a response a server streams, a request body that streams): their type and framing.
package struct EventsPlan: Hashable {
    /// The Swift type of each event (`JSONValue` when the spec gives no schema).
    package var element: SwiftType
    package var framing: EventFraming
    /// The `data` that ends a Server-sent event stream, if any.
    package var terminator: String?
    /// The element's schema, for examples.
    package var schema: Schema

    /// `.serverSentEvents`, `.jsonLines`, `.jsonSequence`: the runtime's `EventStreamFormat`.
    package var format: String {
        switch framing {
        case .serverSentEvents: ".serverSentEvents"
        case .jsonLines: ".jsonLines"
        case .jsonSequence: ".jsonSequence"
        }
    }
}

/// A request body's media type other than the one `body:` sends.
package struct AlternateBody: Hashable {
    /// The argument label (`multipartBody`, `formBody`, `jsonBody`, `textPlainBody`).
    package var label: String
    package var body: BodyPlan
}

/// One parameter of a client method.
package struct ParameterPlan: Hashable {
    /// The name in the spec.
    package var specName: String
    /// The Swift argument name (escaped).
    package var swiftName: String
    /// The type, never optional (optional parameters are `type?` with a `nil` default).
    package var type: SwiftType
    package var isRequired: Bool
    package var location: ParameterLocation
    package var shape: ParameterShape
    package var style: ParameterStyle?
    package var explode: Bool?
    /// The parameter's schema, for building a valid argument.
    package var schema: Schema
    /// `description`, for the method's documentation.
    package var description: String?
    /// How an `in: querystring` parameter (OpenAPI 3.2) writes the whole query string; nil for the others.
    package var queryString: QueryStringEncoding? = nil
}

/// How an `in: querystring` parameter's value becomes the query string, by its `content` media type.
package enum QueryStringEncoding: Hashable {
    /// `application/x-www-form-urlencoded`: written as a form body is, with the media type's `encoding` entries.
    case form(fields: [PropertyEncoding])
    /// A JSON media type: the value's JSON text, percent-encoded.
    case json
    /// Any other media type: a simple value's text, percent-encoded.
    case text
}

/// How a request body is encoded.
package enum BodyEncoding: Hashable {
    /// JSON, sent with this content type.
    case json(contentType: String)
    /// `application/x-www-form-urlencoded`, with the media type's `encoding` entries.
    case formURLEncoded(fields: [PropertyEncoding])
    /// `multipart/form-data`; the named members are bytes sent as file parts; `fields` are the media type's
    /// `encoding` entries (a part's content type).
    case multipart(binaryFields: [String], fields: [PropertyEncoding])
    /// The caller's bytes as they are, with this content type.
    case raw(contentType: String)
}

/// The request body of a client method.
package struct BodyPlan: Hashable {
    package var encoding: BodyEncoding
    /// The type of the `body` argument (`Data` for raw bodies), never optional.
    package var type: SwiftType
    package var isRequired: Bool
    /// The schema, for building a valid argument (nil for raw bodies).
    package var schema: Schema?
    /// A JSON body whose schema allows `null` (GitHub's `issues/lock`): the argument is optional, whatever
    /// `required` says, and the server reads a `null` body as `nil`. `nil` sends no body, or `null` where the body
    /// is required (`sendsNull`).
    package var allowsNull = false
    /// A required JSON body that may be `null`: `nil` is sent as JSON `null` (GitHub's `repos/create-pages-site`).
    package var sendsNull = false
    /// With the server side, the events of a raw body whose media type is an event stream.
    package var events: EventsPlan? = nil

    /// The type of the server's `Input` field: a raw body as it comes (`ByteStream`), or its events decoded as
    /// they come (`EventStream<Element>`); others as the client sends them.
    package var serverType: SwiftType {
        if let events { return .named("EventStream<\(events.element.spelling)>") }
        if case .raw = encoding { return .named("ByteStream") }
        return type
    }
}

/// What a response carries.
package enum ResponseBody: Hashable {
    /// No content.
    case none
    /// JSON decoded as this type.
    case json(SwiftType)
    /// Other content (files, text, JSON without a schema): the bytes as they came.
    case bytes
}

/// What a client method returns.
package enum ResponseReturn: Hashable {
    /// `Void`: no success response has content.
    case nothing
    /// Every success with content has this body, and every success has content.
    case value(ResponseBody)
    /// Every success with content has this body; the others return `nil`.
    case optionalValue(ResponseBody)
    /// Successes differ: an enum (named `Output` in the operation's namespace) with a case per success status.
    case choice(enumName: String)
}

/// What the client does when a documented status arrives.
package enum ResponseOutcome: Hashable {
    /// `return` (the method returns `Void`).
    case returnNothing
    /// Decode the body as the return type and return it (wrapped when the return type is optional).
    case returnBody(ResponseBody)
    /// Return `nil` (an optional return type, and this success has no content).
    case returnNil
    /// Return a case of the `Output` enum, with this payload.
    case returnCase(caseName: String, body: ResponseBody)
    /// Throw the case of the operation's error enum; `carriesStatus` for ranges and `default`, which cover many.
    case throwDocumented(caseName: String, body: ResponseBody, carriesStatus: Bool)
}

/// One documented response and what the client does with it.
package struct ResponsePlan: Hashable {
    package var status: ResponseStatus
    package var description: String
    package var body: ResponseBody
    package var outcome: ResponseOutcome
    /// With the server side, the events a handler streams, when the media type it answers is an event stream.
    package var events: EventsPlan? = nil
    /// With the server side, the events of an event stream the status offers beside JSON (OpenAI's chat completions:
    /// `application/json` or `text/event-stream`): a handler answers with either (`okStream`).
    package var streamAlternative: EventsPlan? = nil

    /// The type a server's handler answers with: its events as they are produced (`EventBody<Element>`), bytes as
    /// they come (`ByteStream`), or the decoded body's type.
    package var serverType: SwiftType? {
        if let events { return .named("EventBody<\(events.element.spelling)>") }
        if case .bytes = body { return .named("ByteStream") }
        return body.type
    }
}

extension ResponseBody {
    /// The Swift type of the payload (`nil` for no content).
    package var type: SwiftType? {
        switch self {
        case .none: nil
        case .json(let type): type
        case .bytes: .data
        }
    }
}

extension ResponseReturn {
    /// The method's return type, spelled in `namespace` (`Operations.GetThing.`) for the `Output` enum.
    package func swiftType(namespace: String) -> SwiftType? {
        switch self {
        case .nothing: nil
        case .value(let body): body.type
        case .optionalValue(let body): body.type?.optional
        case .choice(let name): .named(name, qualifier: namespace)
        }
    }

    /// The return type's spelling (`Void` when there is none).
    package func spelling(namespace: String) -> String {
        swiftType(namespace: namespace)?.spelling ?? "Void"
    }
}

package enum ResponsePlanner {
    /// The return shape and each response's outcome, from the responses' bodies.
    ///
    /// - Parameters:
    ///   - responses: Status, description and body of each documented response, sorted.
    ///   - outputName: The name of the enum returned when successes differ.
    package static func plan(
        _ responses: [(status: ResponseStatus, description: String, body: ResponseBody)],
        outputName: String = "Output"
    ) -> (ResponseReturn, [ResponsePlan]) {
        let successes = responses.filter { $0.status.isSuccess }
        var bodied: [ResponseBody] = []
        for success in successes where success.body != .none && !bodied.contains(success.body) {
            bodied.append(success.body)
        }
        let hasEmptySuccess = successes.contains { $0.body == .none }
        let returns: ResponseReturn
        switch bodied.count {
        case 0: returns = .nothing
        case 1: returns = hasEmptySuccess ? .optionalValue(bodied[0]) : .value(bodied[0])
        default: returns = .choice(enumName: outputName)
        }
        let plans = responses.map { response -> ResponsePlan in
            let outcome: ResponseOutcome
            if response.status.isSuccess {
                switch returns {
                case .nothing: outcome = .returnNothing
                case .value, .optionalValue: outcome = response.body == .none ? .returnNil : .returnBody(response.body)
                case .choice: outcome = .returnCase(caseName: HTTPStatus.name(response.status), body: response.body)
                }
            } else {
                let carriesStatus: Bool
                switch response.status {
                case .code: carriesStatus = false
                case .range, .default: carriesStatus = true
                }
                outcome = .throwDocumented(
                    caseName: HTTPStatus.name(response.status), body: response.body,
                    carriesStatus: carriesStatus)
            }
            return ResponsePlan(
                status: response.status, description: response.description, body: response.body,
                outcome: outcome)
        }
        return (returns, plans)
    }
}
