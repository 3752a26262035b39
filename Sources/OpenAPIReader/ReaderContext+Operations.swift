import APIModel
import Diagnostics
import YAMLNodes

extension ReaderContext {
    func readPaths(_ node: YAMLNode, schemes: [SecurityScheme]) -> [APIModel.Operation] {
        guard let pathPairs = pairs(of: node, "'paths'", known: nil) else { return [] }
        var operations: [APIModel.Operation] = []
        var operationIDs: [String: SourceLocation] = [:]
        for pair in pathPairs {
            let path = pair.key.scalar?.text ?? ""
            if path.hasPrefix("x-") { continue }
            let pathPointer = "#/paths/" + Self.escapePointerSegment(path)
            // A path item by reference is read in its own file, so its relative references resolve from there.
            let items: [(APIModel.Operation, SourceLocation)]
            if let ref = pair.value["$ref"] {
                let keyLocation = location(pair.key)
                items =
                    withReference(ref) { target, pointer in
                        readPathItem(target, path: path, pointer: pointer, keyLocation: keyLocation, schemes: schemes)
                    } ?? []
            } else {
                items = readPathItem(
                    pair.value, path: path, pointer: pathPointer, keyLocation: location(pair.key), schemes: schemes)
            }
            for (operation, idLocation) in items {
                if let id = operation.operationID {
                    if let first = operationIDs[id] {
                        emit(.duplicateOperationID(id, at: idLocation, firstAt: first))
                    } else {
                        operationIDs[id] = idLocation
                    }
                }
                operations.append(operation)
            }
        }
        return operations
    }

    /// The operations of one path item, each with where its operationId is written.
    func readPathItem(
        _ item: YAMLNode, path: String, pointer pathPointer: String, keyLocation: SourceLocation,
        schemes: [SecurityScheme]
    ) -> [(APIModel.Operation, SourceLocation)] {
        guard pairs(of: item, "path item '\(path)'", known: KnownKeys.pathItem, object: "pathItem") != nil else {
            return []
        }
        var operations: [(APIModel.Operation, SourceLocation)] = []
        let shared = readParameters(item["parameters"], path: pathPointer + "/parameters")
        let pathServers = readServers(item["servers"])
        // 3.2 adds `query` and `additionalOperations` (any other method, by its name as sent).
        var methods = HTTPMethod.allCases.map { ($0, item[$0.rawValue], pathPointer + "/" + $0.rawValue) }
        if is32 {
            methods.append((.query, item["query"], pathPointer + "/query"))
            methods += additionalOperations(
                item["additionalOperations"], pointer: pathPointer + "/additionalOperations")
        }
        for (method, node, pointer) in methods {
            guard let operationNode = node else { continue }
            let read: (YAMLNode, String) -> APIModel.Operation? = { node, pointer in
                self.readOperation(
                    node, method: method, path: path, pointer: pointer, shared: shared,
                    keyLocation: keyLocation, schemes: schemes)
            }
            let operation: APIModel.Operation?
            if let ref = operationNode["$ref"] {
                // Not in the OpenAPI grammar, but common in multi-file specs: the whole operation in another file.
                operation = withReference(ref, read)
            } else {
                operation = read(operationNode, pointer)
            }
            guard var operation else { continue }
            if operation.servers.isEmpty { operation.servers = pathServers }
            operations.append((operation, operation.operationIDLocation ?? operation.location))
        }
        return operations
    }

    /// The operations of a 3.2 Path Item's `additionalOperations`, each method kept as written; a method the Path
    /// Item has a field for (`GET`, `query`) is an error there.
    func additionalOperations(_ node: YAMLNode?, pointer: String) -> [(HTTPMethod, YAMLNode?, String)] {
        guard let node, let pairs = pairs(of: node, "'additionalOperations'", known: nil) else { return [] }
        let fixed = Set((HTTPMethod.allCases + [.query]).map(\.rawValue))
        return pairs.compactMap { pair in
            let name = pair.key.scalar?.text ?? ""
            guard !fixed.contains(name.lowercased()) else {
                emit(.fixedMethodInAdditionalOperations(name, at: location(pair.key)))
                return nil
            }
            guard Self.isMethodToken(name) else {
                emit(.notAMethod(name, at: location(pair.key)))
                return nil
            }
            return (HTTPMethod(name, isAdditional: true), pair.value, pointer + "/" + Self.escapePointerSegment(name))
        }
    }

