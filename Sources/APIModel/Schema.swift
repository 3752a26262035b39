public import Diagnostics

/// What a schema means, independent of YAML and of Swift spelling.
///
/// ```yaml
/// RunType: {type: string, enum: [deploy, refresh]}   # Schema(kind: .enumeration(...))
/// ```
public struct Schema: Hashable, Sendable {
    /// The shape of the value.
    public indirect enum Kind: Hashable, Sendable {
        /// Any JSON value (`{}`, `true`, or an object with no properties and free-form additional properties).
        case any
        /// A string with its `format` (`date-time`, `uuid`, `byte`, …).
        case string(format: Format?)
        /// An integer; `format` is `int32`, `int64` or nil.
        case integer(format: Format?)
        /// A number; `format` is `float`, `double` or nil.
        case number(format: Format?)
        /// `true` or `false`.
        case boolean
        /// A closed list of values (Swift gets an open enum that keeps unknown values).
        case enumeration(EnumSchema)
        /// A JSON array.
        case array(items: Schema)
        /// A JSON object with named properties and/or additional properties.
        case object(ObjectSchema)
        /// A reference to a named schema in `components.schemas`.
        case reference(SchemaReference)
        /// Any non-empty subset of the alternatives matches.
        case anyOf([Schema])
        /// Exactly one alternative matches.
        case oneOf([Schema], discriminator: Discriminator?)
        /// All parts match.
        case allOf([Schema])
    }

    /// The shape.
    public var kind: Kind
    /// `description`, if any.
    public var description: String?
    /// `title`, if any.
    public var title: String?
    /// Whether `null` is allowed (3.0 `nullable: true`, 3.1 `type: [X, "null"]`, or a `null` alternative).
    public var isNullable: Bool
    /// `default`, if any.
    public var defaultValue: JSONValue?
    /// `example` (or the first of `examples` in 3.1), if any.
    public var example: JSONValue?
    /// `deprecated: true`.
    public var isDeprecated: Bool
    /// `readOnly: true`.
    public var isReadOnly: Bool
    /// `writeOnly: true`.
    public var isWriteOnly: Bool
    /// What a value must satisfy beyond its type (`pattern`, `minimum`, `minItems`, …).
    public var constraints = Constraints()
    /// Where the schema is written.
    public var location: SourceLocation
    /// The JSON pointer of the schema in the spec (`#/components/schemas/Run/properties/id`).
    public var specPath: String

    /// Creates a schema.
    public init(
        kind: Kind,
        description: String? = nil,
        title: String? = nil,
        isNullable: Bool = false,
        defaultValue: JSONValue? = nil,
        example: JSONValue? = nil,
        isDeprecated: Bool = false,
        isReadOnly: Bool = false,
        isWriteOnly: Bool = false,
        location: SourceLocation,
        specPath: String
    ) {
        self.kind = kind
        self.description = description
        self.title = title
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.example = example
        self.isDeprecated = isDeprecated
        self.isReadOnly = isReadOnly
        self.isWriteOnly = isWriteOnly
        self.location = location
        self.specPath = specPath
    }
}

/// JSON Schema's validation keywords: what a value must satisfy beyond its type. Absent keywords are nil.
///
/// ```yaml
/// accountSid: {type: string, pattern: '^AC[0-9a-fA-F]{32}$'}   # Constraints(pattern: "^AC[0-9a-fA-F]{32}$")
/// ```
public struct Constraints: Hashable, Sendable {
    /// `pattern`: an ECMA-262 regular expression the string matches (anywhere, unless anchored).
    public var pattern: String?
    /// `minLength`, `maxLength`: the string's length in characters.
    public var minLength: Int?
    public var maxLength: Int?
    /// `minimum`, `maximum` (inclusive).
    public var minimum: Double?
    public var maximum: Double?
    /// The exclusive bounds: 3.1's `exclusiveMinimum: 5`, or 3.0's `minimum: 5` with `exclusiveMinimum: true`.
    public var exclusiveMinimum: Double?
    public var exclusiveMaximum: Double?
    /// `multipleOf`: the value divided by it is an integer.
    public var multipleOf: Double?
    /// `minItems`, `maxItems`, `uniqueItems`.
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems = false
    /// `minProperties`, `maxProperties`.
    public var minProperties: Int?
    public var maxProperties: Int?
    /// Names an `allOf` part requires without declaring them (`allOf: [$ref: Project, {required: [name]}]`): the
    /// properties come from the other parts.
    public var required: [String] = []

