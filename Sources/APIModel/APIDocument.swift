public import Diagnostics

/// Everything gen needs from one OpenAPI description, with YAML and Swift left behind.
public struct APIDocument: Hashable, Sendable {
    /// `openapi` as written (`3.1.0`).
    public var openAPIVersion: String
    /// `info`.
    public var info: Info
    /// `servers` in document order.
    public var servers: [Server]
    /// `components.schemas` in document order.
    public var schemas: [NamedSchema]
    /// Every operation, in path order then method order as written.
    public var operations: [Operation]
    /// `components.securitySchemes` in document order.
    public var securitySchemes: [SecurityScheme]
    /// Top-level `security`: alternatives, any one of which satisfies the requirement.
    public var security: [SecurityRequirement]

    /// Creates a document.
    public init(
        openAPIVersion: String,
        info: Info,
        servers: [Server],
        schemas: [NamedSchema],
        operations: [Operation],
        securitySchemes: [SecurityScheme],
        security: [SecurityRequirement]
    ) {
        self.openAPIVersion = openAPIVersion
        self.info = info
        self.servers = servers
        self.schemas = schemas
        self.operations = operations
        self.securitySchemes = securitySchemes
        self.security = security
    }
}

/// `info`.
public struct Info: Hashable, Sendable {
    /// `title`.
    public var title: String
    /// `version` of the API (not of gen).
    public var version: String
    /// `description`, if any.
    public var description: String?

    /// Creates an info.
    public init(title: String, version: String, description: String?) {
        self.title = title
        self.version = version
        self.description = description
    }
}

/// One entry of `servers`.
public struct Server: Hashable, Sendable {
    /// The URL template (`https://{region}.example.com`).
    public var url: String
    /// `description`, if any.
    public var description: String?
    /// `variables` in document order.
    public var variables: [ServerVariable]
    /// Where the server is written.
    public var location: SourceLocation
    /// OpenAPI 3.2's `name`, which names its entry in `Client.Servers`.
    public var name: String?

    /// The URL with every variable replaced by its default (`https://{region}.example.com` → `https://eu.example.com`).
    public var defaultURL: String {
        var result = ""
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            result += rest[..<open]
            if let variable = variables.first(where: { $0.name == name }) {
                result += variable.defaultValue
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Creates a server.
    public init(
        url: String, description: String?, variables: [ServerVariable], location: SourceLocation, name: String? = nil
    ) {
        self.url = url
        self.description = description
        self.variables = variables
        self.location = location
        self.name = name
    }
}

/// A server URL variable.
public struct ServerVariable: Hashable, Sendable {
    /// The name inside `{}`.
    public var name: String
    /// `default`.
    public var defaultValue: String
    /// `enum`, if given.
    public var allowedValues: [String]
    /// `description`, if any.
    public var description: String?

    /// Creates a server variable.
    public init(name: String, defaultValue: String, allowedValues: [String], description: String?) {
        self.name = name
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.description = description
    }
}

/// The `scheme` of an HTTP security scheme: a name from the IANA HTTP Authentication Scheme registry, which
/// compares case-insensitively (RFC 9110 §11.1).
public enum HTTPAuthenticationScheme: Hashable, Sendable {
    /// `basic`: user name and password.
    case basic
    /// `bearer`: a token (RFC 6750).
    case bearer
    /// Any other scheme (`digest`, `hoba`, `negotiate`, a vendor's), lowercased.
    case other(String)

    /// The scheme for `name`, in any case.
    public init(_ name: String) {
        switch name.lowercased() {
        case "basic": self = .basic
        case "bearer": self = .bearer
        case let other: self = .other(other)
        }
    }

    /// The lowercased name.
    public var name: String {
        switch self {
        case .basic: "basic"
        case .bearer: "bearer"
        case .other(let name): name
        }
    }
}

/// An entry of `components.securitySchemes`.
public struct SecurityScheme: Hashable, Sendable {
    /// The kind of scheme.
    public enum Kind: Hashable, Sendable {
        /// `type: http` with its `scheme`.
        case http(scheme: HTTPAuthenticationScheme, bearerFormat: String?)
        /// `type: apiKey`.
        case apiKey(name: String, location: ParameterLocation)
        /// `type: oauth2` (the client sends a bearer token it is given).
        case oauth2
        /// `type: openIdConnect` (the client sends a bearer token it is given).
        case openIDConnect
        /// `type: mutualTLS` (configured on the transport, not per request).
        case mutualTLS
    }

    /// The key in `components.securitySchemes`.
    public var name: String
    /// The kind.
    public var kind: Kind
    /// `description`, if any.
    public var description: String?
    /// Where it is written.
    public var location: SourceLocation
    /// OpenAPI 3.2's `deprecated`.
    public var isDeprecated = false
    /// OpenAPI 3.2's `oauth2MetadataUrl`: the OAuth 2.0 authorization server's metadata (RFC 8414).
    public var oauth2MetadataURL: String?

    /// Creates a security scheme.
    public init(name: String, kind: Kind, description: String?, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.description = description
        self.location = location
    }
}

/// One alternative of a `security` list: every named scheme must be satisfied. Empty means "no auth".
public struct SecurityRequirement: Hashable, Sendable {
    /// The scheme names, in document order.
    public var schemeNames: [String]

    /// Creates a requirement.
    public init(schemeNames: [String]) {
        self.schemeNames = schemeNames
    }
}
