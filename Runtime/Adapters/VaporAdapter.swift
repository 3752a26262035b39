// VaporAdapter.swift (servers: [vapor]): serves APIRouter with Vapor 4.
// gen copies this file as it is; it is compiled and tested in Examples/RunsServer.

import Foundation
import NIOCore
import NIOHTTP1
public import Vapor

/// Serves an `APIRouter` with Vapor 4, as a middleware: the spec's paths are answered by the router, any other
/// request passed on to the application's own routes.
///
/// ```swift
/// let app = try await Application.make(.detect())
/// app.middleware.use(VaporAdapter(router: APIRouter(handler: MyHandler(), authenticator: MyTokenCheck())))
/// try await app.execute()
/// ```
public struct VaporAdapter<Handler: APIHandler>: AsyncMiddleware {
    public let router: APIRouter<Handler>

    /// Creates the adapter. How large a body may be is the router's `maxBodySize` (raw and event bodies stream to
    /// the handler without a cap).
    public init(router: APIRouter<Handler>) {
        self.router = router
    }

    /// Answers the spec's paths through the router (the body handed over as it arrives, the answer's written as the
    /// handler produces it); passes any other request on.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard router.hasRoute(forPath: request.url.path) else { return try await next.respond(to: request) }
        guard let url = ServerRequest.url(target: request.url.string) else {
            return Self.response(
                StreamedResponse(RequestError(status: 400, detail: "the request target is not a valid URL").response))
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let key = name.lowercased()
            let separator = key == "cookie" ? "; " : ", "
            headers[key] = headers[key].map { $0 + separator + value } ?? value
        }
        let length = request.headers.first(name: .contentLength).flatMap { Int($0) }
        let hasBody = length.map { $0 > 0 } ?? request.headers.contains(name: .transferEncoding)
        let body = hasBody ? ByteStream(BodyChunks(body: request.body), length: length) : nil
        let answer = await router.respond(
            to: HTTPRequest(method: request.method.rawValue, url: url, headers: headers), body: body)
        return Self.response(answer)
    }

    static func response(_ answer: StreamedResponse) -> Response {
        var headers = HTTPHeaders()
        for (name, value) in answer.head.headers.sorted(by: { $0.key < $1.key }) {
            headers.add(name: name, value: value)
        }
        let status = HTTPResponseStatus(statusCode: answer.head.statusCode)
        if let data = answer.body.contents {
            return Response(status: status, headers: headers, body: .init(data: data))
        }
        let stream = answer.body
        // Each chunk written once the connection took the one before; a client that goes away fails the write,
        // which ends the handler's sequence.
        return Response(
            status: status, headers: headers,
            body: .init(
                managedAsyncStream: { writer in
                    for try await chunk in stream { try await writer.writeBuffer(ByteBuffer(bytes: chunk)) }
                }, count: stream.length ?? -1))
    }

    /// A request body's buffers as `Data`, pulled one at a time (Vapor reads more from the connection as they are
    /// taken).
    struct BodyChunks: AsyncSequence, Sendable {
        typealias Element = Data
        let body: Request.Body

        func makeAsyncIterator() -> Iterator { Iterator(base: body.makeAsyncIterator()) }

        struct Iterator: AsyncIteratorProtocol {
            var base: Request.Body.AsyncIterator

            mutating func next() async throws -> Data? {
                try await base.next().map { Data($0.readableBytesView) }
            }
        }
    }
}
