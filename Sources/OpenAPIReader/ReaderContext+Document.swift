import APIModel
import Diagnostics
import YAMLNodes

extension ReaderContext {
    func readDocument() -> APIDocument? {
        guard let version = readVersion() else { return nil }
        _ = pairs(of: root, "the OpenAPI document", known: KnownKeys.document, object: "document")
        if is32 {
            checkTags(root["tags"])
            readSelf(root["$self"])
        }

        let components =
            root["components"].flatMap {
                pairs(of: $0, "'components'", known: KnownKeys.components, object: "components")
            } ?? []
        let schemaPairs =
            components.first { $0.key.string == "schemas" }
            .flatMap { pairs(of: $0.value, "'components.schemas'", known: nil) } ?? []
        componentSchemaNames = Set(schemaPairs.compactMap { $0.key.scalar?.text })

        let info = readInfo()
        let servers = readServers(root["servers"])
        let securitySchemes = readSecuritySchemes(components.first { $0.key.string == "securitySchemes" }?.value)
        let security = readSecurity(root["security"], schemes: securitySchemes) ?? []
        let schemas = schemaPairs.map { pair -> NamedSchema in
            let name = pair.key.scalar?.text ?? ""
            let path = "#/components/schemas/" + Self.escapePointerSegment(name)
            return NamedSchema(name: name, schema: readSchema(pair.value, path: path))
        }
        checkAliasCycles(schemas + externalSchemas)
        var operations: [APIModel.Operation] = []
        if let paths = root["paths"] {
            operations = readPaths(paths, schemes: securitySchemes)
        } else if root["webhooks"] == nil && root["components"] == nil {
            // 3.0 requires paths; 3.1 one of paths, components and webhooks, and a document that starts with
            // `info` and `servers` alone (Apple's tutorial does) is a client without operations yet.
            emit(
                openAPIVersion.hasPrefix("3.0")
                    ? .missingKey("paths", in: "the OpenAPI document", at: location(root))
                    : .nothingToGenerate(at: location(root)))
        }
        if let webhooks = root["webhooks"] {
            emit(.unsupported("'webhooks'", at: location(webhooks)))
        }
        // Sorted: the source is a dictionary.
        for (name, remote) in remoteSecuritySchemes.sorted(by: { $0.key < $1.key })
        where !usedRemoteSecuritySchemes.contains(name) {
            emit(.remoteReference(remote.ref, isNeeded: false, at: remote.location))
        }
        return APIDocument(
            openAPIVersion: version,
            info: info,
            servers: servers,
            // Schemas of other files follow the spec's own, in the order they were first referenced.
            schemas: schemas + externalSchemas,
            operations: operations,
            securitySchemes: securitySchemes,
            security: security
        )
    }

