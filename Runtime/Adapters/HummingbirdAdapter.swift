// HummingbirdAdapter.swift (servers: [hummingbird]): serves APIRouter with Hummingbird 2.
// gen copies this file as it is; it is compiled and tested in Examples/RunsServer.

import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Serves an `APIRouter` with Hummingbird 2: as the application's responder, or as a middleware in front of a
/// `Router` of your own (the spec's paths are answered, the others passed on). With `HummingbirdRequestContext` (or
/// any `ChannelRequestContext`) a streamed answer's unsent bytes stay bounded; `BasicRequestContext` works without
/// that bound.
///
/// ```swift
/// let api = APIRouter(handler: MyHandler(), authenticator: MyTokenCheck())
/// let app = Application(
///     responder: HummingbirdAdapter<_, HummingbirdRequestContext>(router: api),
///     configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
public struct HummingbirdAdapter<Handler: APIHandler, Context: RequestContext>: HTTPResponder, RouterMiddleware {
    public let router: APIRouter<Handler>

    /// Creates the adapter. How large a body may be is the router's `maxBodySize` (raw and event bodies stream to
    /// the handler without a cap).
    public init(router: APIRouter<Handler>) {
        self.router = router
    }

    /// Answers every request through the router: its body handed over as it arrives, the answer's written as the
    /// handler produces it (each chunk once the connection took the one before; a client that goes away ends the
    /// handler's sequence).
    public func respond(to request: Request, context: Context) async throws -> Response {
        guard let url = ServerRequest.url(target: request.uri.description) else {
            return Self.response(
                StreamedResponse(RequestError(status: 400, detail: "the request target is not a valid URL").response))
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            let separator = name == "cookie" ? "; " : ", "
            headers[name] = headers[name].map { $0 + separator + field.value } ?? field.value
        }
        let length = request.headers[.contentLength].flatMap { Int($0) }
        let hasBody = length.map { $0 > 0 } ?? (request.headers[.transferEncoding] != nil)
        let body = hasBody ? ByteStream(BodyChunks(body: request.body), length: length) : nil
        let answer = await router.respond(
            to: HTTPRequest(method: request.method.rawValue, url: url, headers: headers), body: body)
        return Self.response(answer, channel: (context as? any ChannelRequestContext)?.channel)
    }

    /// Answers the spec's paths; passes any other request on.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard router.hasRoute(forPath: request.uri.path) else { return try await next(request, context) }
        return try await respond(to: request, context: context)
    }

    static func response(_ answer: StreamedResponse, channel: (any Channel)? = nil) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.head.headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        if let data = answer.body.contents {
            fields[.contentLength] = String(data.count)
            return Response(
                status: .init(code: answer.head.statusCode), headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let body = answer.body
        return Response(
            status: .init(code: answer.head.statusCode), headers: fields,
            body: ResponseBody(contentLength: body.length) { writer in
                // Hummingbird's writer hands each buffer to the event loop without waiting for it: with a producer
                // faster than the socket, buffers pile up before the loop says it cannot take more. With the channel
                // (`ChannelRequestContext`), the writer waits for the loop every 256 KiB.
                var sinceBarrier = 0
                for try await chunk in body {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    sinceBarrier += chunk.count
                    if let channel, sinceBarrier >= 256 << 10 {
                        sinceBarrier = 0
                        try await channel.eventLoop.submit {}.get()
                    }
                }
                try await writer.finish(nil)
            })
    }

    /// A request body's buffers as `Data`, pulled one at a time (Hummingbird reads the next from the connection
    /// when asked).
    struct BodyChunks: AsyncSequence, Sendable {
        typealias Element = Data
        let body: RequestBody

        func makeAsyncIterator() -> Iterator { Iterator(base: body.makeAsyncIterator()) }

        struct Iterator: AsyncIteratorProtocol {
            var base: RequestBody.AsyncIterator

            mutating func next() async throws -> Data? {
                try await base.next().map { Data($0.readableBytesView) }
            }
        }
    }
}

/// A request context that knows its connection's channel: with it, `HummingbirdAdapter` keeps a streamed answer's
/// unsent bytes bounded (Hummingbird's writer alone lets a fast producer run ahead of the socket).
public protocol ChannelRequestContext: RequestContext {
    /// The connection the request came on.
    var channel: any Channel { get }
}

/// The request context to serve an `APIRouter` with: Hummingbird's basic context, plus the channel
/// (`ChannelRequestContext`).
///
/// ```swift
/// Application(responder: HummingbirdAdapter<_, HummingbirdRequestContext>(router: api), …)
/// ```
public struct HummingbirdRequestContext: ChannelRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    /// Creates the context of a request that came on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }
}
