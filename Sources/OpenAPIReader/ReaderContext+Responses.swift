import APIModel
import Diagnostics
import YAMLNodes

// Reading responses and what they and request bodies hold: headers, content, encodings, examples.

extension ReaderContext {
    func readResponses(_ node: YAMLNode, pointer: String) -> [Response] {
        guard let responsePairs = pairs(of: node, "'responses'", known: nil) else { return [] }
        var responses: [Response] = []
        for pair in responsePairs {
            let key = pair.key.scalar?.text ?? ""
            if key.hasPrefix("x-") { continue }
            let status: ResponseStatus
            if key == "default" {
                status = .default
            } else if let code = Int(key), (100...599).contains(code) {
                status = .code(code)
            } else if key.count == 3, let first = key.first?.wholeNumberValue, (1...5).contains(first),
                key.dropFirst().uppercased() == "XX"
            {
                status = .range(first)
            } else {
                emit(
                    .wrongType(
                        "response key '\(key)'", expected: "a status code (200), a range (2XX) or 'default'",
                        found: "'\(key)'", at: location(pair.key)))
                continue
            }
            let path = pointer + "/" + Self.escapePointerSegment(key)
            let read: (YAMLNode, String) -> Response? = { node, path in
                self.readResponse(node, status: status, path: path, at: pair.key)
            }
            if let ref = pair.value["$ref"] {
                if let response = withReference(ref, read) { responses.append(response) }
            } else if let response = read(pair.value, path) {
                responses.append(response)
            }
        }
        return responses
    }

    func readResponse(_ node: YAMLNode, status: ResponseStatus, path: String, at key: YAMLNode) -> Response? {
        guard
            pairs(of: node, "response '\(key.scalar?.text ?? "")'", known: KnownKeys.response, object: "response")
                != nil
        else {
            return nil
        }
        // 3.2 makes `description` optional and adds a short `summary`, which documents the response without one.
        let description =
            node["description"].flatMap { string($0, "'description'") }
            ?? (is32 ? node["summary"].flatMap { string($0, "'summary'") } : nil)
        if description == nil, !is32 {
            emit(.missingKey("description", in: "response '\(key.scalar?.text ?? "")'", at: location(node)))
        }
        var headers: [Header] = []
        if let headersNode = node["headers"], let headerPairs = pairs(of: headersNode, "'headers'", known: nil) {
            for pair in headerPairs {
                let name = pair.key.scalar?.text ?? ""
                let header: Header? =
                    if let ref = pair.value["$ref"] {
                        withReference(ref) { target, ref in readHeader(target, name: name, path: ref) }
                    } else {
                        readHeader(pair.value, name: name, path: path + "/headers/" + Self.escapePointerSegment(name))
                    }
                if let header { headers.append(header) }
            }
        }
        return Response(
            status: status,
            description: description ?? "",
            content: node["content"].map { readContent($0, pointer: path + "/content") } ?? [],
            headers: headers,
            location: location(key)
        )
    }

    func readHeader(_ node: YAMLNode, name: String, path: String) -> Header? {
        guard pairs(of: node, "header '\(name)'", known: KnownKeys.header) != nil else { return nil }
        var schema =
            node["schema"].map { readSchema($0, path: path + "/schema") }
            ?? Schema(kind: .string(format: nil), location: location(node), specPath: path)
        // The header's own example (GitHub's `content-type: {example: text/html, schema: {type: string}}`) is the
        // value fixtures, the mock and the exerciser send, before one built from the schema.
        if schema.example == nil {
            schema.example =
                node["example"].flatMap(jsonValue)
                ?? node["examples"]?.pairs?.first.flatMap { $0.value["value"] }.flatMap(jsonValue)
        }
        return Header(
            name: name, schema: schema, description: string(node["description"], "'description'"),
            isRequired: node["required"].flatMap { bool($0, "'required'") } ?? false)
    }

    /// OpenAPI 3.2's `itemSchema` on a sequential media type: the schema of each event, which gen's event streams
    /// take as the media type's schema (a 3.1 document writes it as `schema`). For Server-sent events it describes
    /// the event's fields, and the schema of each event is its `data`'s `contentSchema` (`contentMediaType:
    /// application/json`). `nil`, with a located warning, where gen cannot act on it.
    func readItemSchema(_ node: YAMLNode, contentType: String, path: String) -> Schema? {
        guard let framing = EventFraming(contentType: contentType) else {
            emit(.notActedOn32("'itemSchema'", in: "media type '\(contentType)'", at: location(node)))
            return nil
        }
        guard framing == .serverSentEvents else { return readSchema(node, path: path + "/itemSchema") }
        let read: (YAMLNode, String) -> Schema? = { event, eventPath in
            let base = eventPath.isEmpty ? path + "/itemSchema" : eventPath
            guard let content = event["properties"]?["data"]?["contentSchema"] else { return nil }
            return self.readSchema(content, path: base + "/properties/data/contentSchema")
        }
        let event = node["$ref"].flatMap { withReference($0, read) } ?? read(node, "")
        if event == nil {
            // The events' `data` is text gen has no schema for: the stream is read as bytes.
            emit(
                .notActedOn32(
                    "'itemSchema' without a 'data' whose 'contentSchema' describes it",
                    in: "media type '\(contentType)'",
                    at: location(node)))
        }
        return event
    }