    /// The document's `openapi` version, when it is a document gen reads (a mapping, not Swagger 2.0, 3.0 or 3.1).
    private func readVersion() -> String? {
        guard root.pairs != nil else {
            emit(
                .wrongType(
                    "an OpenAPI document", expected: "a mapping with 'openapi', 'info' and 'paths'",
                    found: root.kindDescription, at: location(root)))
            return nil
        }
        if let swagger = root["swagger"] {
            emit(.swagger2(at: location(swagger)))
            return nil
        }
        guard let versionNode = root["openapi"] else {
            emit(.missingKey("openapi", in: "the OpenAPI document", at: location(root)))
            return nil
        }
        let version = string(versionNode, "'openapi'") ?? ""
        openAPIVersion = version
        guard version.hasPrefix("3.0") || version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
            emit(.unsupportedVersion(version, at: location(versionNode)))
            return nil
        }
        return version
    }

    /// Named schemas that only refer to each other (`A: {$ref: B}`, `B: {$ref: A}`) define nothing: each cycle is
    /// an error, reported once at the member written first.
    func checkAliasCycles(_ schemas: [NamedSchema]) {
        var targets: [String: String] = [:]
        for named in schemas {
            if case .reference(let ref) = named.schema.kind { targets[named.name] = ref.name }
        }
        var reported = Set<String>()
        for named in schemas where targets[named.name] != nil && !reported.contains(named.name) {
            guard let chain = Self.cycle(from: named.name, next: { targets[$0] }) else { continue }
            reported.formUnion(chain)
            emit(.schemaCycle(chain + [named.name], at: named.schema.location))
        }
    }

    /// The names met following `next` from `start` when they come back to `start` (`[start, …]`, without the
    /// return), or nil when the walk ends or enters a cycle `start` is not part of.
    static func cycle(from start: String, next: (String) -> String?) -> [String]? {
        var chain = [start]
        var current = next(start)
        while let name = current, !chain.contains(name) {
            chain.append(name)
            current = next(name)
        }
        return current == start ? chain : nil
    }

    func readInfo() -> Info {
        guard let node = root["info"] else {
            emit(.missingKey("info", in: "the OpenAPI document", at: location(root)))
            return Info(title: "API", version: "", description: nil)
        }
        guard pairs(of: node, "'info'", known: KnownKeys.info) != nil else {
            return Info(title: "API", version: "", description: nil)
        }
        return Info(
            title: requiredString(node, "title", in: "'info'") ?? "API",
            version: requiredString(node, "version", in: "'info'") ?? "",
            description: string(node["description"], "'description'")
        )
    }

    func readServers(_ node: YAMLNode?) -> [Server] {
        guard let items = list(node, "'servers'") else { return [] }
        return items.compactMap { item in
            guard pairs(of: item, "a server", known: KnownKeys.server, object: "server") != nil,
                let url = requiredString(item, "url", in: "a server")
            else { return nil }
            var variables: [ServerVariable] = []
            if let vars = item["variables"], let varPairs = pairs(of: vars, "'variables'", known: nil) {
                for pair in varPairs {
                    let name = pair.key.scalar?.text ?? ""
                    guard pairs(of: pair.value, "server variable '\(name)'", known: KnownKeys.serverVariable) != nil
                    else { continue }
                    let defaultValue = requiredString(pair.value, "default", in: "server variable '\(name)'") ?? ""
                    if let values = pair.value["enum"], values.items?.isEmpty == true {
                        emit(.emptyServerVariableEnum(name, at: location(values)))
                    }
                    variables.append(
                        ServerVariable(
                            name: name,
                            defaultValue: defaultValue,
                            allowedValues: stringList(pair.value["enum"], "'enum'"),
                            description: string(pair.value["description"], "'description'")
                        ))
                }
            }
            return Server(
                url: url, description: string(item["description"], "'description'"), variables: variables,
                location: location(item), name: is32 ? string(item["name"], "'name'") : nil)
        }
    }

    func readSecuritySchemes(_ node: YAMLNode?) -> [SecurityScheme] {
        guard let node, let schemePairs = pairs(of: node, "'components.securitySchemes'", known: nil) else { return [] }
        return schemePairs.compactMap { pair in
            let name = pair.key.scalar?.text ?? ""
            let what = "security scheme '\(name)'"
            if let ref = pair.value["$ref"], isRemote(ref) {
                // Needed only if a requirement names it (see readSecurity); a warning until then.
                remoteSecuritySchemes[name] = (ref.scalar?.text ?? "", location(ref))
                return nil
            }
            let resolved: YAMLNode? =
                pair.value["$ref"].map { ref in withReference(ref) { target, _ in target } } ?? pair.value
            guard let value = resolved,
                pairs(of: value, what, known: KnownKeys.securityScheme, object: "securityScheme") != nil,
                let type = requiredString(value, "type", in: what)
            else { return nil }
            let kind: SecurityScheme.Kind
            switch type {
            case "http":
                let scheme = HTTPAuthenticationScheme(requiredString(value, "scheme", in: what) ?? "bearer")
                kind = .http(scheme: scheme, bearerFormat: string(value["bearerFormat"], "'bearerFormat'"))
            case "apiKey":
                let keyName = requiredString(value, "name", in: what) ?? name
                let locationText = requiredString(value, "in", in: what) ?? "header"
                guard let paramLocation = ParameterLocation(rawValue: locationText), paramLocation != .path else {
                    let names = ["header", "query", "cookie"]
                    emit(
                        .unknownValue(
                            locationText, of: "'in' of \(what)", expected: names,
                            suggestion: KnownKeys.suggestion(for: locationText, in: Set(names)),
                            at: location(value["in"] ?? value)))
                    return nil
                }
                kind = .apiKey(name: keyName, location: paramLocation)
            case "oauth2": kind = .oauth2
            case "openIdConnect": kind = .openIDConnect
            case "mutualTLS": kind = .mutualTLS
            default:
                let names = ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"]
                emit(
                    .unknownValue(
                        type, of: "'type' of \(what)", expected: names,
                        suggestion: KnownKeys.suggestion(for: type, in: Set(names)),
                        at: location(value["type"] ?? value)))
                return nil
            }
            var scheme = SecurityScheme(
                name: name, kind: kind, description: string(value["description"], "'description'"),
                location: location(pair.key))
            if is32 {
                scheme.isDeprecated = value["deprecated"].flatMap { bool($0, "'deprecated'") } ?? false
                scheme.oauth2MetadataURL = string(value["oauth2MetadataUrl"], "'oauth2MetadataUrl'")
            }
            return scheme
        }
    }

    /// 3.2's `$self`, the entry document's URI (Appendix F): references that name it, or URIs below its folder,
    /// resolve to the spec's own files, as relative references do. A relative `$self` changes nothing gen reads
    /// (references are resolved from where the files are); one with a fragment is an error OpenAPI defines.
    func readSelf(_ node: YAMLNode?) {
        guard let node, let text = string(node, "'$self'") else { return }
        if text.contains("#") {
            emit(.selfWithFragment(text, at: location(node)))
            return
        }
        if let scheme = text.firstIndex(of: ":"), text[text.index(after: scheme)...].hasPrefix("//") {
            selfURI = text
        }
    }

    /// 3.2's nested tags: a `parent` that names no tag, or a chain of parents that comes back to a tag, is a
    /// located warning (gen groups nothing by tags; the tree is documentation).
    func checkTags(_ node: YAMLNode?) {
        guard let items = list(node, "'tags'") else { return }
        var parents: [String: (parent: String, at: YAMLNode)] = [:]
        var names: Set<String> = []
        for item in items {
            guard pairs(of: item, "a tag", known: KnownKeys.tag) != nil, let name = string(item["name"], "'name'")
            else { continue }
            names.insert(name)
            if let parentNode = item["parent"], let parent = string(parentNode, "'parent'") {
                parents[name] = (parent, parentNode)
            }
        }
        var reported: Set<String> = []
        for item in items {
            guard let name = item["name"]?.scalar?.text, let (parent, at) = parents[name] else { continue }
            guard names.contains(parent) else {
                emit(.unknownParentTag(parent, of: name, at: location(at)))
                continue
            }
            if !reported.contains(name), let chain = Self.cycle(from: name, next: { parents[$0]?.parent }) {
                reported.formUnion(chain)
                emit(.tagCycle(chain + [name], at: location(at)))
            }
        }
    }

    func readSecurity(_ node: YAMLNode?, schemes: [SecurityScheme]) -> [SecurityRequirement]? {
        guard let node else { return nil }
        if node.isNull {
            emit(.emptyValue("'security'", at: location(node)))
            return nil
        }
        guard let items = node.items else {
            emit(
                .wrongType(
                    "'security'", expected: "a list of requirements", found: node.kindDescription, at: location(node)))
            return nil
        }
        let known = Set(schemes.map(\.name))
        let requirements: [SecurityRequirement] = items.compactMap { item in
            guard let requirementPairs = pairs(of: item, "a security requirement", known: nil) else { return nil }
            var names: [String] = []
            var isMet = true
            for pair in requirementPairs {
                var name = pair.key.scalar?.text ?? ""
                // 3.2: a key may be the URI of a scheme (`#/components/securitySchemes/token`, or that pointer in
                // the URI of `$self`) rather than its name.
                let prefix = "#/components/securitySchemes/"
                let uri = besideSelf(name).flatMap { $0.file == specFile ? $0.pointer : nil } ?? name
                if is32, !known.contains(name), uri.hasPrefix(prefix) {
                    name = Self.unescapePointerSegment(String(uri.dropFirst(prefix.count)))
                }
                if let remote = remoteSecuritySchemes[name] {
                    usedRemoteSecuritySchemes.insert(name)
                    emit(.remoteReference(remote.ref, isNeeded: true, at: remote.location))
                    continue
                }
                if !known.contains(name) {
                    // A requirement whose scheme is not declared cannot be met: left out, the others stay.
                    emit(.unknownSecurityScheme(name, at: location(pair.key)))
                    isMet = false
                    continue
                }
                names.append(name)
            }
            return isMet ? SecurityRequirement(schemeNames: names) : nil
        }
        // Every requirement left out: as if `security` were not written (an operation inherits the document's),
        // not `security: []`, which would say that no credentials are needed.
        return requirements.isEmpty && !items.isEmpty ? nil : requirements
    }
}
