package import APIModel
public import Diagnostics

/// Which operations to generate (`filter` in `gen-config.yaml`): an operation is kept when its `operationId`, one
/// of its tags or its path is listed. The schemas the kept operations use come along; the others are dropped.
public struct OperationFilter: Sendable, Hashable {
    /// One listed value and where the configuration lists it (for the warning when nothing matches it).
    public struct Entry: Sendable, Hashable {
        public var value: String
        public var location: SourceLocation?

        /// Creates an entry.
        public init(_ value: String, at location: SourceLocation? = nil) {
            self.value = value
            self.location = location
        }
    }

    public var operations: [Entry]
    public var tags: [Entry]
    public var paths: [Entry]

    /// Creates a filter.
    public init(operations: [Entry] = [], tags: [Entry] = [], paths: [Entry] = []) {
        self.operations = operations
        self.tags = tags
        self.paths = paths
    }

    /// `document` with only the listed operations and the schemas they reach; a listed value that matches no
    /// operation is a warning at the configuration.
    package func apply(to document: APIDocument, diagnostics: any DiagnosticSink) -> APIDocument {
        // A filter that lists nothing filters nothing (rather than every operation away).
        if operations.isEmpty && tags.isEmpty && paths.isEmpty { return document }
        let kept = document.operations.filter { operation in
            operations.contains { $0.value == operation.operationID }
                || tags.contains { entry in operation.tags.contains(entry.value) }
                || paths.contains { $0.value == operation.path }
        }
        for (entries, what) in [(operations, "operationId"), (tags, "tag"), (paths, "path")] {
            for entry in entries {
                let matches = document.operations.contains { operation in
                    switch what {
                    case "operationId": operation.operationID == entry.value
                    case "tag": operation.tags.contains(entry.value)
                    default: operation.path == entry.value
                    }
                }
                if !matches {
                    diagnostics.emit(.filterMatchesNothing(what, entry.value, at: entry.location))
                }
            }
        }
        var filtered = document
        filtered.operations = kept
        let reachable = Self.reachableSchemas(from: kept, in: document)
        // Document order, as without a filter.
        filtered.schemas = document.schemas.filter { reachable.contains($0.name) }
        return filtered
    }

    /// The names of the component schemas that `operations` use, directly or through other schemas.
    package static func reachableSchemas(from operations: [APIModel.Operation], in document: APIDocument) -> Set<String>
    {
        let byName = Dictionary(document.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        var found = Set<String>()
        var queue: [Schema] = []
        for operation in operations {
            queue += operation.parameters.map(\.schema)
            queue += operation.requestBody?.content.compactMap(\.schema) ?? []
            for response in operation.responses {
                queue += response.content.compactMap(\.schema)
                queue += response.headers.map(\.schema)
            }
        }
        while let schema = queue.popLast() {
            switch schema.kind {
            case .reference(let ref):
                if found.insert(ref.name).inserted, let target = byName[ref.name] { queue.append(target) }
            case .array(let items):
                queue.append(items)
            case .object(let object):
                queue += object.properties.map(\.schema)
                if case .schema(let values) = object.additionalProperties { queue.append(values) }
            case .anyOf(let parts), .allOf(let parts):
                queue += parts
            case .oneOf(let parts, let discriminator):
                queue += parts
                // Mapping targets are cases of the enum too.
                for member in discriminator?.mapping ?? [] {
                    if case .string(let target) = member.value,
                        let name = target.split(separator: "/").last.map(String.init),
                        let schema = byName[name], found.insert(name).inserted
                    {
                        queue.append(schema)
                    }
                }
            case .any, .string, .integer, .number, .boolean, .enumeration:
                break
            }
        }
        return found
    }
}

/// Swift types chosen instead of gen's defaults (`typeOverrides` in `gen-config.yaml`).
public struct TypeOverrides: Sendable, Hashable {
    /// Format (`uuid`, `date-time`, `int32`, …) → the Swift type of every schema with that format.
    public var formats: [String: String]
    /// Component schema name → a Swift type of the user's, used instead of generating one (it must be
    /// `Codable`, `Equatable` and `Sendable`, and `Hashable` with `EmitOptions.hashable`).
    public var schemas: [String: String]

    /// Creates overrides.
    public init(formats: [String: String] = [:], schemas: [String: String] = [:]) {
        self.formats = formats
        self.schemas = schemas
    }

    /// The Swift types a format can map to, by the kind of schema it qualifies.
    public static let formatTypes: [String: [String]] = [
        "string": ["String", "Date", "Data", "UUID"],
        "integer": ["Int", "Int32", "Int64"],
        "number": ["Double", "Float"],
    ]

    /// The type for a format of a schema of `kind` (`string`, `integer`, `number`), when overridden.
    package func type(forFormat format: Format?, of kind: String) -> SwiftType? {
        guard let format, let name = formats[format.rawValue], Self.formatTypes[kind]?.contains(name) == true else {
            return nil
        }
        switch name {
        case "String": return .string
        case "Date": return .date
        case "Data": return .data
        case "UUID": return .uuid
        case "Int": return .int
        case "Int32": return .int32
        case "Int64": return .int64
        case "Double": return .double
        case "Float": return .float
        default: return nil
        }
    }
}