    /// Whether `name` is an HTTP method: a token (RFC 9110 §5.6.2).
    static func isMethodToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
            }
    }

    func readOperation(
        _ node: YAMLNode, method: HTTPMethod, path: String, pointer: String, shared: [Parameter],
        keyLocation: SourceLocation, schemes: [SecurityScheme]
    ) -> APIModel.Operation? {
        let what = "operation '\(method.wireName) \(path)'"
        guard pairs(of: node, what, known: KnownKeys.operation) != nil else { return nil }
        var parameters = shared
        for parameter in readParameters(node["parameters"], path: pointer + "/parameters") {
            // An operation parameter overrides a path-level one with the same name and location.
            if let index = parameters.firstIndex(where: {
                $0.name == parameter.name && $0.location == parameter.location
            }) {
                parameters[index] = parameter
            } else {
                parameters.append(parameter)
            }
        }
        parameters = checkPathTemplate(path, parameters: parameters, at: keyLocation)

        var responses: [Response] = []
        if let responsesNode = node["responses"] {
            responses = readResponses(responsesNode, pointer: pointer + "/responses")
        } else if openAPIVersion.hasPrefix("3.0") {
            // Required in 3.0; optional since 3.1.
            emit(.missingKey("responses", in: what, at: location(node)))
        }
        if let callbacks = node["callbacks"] { emit(.unsupported("'callbacks'", at: location(callbacks))) }
        let pagination = node["x-pagination"].flatMap { readPagination($0, parameters: parameters) }

        return APIModel.Operation(
            operationID: string(node["operationId"], "'operationId'"),
            operationIDLocation: node["operationId"].map(location),
            method: method,
            path: path,
            summary: string(node["summary"], "'summary'"),
            description: string(node["description"], "'description'"),
            tags: stringList(node["tags"], "'tags'"),
            isDeprecated: node["deprecated"].flatMap { bool($0, "'deprecated'") } ?? false,
            parameters: parameters,
            requestBody: node["requestBody"].flatMap { readRequestBody($0, pointer: pointer + "/requestBody") },
            responses: responses,
            security: readSecurity(node["security"], schemes: schemes),
            servers: readServers(node["servers"]),
            pagination: pagination,
            location: location(node),
            specPath: pointer
        )
    }

    func readPagination(_ node: YAMLNode, parameters: [Parameter]) -> Pagination? {
        let what = "'x-pagination'"
        let known: Set<String> = ["name", "cursorParameter", "items", "cursorField", "cursorFieldParameter"]
        guard pairs(of: node, what, known: known) != nil,
            let cursor = requiredString(node, "cursorParameter", in: what),
            let items = requiredString(node, "items", in: what),
            let field = requiredString(node, "cursorField", in: what)
        else { return nil }
        let fieldParameter = string(node["cursorFieldParameter"], "'cursorFieldParameter'")
        for (name, valueNode) in [(cursor, node["cursorParameter"]), (fieldParameter, node["cursorFieldParameter"])] {
            guard let name else { continue }
            if !parameters.contains(where: { $0.name == name && $0.location == .query }) {
                emit(.paginationParameterNotInQuery(name, at: location(valueNode ?? node)))
                return nil
            }
        }
        return Pagination(
            name: string(node["name"], "'name'"), cursorParameter: cursor, itemsProperty: items,
            cursorField: field, cursorFieldParameter: fieldParameter, location: location(node))
    }

    /// Every `{name}` of the path needs a path parameter, and every path parameter a `{name}`; `pathKey` is where
    /// the path is written (the template's mistakes are reported there). A `{name}` without a parameter is a
    /// warning, and the operation gets a required `String` path parameter for it (the spec's intent is plain).
    func checkPathTemplate(_ path: String, parameters: [Parameter], at pathKey: SourceLocation) -> [Parameter] {
        var parameters = parameters
        var variables: [String] = []
        var rest = path[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            variables.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        // A declared path parameter the template does not use has nowhere to go: dropped, with a warning.
        for parameter in parameters where parameter.location == .path && !variables.contains(parameter.name) {
            emit(.pathParameterNotInTemplate(parameter.name, path: path, at: parameter.sourceLocation))
        }
        parameters.removeAll { $0.location == .path && !variables.contains($0.name) }
        let pathParameters = parameters.filter { $0.location == .path }
        for variable in variables where !pathParameters.contains(where: { $0.name == variable }) {
            emit(.templateVariableWithoutParameter(variable, path: path, at: pathKey))
            parameters.append(
                Parameter(
                    name: variable, location: .path, isRequired: true,
                    schema: Schema(
                        kind: .string(format: nil), location: pathKey,
                        specPath: "#/paths/" + Self.escapePointerSegment(path)),
                    description: nil, style: nil, explode: nil, isDeprecated: false, sourceLocation: pathKey))
        }
        return parameters
    }

    func readParameters(_ node: YAMLNode?, path: String) -> [Parameter] {
        guard let items = list(node, "'parameters'") else { return [] }
        if is32 { checkQueryString(items) }
        return items.enumerated().compactMap { index, item in
            if let ref = item["$ref"] {
                return withReference(ref) { target, ref in
                    readParameter(target, path: ref, referencedAt: ref.isEmpty ? nil : item)
                }
            }
            return readParameter(item, path: "\(path)/\(index)", referencedAt: nil)
        }
    }

    /// 3.2: at most one `in: querystring` parameter in a list, and none beside `in: query` ones (the whole query
    /// string is the one value). References are followed to read where each parameter goes.
    func checkQueryString(_ items: [YAMLNode]) {
        let places: [(node: YAMLNode, place: String)] = items.compactMap { item in
            let node = item["$ref"].flatMap { withReference($0) { target, _ in target } } ?? item
            return node["in"]?.scalar.map { (item, $0.text) }
        }
        let whole = places.filter { $0.place == "querystring" }
        for extra in whole.dropFirst() {
            emit(.secondQueryString(at: location(extra.node)))
        }
        if let first = whole.first, places.contains(where: { $0.place == "query" }) {
            emit(.queryStringBesideQuery(at: location(first.node)))
        }
    }

    func readParameter(_ node: YAMLNode, path: String, referencedAt: YAMLNode?) -> Parameter? {
        guard pairs(of: node, "a parameter", known: KnownKeys.parameter) != nil,
            let name = requiredString(node, "name", in: "a parameter"),
            let placeText = requiredString(node, "in", in: "parameter '\(name)'")
        else { return nil }
        // `querystring` is 3.2's; in 3.0 and 3.1 it is no location.
        guard let place = ParameterLocation(rawValue: placeText), place != .querystring || is32 else {
            let names = ParameterLocation.allCases.filter { $0 != .querystring || is32 }.map(\.rawValue)
            emit(
                .unknownValue(
                    placeText, of: "'in' of parameter '\(name)'", expected: names,
                    suggestion: KnownKeys.suggestion(for: placeText, in: Set(names)), at: location(node["in"] ?? node)))
            return nil
        }
        if is32, let allow = node["allowEmptyValue"] {
            emit(.deprecated32("'allowEmptyValue'", in: "parameter '\(name)'", at: location(allow)))
        }
        var schema: Schema
        var content: MediaType?
        if place == .querystring, node["schema"] != nil || node["content"] == nil {
            // The whole query string is serialized by a media type: `content` it must have, `schema` it may not.
            emit(.queryStringWithoutContent(name, at: location(node["schema"] ?? node)))
            return nil
        }
        if let schemaNode = node["schema"] {
            schema = readSchema(schemaNode, path: path + "/schema")
        } else if let contentNode = node["content"],
            let first = readContent(contentNode, pointer: path + "/content").first
        {
            content = first
            schema = first.schema ?? Schema(kind: .string(format: nil), location: location(node), specPath: path)
        } else {
            emit(.missingKey("schema", in: "parameter '\(name)'", at: location(node)))
            schema = Schema(kind: .string(format: nil), location: location(node), specPath: path)
        }
        let required = node["required"].flatMap { bool($0, "'required'") } ?? false
        if place == .path && !required {
            emit(.pathParameterNotRequired(name, at: location(node["required"] ?? node)))
        }
        return Parameter(
            name: name,
            location: place,
            isRequired: place == .path || required,
            schema: schema,
            description: string(node["description"], "'description'"),
            style: readStyle(node["style"], parameter: name, in: place),
            explode: node["explode"].flatMap { bool($0, "'explode'") },
            isDeprecated: node["deprecated"].flatMap { bool($0, "'deprecated'") } ?? false,
            sourceLocation: location(referencedAt ?? node),
            content: content
        )
    }

    /// A parameter's `style`: nil when absent; a style OpenAPI does not define, or does not allow where the
    /// parameter goes, is a warning, and the parameter is sent in its location's default style.
    func readStyle(_ node: YAMLNode?, parameter name: String, in place: ParameterLocation) -> ParameterStyle? {
        guard let node, let text = string(node, "'style'") else { return nil }
        let defaultStyle = ParameterStyle.defaultStyle(for: place).rawValue
        // `cookie` is 3.2's; in 3.0 and 3.1 it is no style.
        let styles = ParameterStyle.allCases.filter { $0 != .cookie || is32 }
        guard let style = ParameterStyle(rawValue: text), styles.contains(style) else {
            let names = Set(styles.map(\.rawValue))
            emit(
                .unknownStyle(
                    text, parameter: name, suggestion: KnownKeys.suggestion(for: text, in: names),
                    defaultStyle: defaultStyle, at: location(node)))
            return nil
        }
        guard style.isAllowed(in: place) else {
            let allowed = styles.filter { $0.isAllowed(in: place) }.map(\.rawValue)
            emit(
                .styleNotAllowed(
                    text, parameter: name, location: place.rawValue, allowed: allowed,
                    defaultStyle: defaultStyle, at: location(node)))
            return nil
        }
        return style
    }

    func readRequestBody(_ node: YAMLNode, pointer: String) -> RequestBody? {
        if let ref = node["$ref"] {
            return withReference(ref) { target, ref in readRequestBody(target, pointer: ref) }
        }
        guard pairs(of: node, "'requestBody'", known: KnownKeys.requestBody) != nil else { return nil }
        let content: [MediaType]
        if let contentNode = node["content"] {
            content = readContent(contentNode, pointer: pointer + "/content")
        } else {
            emit(.missingKey("content", in: "'requestBody'", at: location(node)))
            content = []
        }
        return RequestBody(
            description: string(node["description"], "'description'"),
            isRequired: node["required"].flatMap { bool($0, "'required'") } ?? false,
            content: content,
            location: location(node)
        )
    }

}
