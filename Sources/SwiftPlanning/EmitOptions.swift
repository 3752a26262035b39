/// What `emit` generates, and how: the options a configuration sets.

/// Transports gen writes besides `URLSessionTransport`, each a file that imports its package in the user's target.
public enum TransportKind: String, Sendable, Hashable, CaseIterable {
    /// `AsyncHTTPClientTransport` (swift-server/async-http-client): streams with backpressure, for servers.
    case asyncHTTPClient

    /// The file (and its template) that holds the transport.
    public var output: String {
        switch self {
        case .asyncHTTPClient: "AsyncHTTPClientTransport.swift"
        }
    }
}

/// Adapters that serve `APIRouter` through a server framework, each a file that imports it in the user's target.
public enum ServerAdapterKind: String, Sendable, Hashable, CaseIterable {
    /// Hummingbird 2 (hummingbird-project/hummingbird).
    case hummingbird
    /// Vapor 4 (vapor/vapor).
    case vapor

    /// The file (and its template) that holds the adapter.
    public var output: String {
        switch self {
        case .hummingbird: "HummingbirdAdapter.swift"
        case .vapor: "VaporAdapter.swift"
        }
    }
}

/// The access level of the generated declarations.
public enum AccessModifier: String, Sendable, Hashable, CaseIterable {
    /// A library others import (the default).
    case `public`
    /// Code generated into a target that other targets of the same package use.
    case package
    /// Code generated into the target that uses it.
    case `internal`

    /// The keyword of a Foundation import that declarations of this level may expose.
    package var importKeyword: String {
        switch self {
        case .public: "public import"
        case .package: "package import"
        case .internal: "import"
        }
    }
}

/// What to generate, and how.
public struct EmitOptions: Sendable, Hashable {
    /// Also write `Exerciser.swift`, which calls every operation against `ReplayTransport` and checks every
    /// documented response (`Exerciser.run()`).
    public var exerciser: Bool
    /// The access level of every generated declaration.
    public var access: AccessModifier
    /// Only these operations and the schemas they use, when set.
    public var filter: OperationFilter?
    /// Swift types chosen instead of gen's defaults.
    public var typeOverrides: TypeOverrides
    /// Whether `Fixtures.swift` (fixtures and `ReplayTransport`) and the fixture files are generated.
    public var fixtures: Bool
    /// The module the fixtures test, when they are compiled in another target (a test target):
    /// `Fixtures.swift` then imports it with `@testable`.
    public var fixturesModule: String?
    /// Write every letter of the outputs spread by letter (`Outputs.files(for:)`), those with nothing to declare as
    /// a header comment: a build plugin declares its output files before gen runs.
    public var everyFile: Bool
    /// Whether the models (and the operations' error enums, headers and outputs) are `Hashable`; by default they
    /// are `Equatable` only: hashing code for every model costs about a tenth of a large module's build, and few
    /// programs put API responses in sets or dictionary keys.
    public var hashable: Bool
    /// How Server-sent event streams end (`eventStreams` in gen-config).
    public var eventStreams: EventStreamOptions = EventStreamOptions()
    /// Transports to write besides `URLSessionTransport` (`transports` in gen-config).
    public var transports: [TransportKind] = []
    /// Whether the runtime carries `URLSessionTransport`, the client's default transport (`urlSession` in
    /// gen-config). Without it `Runtime.swift` does not import FoundationNetworking (on Linux: libcurl and about
    /// 6 MiB resident at start), and `Client(transport:)` takes a transport (AsyncHTTPClient's, your own).
    public var urlSession = true
    /// Also write the server side (`server: true` in gen-config, or `--server`): Server.swift (`APIHandler`,
    /// `APIRouter`), `Server+X.swift` (each operation's `Input` and `Response`, by letter) and, with fixtures,
    /// MockHandler.swift.
    public var server = false
    /// Write the client's operations (`client: false` in gen-config leaves them out, for a server-only module).
    public var client = true
    /// Server adapters to write (`servers` in gen-config), each a file that imports its framework.
    public var serverAdapters: [ServerAdapterKind] = []

    /// `Hashable` or `Equatable`, as `hashable` says.
    package var equality: String { hashable ? "Hashable" : "Equatable" }

    /// Creates options.
    public init(
        exerciser: Bool = false, access: AccessModifier = .public, filter: OperationFilter? = nil,
        typeOverrides: TypeOverrides = TypeOverrides(), fixtures: Bool = true, fixturesModule: String? = nil,
        everyFile: Bool = false, hashable: Bool = false
    ) {
        self.everyFile = everyFile
        self.hashable = hashable
        self.exerciser = exerciser
        self.access = access
        self.filter = filter
        self.typeOverrides = typeOverrides
        self.fixtures = fixtures
        self.fixturesModule = fixturesModule
    }
}

/// How the Server-sent event streams of a spec end: a `data` value that is no event but the end of the stream
/// (OpenAI's `[DONE]`), for every stream or per operation (by `operationId`). Without one, a terminator shown in
/// the stream's examples is used, and otherwise the stream ends with the body.
public struct EventStreamOptions: Sendable, Hashable {
    /// The terminator of every stream.
    public var terminator: String?
    /// Terminators by `operationId`, overriding `terminator`.
    public var terminators: [String: String]
    /// The events' schema by `operationId` (a name in `components.schemas`), for a stream the spec gives none
    /// (or one the user wants read otherwise).
    public var schemas: [String: String]

    /// Creates options.
    public init(terminator: String? = nil, terminators: [String: String] = [:], schemas: [String: String] = [:]) {
        self.terminator = terminator
        self.terminators = terminators
        self.schemas = schemas
    }
}
