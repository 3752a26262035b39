/// The keys OpenAPI 3.0/3.1 defines for each object, used to flag typos and unknown keys; `added32` the keys 3.2
/// adds, known in a 3.2 document only.
public enum KnownKeys {
    /// The keys OpenAPI 3.2 adds, by the object they are in (the name `ReaderContext.known(_:_:)` is given).
    static let added32: [String: Set<String>] = [
        "document": ["$self"], "server": ["name"], "components": ["mediaTypes"],
        "pathItem": ["query", "additionalOperations"], "mediaType": ["itemSchema", "itemEncoding", "prefixEncoding"],
        "encoding": ["encoding", "itemEncoding", "prefixEncoding"], "response": ["summary"],
        "example": ["dataValue", "serializedValue"], "securityScheme": ["deprecated", "oauth2MetadataUrl"],
        "discriminator": ["defaultMapping"],
    ]
    /// The 3.2 additions gen acts on; a key of `added32` not listed here gets a located warning where it is used.
    static let actedOn32: Set<String> = [
        "server.name", "response.summary", "mediaType.itemSchema", "pathItem.query", "pathItem.additionalOperations",
        "example.dataValue", "example.serializedValue", "securityScheme.deprecated", "securityScheme.oauth2MetadataUrl",
        "discriminator.defaultMapping", "components.mediaTypes", "document.$self",
    ]

    static let document: Set<String> = [
        "openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags",
        "externalDocs",
    ]
    static let info: Set<String> = [
        "title", "summary", "description", "termsOfService", "contact", "license", "version",
    ]
    static let server: Set<String> = ["url", "description", "variables"]
    static let serverVariable: Set<String> = ["enum", "default", "description"]
    static let components: Set<String> = [
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
        "callbacks", "pathItems",
    ]
    static let pathItem: Set<String> = [
        "$ref", "summary", "description", "get", "put", "post", "delete", "options", "head", "patch", "trace",
        "servers",
        "parameters",
    ]
    static let operation: Set<String> = [
        "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses",
        "callbacks", "deprecated", "security", "servers",
    ]
    static let parameter: Set<String> = [
        "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
        "schema", "example", "examples", "content",
    ]
    static let header: Set<String> = parameter.subtracting(["name", "in"])
    static let requestBody: Set<String> = ["description", "content", "required"]
    static let mediaType: Set<String> = ["schema", "example", "examples", "encoding"]
    static let encoding: Set<String> = ["contentType", "headers", "style", "explode", "allowReserved"]
    static let response: Set<String> = ["description", "headers", "content", "links"]
    static let example: Set<String> = ["summary", "description", "value", "externalValue"]
    static let securityScheme: Set<String> = [
        "type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl",
    ]
    static let discriminator: Set<String> = ["propertyName", "mapping"]
    /// A Tag Object, with 3.2's `summary`, `parent` and `kind` (checked in 3.2 documents only).
    static let tag: Set<String> = ["name", "summary", "description", "externalDocs", "parent", "kind"]
    static let schema: Set<String> = [
        "$ref", "$id", "$schema", "$anchor", "$defs", "$comment", "$dynamicRef", "$dynamicAnchor", "definitions",
        "type", "format", "title", "description", "default", "example", "examples", "enum", "const", "properties",
        "required", "additionalProperties", "items", "prefixItems", "allOf", "oneOf", "anyOf", "not", "nullable",
        "discriminator", "readOnly", "writeOnly", "deprecated", "xml", "externalDocs", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems",
        "maxItems", "uniqueItems", "minProperties", "maxProperties", "contentEncoding", "contentMediaType",
        "contentSchema", "if", "then", "else", "dependentSchemas", "dependentRequired", "patternProperties",
        "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contains", "minContains", "maxContains",
    ]

    /// The closest known key within a small edit distance, for "did you mean" hints.
    public static func suggestion(for key: String, in known: Set<String>) -> String? {
        let limit = max(1, min(3, key.count / 3))
        var best: (key: String, distance: Int)?
        // Sorted so that ties resolve the same way on every run.
        for candidate in known.sorted() {
            let d = editDistance(key.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.key
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Optimal string alignment: a swap of two neighbours (`qeury`) counts as one edit, as typing makes it.
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