    /// Creates constraints; every keyword absent by default.
    public init(
        pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, minimum: Double? = nil,
        maximum: Double? = nil, exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil,
        multipleOf: Double? = nil, minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false,
        minProperties: Int? = nil, maxProperties: Int? = nil
    ) {
        self.pattern = pattern
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.minProperties = minProperties
        self.maxProperties = maxProperties
    }

    /// These constraints, with each keyword they leave absent taken from `other`.
    public func filling(from other: Constraints) -> Constraints {
        Constraints(
            pattern: pattern ?? other.pattern, minLength: minLength ?? other.minLength,
            maxLength: maxLength ?? other.maxLength, minimum: minimum ?? other.minimum,
            maximum: maximum ?? other.maximum, exclusiveMinimum: exclusiveMinimum ?? other.exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum ?? other.exclusiveMaximum, multipleOf: multipleOf ?? other.multipleOf,
            minItems: minItems ?? other.minItems, maxItems: maxItems ?? other.maxItems,
            uniqueItems: uniqueItems || other.uniqueItems, minProperties: minProperties ?? other.minProperties,
            maxProperties: maxProperties ?? other.maxProperties
        )
        .requiring(required + other.required.filter { !required.contains($0) })
    }

    /// These constraints with `required` set to `names`.
    public func requiring(_ names: [String]) -> Constraints {
        var constraints = self
        constraints.required = names
        return constraints
    }
}

/// A named schema of `components.schemas`.
public struct NamedSchema: Hashable, Sendable {
    /// The key in `components.schemas`, as written.
    public var name: String
    /// The schema.
    public var schema: Schema

    /// Creates a named schema.
    public init(name: String, schema: Schema) {
        self.name = name
        self.schema = schema
    }
}

/// A `$ref` to a named schema.
public struct SchemaReference: Hashable, Sendable {
    /// The name in `components.schemas`.
    public var name: String
    /// The reference as written (`#/components/schemas/Run`).
    public var ref: String

    /// Creates a reference.
    public init(name: String, ref: String) {
        self.name = name
        self.ref = ref
    }
}

/// The values of an `enum`.
public struct EnumSchema: Hashable, Sendable {
    /// Whether the raw values are strings or integers.
    public enum RawType: Hashable, Sendable {
        case string
        case integer
    }

    /// One allowed value.
    public struct Value: Hashable, Sendable {
        /// The value as written (`"waitingToRun"`, `"3"` for integer enums).
        public var raw: String
        /// Where it is written.
        public var location: SourceLocation

        /// Creates a value.
        public init(raw: String, location: SourceLocation) {
            self.raw = raw
            self.location = location
        }
    }

    /// The raw type.
    public var rawType: RawType
    /// The values in document order, without duplicates and without `null`.
    public var values: [Value]

    /// Creates an enum schema.
    public init(rawType: RawType, values: [Value]) {
        self.rawType = rawType
        self.values = values
    }
}

/// An object's properties and what it allows beyond them.
public struct ObjectSchema: Hashable, Sendable {
    /// What `additionalProperties` says.
    public enum AdditionalProperties: Hashable, Sendable {
        /// Not given: other keys may appear and are ignored.
        case unspecified
        /// `false`.
        case forbidden
        /// `true` or `{}`: any values.
        case any
        /// A schema for every other value.
        case schema(Schema)
    }

    /// The declared properties in document order.
    public var properties: [Property]
    /// `additionalProperties`.
    public var additionalProperties: AdditionalProperties
    /// A `oneOf` or `anyOf` beside the properties whose branches only constrain them: which must be set
    /// together, or narrower values for some (GitHub's check run: `status: completed` requires `conclusion`).
    public var branches: [ObjectBranch]
    /// Whether exactly one branch holds (`oneOf`) rather than at least one (`anyOf`).
    public var branchesAreExclusive: Bool

