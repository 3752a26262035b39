// HummingbirdAdapter.swift (servers: [hummingbird]): serves APIRouter with Hummingbird 2.
// gen copies this file as it is; it is compiled and tested in Examples/RunsServer.

import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Serves an `APIRouter` with Hummingbird 2: as the application's responder, or as a middleware in front of a
/// `Router` of your own (the spec's paths are answered, the others passed on).
///
/// ```swift
/// let api = APIRouter(handler: MyHandler(), authenticator: MyTokenCheck())
/// let app = Application(
///     responder: HummingbirdAdapter<_, BasicRequestContext>(router: api),
///     configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
public struct HummingbirdAdapter<Handler: APIHandler, Context: RequestContext>: HTTPResponder, RouterMiddleware {
    public let router: APIRouter<Handler>
    /// The largest request body read; a larger one is answered with `413`.
    public var maxBodySize: Int

    /// Creates the adapter.
    public init(router: APIRouter<Handler>, maxBodySize: Int = 16 << 20) {
        self.router = router
        self.maxBodySize = maxBodySize
    }

    /// Answers every request through the router.
    public func respond(to request: Request, context: Context) async throws -> Response {
        guard let url = ServerRequest.url(target: request.uri.description) else {
            return Self.response(RequestError(status: 400, detail: "the request target is not a valid URL").response)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodySize)
        } catch {
            return Self.response(
                RequestError(status: 413, detail: "the body is larger than \(maxBodySize) bytes").response)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            let separator = name == "cookie" ? "; " : ", "
            headers[name] = headers[name].map { $0 + separator + field.value } ?? field.value
        }
        let answer = await router.respond(
            to: HTTPRequest(
                method: request.method.rawValue, url: url, headers: headers,
                body: body.readableBytes == 0 ? nil : Data(body.readableBytesView)))
        return Self.response(answer)
    }

    /// Answers the spec's paths; passes any other request on.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard router.hasRoute(forPath: request.uri.path) else { return try await next(request, context) }
        return try await respond(to: request, context: context)
    }

    static func response(_ answer: HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        return Response(
            status: .init(code: answer.statusCode), headers: fields,
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
