package import APIModel
import Diagnostics
import Foundation

// How an operation's responses are planned: their bodies, typed headers, outputs and what the client reads.

extension OperationPlanner {
    /// What a response's body is read as: its JSON type, its bytes (files, text, JSON without a schema), or nothing.
    package func responseBody(_ response: Response, in scope: inout OperationTypeScope) -> ResponseBody {
        if let schema = Self.jsonSchema(of: response) {
            return .json(
                spell(schema, suggested: SwiftNaming.typeName(HTTPStatus.name(response.status)) + "Body", in: &scope))
        }
        return response.content.isEmpty ? .none : .bytes
    }

    /// The typed headers of the first success response that declares any, declared in the namespace.
    package func headersDeclaration(
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
    package func otherStatusHeaders(
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
    package func headersDeclaration(
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
    package func outputDeclaration(
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
    package func parameterShape(_ schema: Schema, type: SwiftType) -> ParameterShape? {
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
    package static func payloadExpression(_ body: ResponseBody) -> String {
        switch body {
        case .none: "()"
        case .bytes: "response.body"
        case .json(let type): "try decode(\(type.spelling).self, from: response)"
        }
    }

    package func statusLabel(_ status: ResponseStatus) -> String {
        HTTPStatus.label(status)
    }

    /// A header's Swift type and the expression that reads it from `response` (simple types are parsed; anything
    /// else is kept as its text).
    package func headerReading(
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
    package enum FormKind { case urlEncoded, multipart }

    /// The schema of a response's JSON body, which the client decodes into a type.
    package static func jsonSchema(of response: Response) -> Schema? {
        response.content.first(where: \.isJSON)?.schema
    }

    /// The media type of a request body the client sends: JSON first, then forms, then raw bytes.
    package static func bodyMedia(of requestBody: RequestBody) -> MediaType? {
        requestBody.content.first(where: \.isJSON)
            ?? requestBody.content.first(where: { formKind($0.contentType) != nil }) ?? requestBody.content.first
    }

    package static func formKind(_ contentType: String) -> FormKind? {
        let base =
            contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/x-www-form-urlencoded": return .urlEncoded
        case "multipart/form-data": return .multipart
        default: return nil
        }
    }

    /// The JSON names of an object's properties that are raw bytes (`format: binary`), sent as file parts.
    package func binaryProperties(_ schema: Schema?) -> [String] {
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