    /// Creates an object schema.
    public init(
        properties: [Property], additionalProperties: AdditionalProperties = .unspecified,
        branches: [ObjectBranch] = [], branchesAreExclusive: Bool = true
    ) {
        self.properties = properties
        self.additionalProperties = additionalProperties
        self.branches = branches
        self.branchesAreExclusive = branchesAreExclusive
    }
}

/// One branch of a `oneOf`/`anyOf` that only constrains the properties declared beside it.
///
/// ```yaml
/// oneOf:
///   - {required: [vector_store_ids]}                                       # ObjectBranch(required: [...])
///   - {properties: {status: {enum: [completed]}}, required: [status, conclusion]}
/// ```
public struct ObjectBranch: Hashable, Sendable {
    /// The properties this branch requires.
    public var required: [String]
    /// Narrower schemas this branch gives properties declared beside it.
    public var properties: [Property]

    /// Creates a branch.
    public init(required: [String], properties: [Property]) {
        self.required = required
        self.properties = properties
    }
}

/// One property of an object schema.
public struct Property: Hashable, Sendable {
    /// The JSON key.
    public var name: String
    /// The property's schema.
    public var schema: Schema
    /// Whether the key is in the object's `required` list.
    public var isRequired: Bool
    /// Where the key is written.
    public var location: SourceLocation

    /// Creates a property.
    public init(name: String, schema: Schema, isRequired: Bool, location: SourceLocation) {
        self.name = name
        self.schema = schema
        self.isRequired = isRequired
        self.location = location
    }
}

/// A `oneOf` discriminator.
public struct Discriminator: Hashable, Sendable {
    /// The property that names the alternative.
    public var propertyName: String
    /// Explicit `mapping` entries (value → `$ref`), in document order.
    public var mapping: [JSONMember]
    /// OpenAPI 3.2's `defaultMapping` (a `$ref`): the alternative of a value whose property is absent or unmapped.
    public var defaultMapping: String?

    /// Creates a discriminator.
    public init(propertyName: String, mapping: [JSONMember]) {
        self.propertyName = propertyName
        self.mapping = mapping
    }
}

/// A schema's `format`: the formats OpenAPI and JSON Schema define, or any other (allowed, and read as a plain
/// value).
///
/// ```yaml
/// runStartTime: {type: string, format: date-time}   # .string(format: .dateTime)
/// ```
public enum Format: Hashable, Sendable, ExpressibleByStringLiteral {
    case dateTime, date, time, duration
    case email, idnEmail, hostname, idnHostname, ipv4, ipv6
    case uri, uriReference, iri, iriReference, uriTemplate, uuid
    case jsonPointer, relativeJSONPointer, regex
    /// OpenAPI's formats: base64 text (`byte`), raw bytes (`binary`), a value to hide (`password`), sizes.
    case byte, binary, password, int32, int64, float, double
    /// A format neither specification defines, as written.
    case other(String)

    /// Every format the specifications define, in the order above.
    public static let known: [Format] = [
        .dateTime, .date, .time, .duration, .email, .idnEmail, .hostname, .idnHostname, .ipv4, .ipv6, .uri,
        .uriReference, .iri, .iriReference, .uriTemplate, .uuid, .jsonPointer, .relativeJSONPointer, .regex, .byte,
        .binary, .password, .int32, .int64, .float, .double,
    ]

    private static let byName: [String: Format] = Dictionary(uniqueKeysWithValues: known.map { ($0.rawValue, $0) })

    /// The format named `rawValue` as a spec writes it.
    public init(_ rawValue: String) {
        self = Self.byName[rawValue] ?? .other(rawValue)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The name as a spec writes it (`date-time`).
    public var rawValue: String {
        switch self {
        case .dateTime: "date-time"
        case .date: "date"
        case .time: "time"
        case .duration: "duration"
        case .email: "email"
        case .idnEmail: "idn-email"
        case .hostname: "hostname"
        case .idnHostname: "idn-hostname"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        case .uri: "uri"
        case .uriReference: "uri-reference"
        case .iri: "iri"
        case .iriReference: "iri-reference"
        case .uriTemplate: "uri-template"
        case .uuid: "uuid"
        case .jsonPointer: "json-pointer"
        case .relativeJSONPointer: "relative-json-pointer"
        case .regex: "regex"
        case .byte: "byte"
        case .binary: "binary"
        case .password: "password"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .other(let name): name
        }
    }
}
