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
                InputField(name: "body", type: body.isRequired && others.isEmpty ? body.type : body.type.optional))
            fields += others.map { InputField(name: $0.label, type: $0.body.type.optional, alternate: $0) }
        }
        return fields
    }

    /// The request body's other media types whose Swift type is not the body's: each is a field of its own (one of
    /// the same type is read into `body`).
    package var separateBodies: [AlternateBody] {
        guard let body = body else { return [] }
        return alternateBodies.filter { $0.body.type != body.type }
    }

    /// A `Response` case's associated values, as declared: the status for ranges and `default`, the body's type,
    /// the typed headers of the status that declares them.
    package func responsePayload(_ response: ResponsePlan) -> [String] {
        var payload: [String] = []
        switch response.status {
        case .code: break
        case .range, .default: payload.append("statusCode: Int")
        }
        if let type = response.body.type { payload.append(type.spelling) }
        if let typed = headers(of: response.status) { payload.append("headers: \(typed.type.spelling) = .init()") }
        return payload
    }
}
