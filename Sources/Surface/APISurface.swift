import APIModel
public import Diagnostics
public import SwiftPlanning

/// The Swift API gen generates for a spec, as values: what callers of the generated code can name and rely on.
/// Two surfaces are compared by `SurfaceDiff` (`gen diff`); each part knows where in the spec it came from.
///
/// It is read from the same typed layer the templates are printed from (`TypeBuilder`, `OperationPlan`), so it is
/// the generated API, not a second reading of the spec.
public struct APISurface: Sendable {
    /// Every generated model type, components and inline types alike, in declaration order.
    public var types: [SurfaceType] = []
    /// Every client method, in document order.
    public var operations: [SurfaceOperation] = []
    /// `Client.Servers` members.
    public var servers: [SurfaceServer] = []
    /// `Authentication` factories, one per security scheme.
    public var authentications: [SurfaceAuthentication] = []
    /// `APIHandler`'s requirements, one per operation, when the server side is generated (`server: true`).
    public var handlers: [SurfaceHandler] = []
}

/// What a server's handler implements for one operation: an `APIHandler` method taking the operation's `Input`
/// and returning its `Response`.
public struct SurfaceHandler: Sendable {
    /// The method name.
    public var name: String
    /// `GET /api/v1/runs/{runID}`.
    public var route: String
    /// `Operations.GetRun`, where `Input` and `Response` are declared.
    public var namespace: String
    public var location: SourceLocation
    /// `Input`'s stored properties, in declaration order (parameters, `body`, the bodies of other Swift types).
    public var fields: [SurfaceField]
    /// `Response`'s documented cases (`undocumented` is always there).
    public var cases: [SurfaceResponseCase]
}

/// A stored property of an operation's `Input`.
public struct SurfaceField: Sendable, Hashable {
    public var name: String
    /// The Swift type, `?` included.
    public var type: SwiftType
    public var location: SourceLocation
}

/// A documented case of an operation's `Response`.
public struct SurfaceResponseCase: Sendable, Hashable {
    /// The status as written (`200`, `4XX`, `default`).
    public var status: String
    public var caseName: String
    /// The associated values as declared (`RunInfo, headers: Operations.GetRun.OkHeaders = .init()`).
    public var payload: String
    public var location: SourceLocation
}

/// A generated type.
public struct SurfaceType: Sendable {
    /// The qualified Swift name (`RunsResponse.Data`, `Operations.GetThing.OkBody`).
    public var name: String
    /// The schema's JSON pointer (`#/components/schemas/Run`): a type whose Swift name changed while its pointer
    /// stayed is a rename.
    public var pointer: String
    public var location: SourceLocation
    public var kind: Kind

    public enum Kind: Sendable {
        /// A struct: an object's properties, or an `anyOf`/`allOf`'s parts.
        case structure([SurfaceProperty])
        /// An open enum of raw values.
        case enumeration(rawType: SwiftType, cases: [SurfaceEnumCase])
        /// A `oneOf`: a closed enum with a case per alternative.
        case oneOf([SurfaceAlternative])
        /// `typealias Name = target`.
        case alias(SwiftType)

        /// A word for messages.
        public var word: String {
            switch self {
            case .structure: "struct"
            case .enumeration: "enum"
            case .oneOf: "oneOf enum"
            case .alias: "typealias"
            }
        }
    }
}

/// A stored property of a generated struct.
public struct SurfaceProperty: Sendable, Hashable {
    /// The Swift name.
    public var name: String
    /// The JSON key it is coded with (the part's type for a composite's parts).
    public var jsonName: String
    /// The Swift type, `?` included.
    public var type: SwiftType
    /// Whether the spec lists it as required.
    public var isRequired: Bool
    /// The schema's `format`, when it is a string, integer or number.
    public var format: String?
    public var location: SourceLocation
}

/// A case of an open enum.
public struct SurfaceEnumCase: Sendable, Hashable {
    public var name: String
    /// The value as it appears in JSON.
    public var raw: String
    public var location: SourceLocation
}

/// A case of a `oneOf` enum.
public struct SurfaceAlternative: Sendable, Hashable {
    public var name: String
    public var type: SwiftType
    /// The discriminator values that select it.
    public var discriminatorValues: [String]
    public var location: SourceLocation
}

/// A client method.
public struct SurfaceOperation: Sendable {
    /// The Swift method name.
    public var name: String
    /// `GET /api/v1/runs/{runID}`.
    public var route: String
    public var location: SourceLocation
    public var isDeprecated: Bool
    /// Whether requests carry credentials.
    public var requiresAuthentication: Bool
    /// In signature order.
    public var parameters: [SurfaceParameter]
    public var body: SurfaceBody?
    /// The return type (`nil` for `Void`).
    public var returnType: SwiftType?
    /// Documented success statuses (`200`, `2XX`).
    public var successes: [SurfaceStatus]
    /// The error enum's name, when the operation throws documented errors.
    public var errorTypeName: String?
    /// The error enum's cases.
    public var errors: [SurfaceStatus]
    /// The operation's other methods, by name: `…Stream` (typed events), `…Bytes` (the body as it comes),
    /// `…WithHeaders`, the pages sequence of `x-pagination`.
    public var forms: [SurfaceForm] = []
    /// Overloads that take the request body in another media type, by the body argument's label
    /// (`multipartBody:`).
    public var bodyForms: [SurfaceBodyForm] = []
}

/// A method generated beside an operation's own, taking the same arguments and returning another form of the
/// response.
public struct SurfaceForm: Sendable, Hashable {
    /// The Swift method name.
    public var name: String
    /// What it returns (`EventStream<ChunkEvent>`, `ByteStream`).
    public var returns: String
    /// What it asks for or reads (`Accept: text/event-stream`), compared as behaviour.
    public var detail: String
    public var location: SourceLocation
}

/// An overload of an operation's method that sends the body in another media type.
public struct SurfaceBodyForm: Sendable, Hashable {
    /// The body argument's label (`multipartBody`).
    public var label: String
    public var body: SurfaceBody
}

/// A parameter of a client method.
public struct SurfaceParameter: Sendable, Hashable {
    /// The Swift argument label.
    public var name: String
    /// The name in the spec.
    public var specName: String
    /// The type, never optional.
    public var type: SwiftType
    /// Whether the argument must be given (optional ones default to `nil`).
    public var isRequired: Bool
    /// `path`, `query`, `header` or `cookie`, with the style: how it is sent.
    public var serialization: String
    public var location: SourceLocation
}

/// The request body of a client method.
public struct SurfaceBody: Sendable, Hashable {
    public var type: SwiftType
    public var isRequired: Bool
    /// How it is sent (`application/json`, form, multipart, raw bytes).
    public var encoding: String
    public var location: SourceLocation
}

/// A documented response status: a success the method returns, or a case of its error enum.
public struct SurfaceStatus: Sendable, Hashable {
    /// The status as written (`200`, `4XX`, `default`).
    public var status: String
    /// The Swift case name (`notFound`); for successes, the `Output` case name or the status.
    public var caseName: String
    /// What the case carries (`nil` for no content).
    public var payload: SwiftType?
    public var location: SourceLocation
}

/// A `Client.Servers` member.
public struct SurfaceServer: Sendable, Hashable {
    public var name: String
    public var url: String
    public var location: SourceLocation
}

/// An `Authentication` factory.
public struct SurfaceAuthentication: Sendable, Hashable {
    public var name: String
    /// What the caller gives (`token`, `username, password`, `apiKey`).
    public var arguments: String
    /// Where the credential goes (`Authorization: Bearer`, `query api_key`).
    public var placement: String
    public var location: SourceLocation
}
