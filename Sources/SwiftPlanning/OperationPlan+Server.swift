internal import APIModel

// The server side's shape of an operation, which the server's view and the API surface both read: the stored
// properties of its `Input` and the associated values of its `Response` cases.

/// A stored property of an operation's `Input`.
package struct InputField {
    /// The Swift name (escaped).
    package var name: String
    /// Optional unless the parameter or body is required.
    package var type: SwiftType
    /// The parameter it holds; `nil` for a body.
    package var parameter: ParameterPlan?
    /// The request body's other media type it holds (`multipartBody`); `nil` for a parameter or `body`.
    package var alternate: AlternateBody?
}

extension OperationPlan {
    /// The `Input`'s stored properties: each parameter in the method's order, then the body, then each of the
    /// body's other media types whose Swift type differs, under the client's argument label (`multipartBody`).
    /// A request carries one of the bodies, so with such others each is optional.
    package var inputFields: [InputField] {
        var fields = parameters.map {
            InputField(name: $0.swiftName, type: $0.isRequired ? $0.type : $0.type.optional, parameter: $0)
        }
        if let body = body {
            let others = separateBodies
            fields.append(
                InputField(
                    name: "body", type: body.isRequired && others.isEmpty ? body.serverType : body.serverType.optional))
            fields += others.map { InputField(name: $0.label, type: $0.body.serverType.optional, alternate: $0) }
        }
        return fields
    }

    /// The request body's other media types whose Swift type is not the body's: each is a field of its own (one of
    /// the same type is read into `body`).
    package var separateBodies: [AlternateBody] {
        guard let body = body else { return [] }
        return alternateBodies.filter { $0.body.serverType != body.serverType }
    }

    /// Whether the server's `Input` or `Response` spells a Foundation type (`Date`, `Data`, `URL`…), so the file
    /// that declares them imports Foundation publicly.
    package var serverSignatureUsesFoundation: Bool {
        let spelled = inputFields.map(\.type) + responses.map(\.serverType)
        return spelled.contains { $0?.needsFoundation == true }
    }

    /// Whether the `Input` holds a body that streams (it is then not `Equatable`).
    package var streamsInput: Bool {
        guard let body else { return false }
        return ([body] + separateBodies.map(\.body)).contains { $0.serverType != $0.type }
    }

    /// A `Response` case's associated values, as declared: the status for ranges and `default`, the body's type
    /// (with `streamed`, the `EventBody` of the event stream offered beside JSON), the typed headers of the status
    /// that declares them.
    package func responsePayload(_ response: ResponsePlan, streamed: Bool = false) -> [String] {
        var payload: [String] = []
        switch response.status {
        case .code: break
        case .range, .default: payload.append("statusCode: Int")
        }
        if streamed, let events = response.streamAlternative {
            payload.append("EventBody<\(events.element.spelling)>")
        } else if let type = response.serverType {
            payload.append(type.spelling)
        }
        if let typed = headers(of: response.status) { payload.append("headers: \(typed.type.spelling) = .init()") }
        return payload
    }
}
