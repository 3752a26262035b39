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
    /// The largest request body read; a larger one is answered with `413`.
    public var maxBodySize: Int

    /// Creates the adapter.
    public init(router: APIRouter<Handler>, maxBodySize: Int = 16 << 20) {
        self.router = router
        self.maxBodySize = maxBodySize
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard router.hasRoute(forPath: request.url.path) else { return try await next.respond(to: request) }
        guard let url = ServerRequest.url(target: request.url.string) else {
            return Self.response(RequestError(status: 400, detail: "the request target is not a valid URL").response)
        }
        let body: ByteBuffer?
        do {
            body = try await request.body.collect(max: maxBodySize).get()
        } catch {
            return Self.response(
                RequestError(status: 413, detail: "the body is larger than \(maxBodySize) bytes").response)
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let key = name.lowercased()
            let separator = key == "cookie" ? "; " : ", "
            headers[key] = headers[key].map { $0 + separator + value } ?? value
        }
        let answer = await router.respond(
            to: HTTPRequest(
                method: request.method.rawValue, url: url, headers: headers,
                body: body.flatMap { $0.readableBytes == 0 ? nil : Data($0.readableBytesView) }))
        return Self.response(answer)
    }

    static func response(_ answer: HTTPResponse) -> Response {
        var headers = HTTPHeaders()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        return Response(
            status: HTTPResponseStatus(statusCode: answer.statusCode), headers: headers,
            body: .init(data: answer.body))
    }
}
