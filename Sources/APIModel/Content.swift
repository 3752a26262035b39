public import Diagnostics

// What a request body, response or parameter holds: media types, their encodings and examples.

/// One entry of a `content` map.
public struct PropertyEncoding: Hashable, Sendable {
    /// The property it applies to.
    public var name: String
    /// `contentType` (a part's type in multipart; JSON text or plain text in a form).
    public var contentType: String?
    /// `style` and `explode`, as for a query parameter (forms only).
    public var style: ParameterStyle?
    public var explode: Bool?

    /// Creates a property's encoding.
    public init(name: String, contentType: String?, style: ParameterStyle?, explode: Bool?) {
        self.name = name
        self.contentType = contentType
        self.style = style
        self.explode = explode
    }
}

/// A media type of a request or response body.
public struct MediaType: Hashable, Sendable {
    /// The media type as written (`application/json`).
    public var contentType: String
    /// `schema`, if any.
    public var schema: Schema?
    /// `example` and `examples`, in document order.
    public var examples: [Example]
    /// `encoding`: how properties of a form or multipart body are written, by property name, in document order.
    public var encoding: [PropertyEncoding]
    /// Where it is written.
    public var location: SourceLocation

    /// Creates a media type.
    public init(
        contentType: String, schema: Schema?, examples: [Example], encoding: [PropertyEncoding] = [],
        location: SourceLocation
    ) {
        self.contentType = contentType
        self.schema = schema
        self.examples = examples
        self.encoding = encoding
        self.location = location
    }

    /// Whether this is JSON (`application/json`, `application/problem+json`, `…; charset=utf-8`).
    public var isJSON: Bool {
        let base = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
        return base == "application/json" || base.hasSuffix("+json") || base == "*/*" && schema != nil
    }

    /// How events are framed when this is an event stream: `text/event-stream`, JSON Lines
    /// (`application/jsonl`, `application/x-ndjson`, …) or a JSON text sequence (`application/json-seq`).
    public var eventFraming: EventFraming? { EventFraming(contentType: contentType) }
}

/// How the events of a streamed body are framed.
public enum EventFraming: String, Hashable, Sendable {
    /// Server-sent events (WHATWG HTML): each event's `data` is a value.
    case serverSentEvents
    /// JSON Lines / NDJSON: a value per line.
    case jsonLines
    /// RFC 7464: a value after each record separator.
    case jsonSequence

    /// The framing of `contentType` (`text/event-stream`, `application/jsonl` and its aliases,
    /// `application/json-seq`, …; parameters ignored), or nil when it is no event stream.
    public init?(contentType: String) {
        let base = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
        switch base {
        case "text/event-stream": self = .serverSentEvents
        case "application/jsonl", "application/x-jsonl", "application/jsonlines", "application/x-jsonlines",
            "application/x-ndjson", "application/ndjson":
            self = .jsonLines
        case "application/json-seq", "application/geo+json-seq": self = .jsonSequence
        default: return nil
        }
    }
}

/// A named or unnamed example.
public struct Example: Hashable, Sendable {
    /// The key in `examples`, or nil for `example`.
    public var name: String?
    /// `summary`, if any.
    public var summary: String?
    /// The value.
    public var value: JSONValue
    /// Where it is written.
    public var location: SourceLocation

    /// Creates an example.
    public init(name: String?, summary: String?, value: JSONValue, location: SourceLocation) {
        self.name = name
        self.summary = summary
        self.value = value
        self.location = location
    }
}