    func readContent(_ node: YAMLNode, pointer: String) -> [MediaType] {
        guard let contentPairs = pairs(of: node, "'content'", known: nil) else { return [] }
        return contentPairs.compactMap { pair in
            let contentType = pair.key.scalar?.text ?? ""
            let path = pointer + "/" + Self.escapePointerSegment(contentType)
            // 3.2: a media type may be a `$ref` (to `components.mediaTypes`).
            if is32, let ref = pair.value["$ref"] {
                return withReference(ref) { target, targetPath in
                    readMediaType(target, contentType: contentType, path: targetPath, at: pair.key)
                }
            }
            return readMediaType(pair.value, contentType: contentType, path: path, at: pair.key)
        }
    }

    /// One media type object of `content`, written at `key`.
    func readMediaType(_ node: YAMLNode, contentType: String, path: String, at key: YAMLNode) -> MediaType? {
        guard pairs(of: node, "media type '\(contentType)'", known: KnownKeys.mediaType, object: "mediaType") != nil
        else { return nil }
        if is32, let encoding = node["encoding"] {
            for key in ["prefixEncoding", "itemEncoding"] where node[key] != nil {
                emit(.encodingBeside(key, mediaType: contentType, at: location(encoding)))
            }
        }
        var examples: [Example] = []
        if let example = node["example"], let value = jsonValue(example) {
            examples.append(Example(name: nil, summary: nil, value: value, location: location(example)))
        }
        if let examplesNode = node["examples"], let examplePairs = pairs(of: examplesNode, "'examples'", known: nil) {
            for examplePair in examplePairs {
                let name = examplePair.key.scalar?.text ?? ""
                let read: (YAMLNode, String) -> Example? = { node, _ in self.readExample(node, name: name) }
                if let ref = examplePair.value["$ref"], isRemote(ref) {
                    // An example only feeds a fixture, which gen builds from the schema instead.
                    emit(.remoteReference(ref.scalar?.text ?? "", isNeeded: false, at: location(ref)))
                    continue
                }
                let example =
                    examplePair.value["$ref"].flatMap { withReference($0, read) } ?? read(examplePair.value, "")
                if let example { examples.append(example) }
            }
        }
        var schema = node["schema"].map { readSchema($0, path: path + "/schema") }
        if is32, let itemNode = node["itemSchema"] {
            schema = readItemSchema(itemNode, contentType: contentType, path: path) ?? schema
        }
        return MediaType(
            contentType: contentType, schema: schema, examples: examples, encoding: readEncoding(node["encoding"]),
            location: location(key))
    }

    /// A media type's `encoding` map: per property, its content type and its style and explode as a query
    /// parameter's.
    func readEncoding(_ node: YAMLNode?) -> [PropertyEncoding] {
        guard let node, let entries = pairs(of: node, "'encoding'", known: nil) else { return [] }
        return entries.compactMap { entry in
            let name = entry.key.scalar?.text ?? ""
            guard
                pairs(of: entry.value, "the encoding of '\(name)'", known: KnownKeys.encoding, object: "encoding")
                    != nil
            else {
                return nil
            }
            return PropertyEncoding(
                name: name, contentType: string(entry.value["contentType"], "'contentType'"),
                style: readStyle(entry.value["style"], parameter: name, in: .query),
                explode: entry.value["explode"].flatMap { bool($0, "'explode'") })
        }
    }

    /// `text` as a JSON value when it is JSON (an object, an array, a string, a number, `true`, `false`, `null`);
    /// `nil` for other text, which an example's `serializedValue` gives as it is.
    func serializedJSON(_ text: String) -> JSONValue? {
        let trimmed = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        guard let first = trimmed.first,
            "{[\"-0123456789".contains(first) || ["true", "false", "null"].contains(trimmed),
            let root = YAMLParser.parse(trimmed, file: file, diagnostics: DiagnosticCollector())
        else { return nil }
        return jsonValue(root)
    }

    func readExample(_ node: YAMLNode, name: String) -> Example? {
        if node["$ref"] != nil { return nil }  // handled by the caller
        guard pairs(of: node, "example '\(name)'", known: KnownKeys.example, object: "example") != nil else {
            return nil
        }
        // 3.2: `dataValue` is the value as data, `serializedValue` its serialized text (JSON, or another media
        // type's text); `value` may not stand beside either.
        if is32 {
            for key in ["dataValue", "serializedValue"] where node["value"] != nil && node[key] != nil {
                emit(.valueBesideDataValue(key, example: name, at: location(node[key] ?? node)))
            }
        }
        let serialized = is32 ? node["serializedValue"].flatMap { string($0, "'serializedValue'") } : nil
        guard let valueNode = node["value"] ?? (is32 ? node["dataValue"] : nil) else {
            if let serialized {
                let value = serializedJSON(serialized) ?? .string(serialized)
                return Example(
                    name: name, summary: string(node["summary"], "'summary'"), value: value,
                    location: location(node["serializedValue"] ?? node))
            }
            if node["externalValue"] != nil { emit(.unsupported("'externalValue'", at: location(node))) }
            return nil
        }
        guard let value = jsonValue(valueNode) else { return nil }
        return Example(
            name: name, summary: string(node["summary"], "'summary'"), value: value, location: location(valueNode))
    }
}
