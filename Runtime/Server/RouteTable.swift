// The server side: RouteTable, matching requests to operations and answering what reaches none.
// gen copies this file into Runtime.swift; see Runtime/README.md.

import Foundation

/// Routes requests to operations and answers what does not reach one: `404` for no route, `405` with `Allow`
/// for a known path and another method, `415`/`406` for media types the operation does not take or give, `401`
/// when its security requirement is not met, `400` when a parameter or the body does not decode, and `500`
/// (without the error's description) when the handler throws.
public struct RouteTable: Sendable {
    private struct Compiled: Sendable {
        var route: ServerRoute
        /// Its index in the routes given (the generated router's dispatch).
        var index: Int
        /// Per segment: literal text, or the pieces of a segment holding variables.
        var segments: [Segment]
        /// Literal segments first: a route with a literal where another has a variable wins.
        var rank: [Int]
        /// The query items its path key fixes (`/responses?beta=true`), percent-decoded: all must be in the request,
        /// and a route fixing more wins over one with the same path fixing fewer.
        var fixedQuery: [(name: String, value: String)]
    }

    private enum Segment: Sendable {
        case literal(String)
        /// `prefix{name}suffix` (several variables in one segment: split at each literal between them).
        case pattern([Piece])
    }

    private enum Piece: Sendable {
        case text(String)
        case variable(String)
    }

    private let routes: [Int: [Compiled]]
    /// The routes of operations served elsewhere, their server's path included.
    private let ownServerRoutes: [Int: [Compiled]]
    private let basePath: String
    private let schemes: [String: SecurityScheme]
    private let authenticator: any APIAuthenticator
    private let onError: @Sendable (any Swift.Error, ServerRequest) -> Void

    /// Creates the table.
    ///
    /// - Parameters:
    ///   - basePath: Removed from each request's path before matching (the path of the server URL).
    ///   - onError: Called with what a handler threw, before `500` is answered (log it there: the answer never
    ///     carries it).
    public init(
        routes: [ServerRoute], basePath: String, schemes: [String: SecurityScheme], authenticator: any APIAuthenticator,
        onError: @escaping @Sendable (any Swift.Error, ServerRequest) -> Void
    ) {
        var table: [Int: [Compiled]] = [:]
        var own: [Int: [Compiled]] = [:]
        for (index, route) in routes.enumerated() {
            let key = route.template.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let fixedQuery = key.count > 1 ? ServerRequest.formItems(String(key[1])) : []
            let template = (route.basePath.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "") + key[0]
            let segments = RouteTable.segments(template).map { text -> Segment in
                guard text.contains("{") else { return .literal(ServerRequest.decoded(String(text))) }
                var pieces: [Piece] = []
                var rest = text[...]
                while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                    if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
                    pieces.append(.variable(String(rest[rest.index(after: open)..<close])))
                    rest = rest[rest.index(after: close)...]
                }
                if !rest.isEmpty { pieces.append(.text(String(rest))) }
                return .pattern(pieces)
            }
            let rank = segments.map { if case .literal = $0 { 0 } else { 1 } }
            let compiled = Compiled(route: route, index: index, segments: segments, rank: rank, fixedQuery: fixedQuery)
            if route.basePath == nil {
                table[segments.count, default: []].append(compiled)
            } else {
                own[segments.count, default: []].append(compiled)
            }
        }
        let order = { (first: Compiled, second: Compiled) -> Bool in
            if first.rank != second.rank { return first.rank.lexicographicallyPrecedes(second.rank) }
            if first.fixedQuery.count != second.fixedQuery.count {
                return first.fixedQuery.count > second.fixedQuery.count
            }
            return first.index < second.index
        }
        for key in table.keys { table[key]!.sort(by: order) }
        for key in own.keys { own[key]!.sort(by: order) }
        self.routes = table
        self.ownServerRoutes = own
        self.basePath = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        self.schemes = schemes
        self.authenticator = authenticator
        self.onError = onError
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    /// Answers `request`: `dispatch` decodes the input of the operation it was routed to, calls the handler and
    /// encodes its answer; `refuse` answers a request the operation refuses (a `RequestError`) in the shape its spec
    /// documents for that status, or nil for an RFC 9457 problem document.
    ///
    /// - Parameters:
    ///   - body: The body as it comes, when the adapter streams it (`request.body` is then nil): handed to the
    ///     handler as it is when the route streams bodies of its media type (`ServerRoute.streams`), otherwise read
    ///     first, up to `maxBodySize` bytes (more: `413`).
    public func respond(
        to request: HTTPRequest, body: ByteStream? = nil, maxBodySize: Int = .max,
        dispatch: (Int, ServerRequest) async throws -> StreamedResponse,
        refuse: (Int, RequestError) -> StreamedResponse? = { _, _ in nil }
    ) async -> StreamedResponse {
        let (path, rawQuery) = RouteTable.target(of: request.url)
        var query: [(name: String, value: String)]?
        var allowed: [String] = []
        var found: (Compiled, [String: String])?
        for (candidate, parameters) in matches(forPath: path) {
            if !candidate.fixedQuery.isEmpty {
                let items = query ?? rawQuery.map { ServerRequest.formItems($0) } ?? []
                query = items
                guard candidate.fixedQuery.allSatisfy({ item in items.contains { $0 == item } }) else { continue }
            }
            // Methods are case-sensitive; a standard one also matches in lower case (`get`), as servers take it.
            if candidate.route.method == request.method || candidate.route.method == request.method.uppercased() {
                found = (candidate, parameters)
                break
            }
            if !allowed.contains(candidate.route.method) { allowed.append(candidate.route.method) }
        }
        guard let (compiled, parameters) = found else {
            if allowed.isEmpty {
                return StreamedResponse(RequestError(status: 404, detail: "no operation has the path \(path)").response)
            }
            return StreamedResponse(
                RequestError(
                    status: 405, detail: "\(request.method) is not an operation of \(path)",
                    headers: ["Allow": allowed.sorted().joined(separator: ", ")]
                ).response)
        }
        let route = compiled.route
        var http = request
        var stream: ByteStream?
        let contentType = request.headers.first { $0.key.lowercased() == "content-type" }?.value
        if let data = request.body, data.count > maxBodySize, !route.streamsBody(contentType: contentType) {
            // A body already in memory (a router used in-process) is held to the same cap.
            let tooLarge = RequestError(status: 413, detail: "the body is larger than \(maxBodySize) bytes")
            return Self.answer(tooLarge, documented: refuse(compiled.index, tooLarge))
        }
        if let body {
            if route.streamsBody(contentType: contentType) {
                stream = body
            } else {
                do {
                    let data = try await body.collect(upTo: maxBodySize)
                    http.body = data.isEmpty ? nil : data
                } catch is ByteStream.TooLarge {
                    let tooLarge = RequestError(status: 413, detail: "the body is larger than \(maxBodySize) bytes")
                    return Self.answer(tooLarge, documented: refuse(compiled.index, tooLarge))
                } catch {
                    return StreamedResponse(RequestError(status: 400, detail: "the body could not be read").response)
                }
            }
        }
        let served = ServerRequest(
            http: http, operation: route.operation, pathParameters: parameters, query: rawQuery, bodyStream: stream)
        do {
            try check(served, route: route)
            // The authenticator sees the request as the handler does (`ServerRequest.current`): a mutual TLS
            // scheme's credential is not in it, but a proxy's header about the certificate may be.
            return try await ServerRequest.$current.withValue(served) {
                try await authorize(served, route: route)
                return try await dispatch(compiled.index, served)
            }
        } catch let error as RequestError {
            return Self.answer(error, documented: refuse(compiled.index, error))
        } catch let APIError.invalidEvent(_, index, codingPath, reason, _) {
            // A streamed request body's event the handler read before answering.
            let invalid = RequestError(
                status: 400, detail: "the body's event \(index) does not decode: \(reason)",
                codingPath: codingPath.isEmpty ? nil : codingPath)
            return Self.answer(invalid, documented: refuse(compiled.index, invalid))
        } catch {
            onError(error, served)
            let failure = RequestError(status: 500, detail: "the operation failed")
            return Self.answer(failure, documented: refuse(compiled.index, failure))
        }
    }

    /// The answer to a refusal: in the shape the operation documents for it, with the refusal's own header fields
    /// (`WWW-Authenticate`, `Allow`), or else its problem document.
    private static func answer(_ error: RequestError, documented: StreamedResponse?) -> StreamedResponse {
        guard var documented else { return StreamedResponse(error.response) }
        for (name, value) in error.headers where documented.head.header(name) == nil {
            documented.head.headers[name] = value
        }
        return documented
    }

    /// The percent-encoded path (`""` for none) and query of `url`, read from its text once (`URLComponents`
    /// would parse it again on every request).
    static func target(of url: URL) -> (path: String, query: String?) {
        // Scanned as bytes: `range(of:)` on a string goes through Foundation, and showed in a server's profile.
        let text = url.absoluteString
        let bytes = text.utf8
        let (slash, question, hash) = (UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"))
        var start = bytes.startIndex
        // `scheme://authority` before the path.
        if let colon = bytes.firstIndex(where: {
            $0 == UInt8(ascii: ":") || $0 == slash || $0 == question || $0 == hash
        }),
            bytes[colon] == UInt8(ascii: ":"), bytes[colon...].starts(with: "://".utf8)
        {
            let authority = bytes.index(colon, offsetBy: 3)
            start = bytes[authority...].firstIndex { $0 == slash || $0 == question || $0 == hash } ?? bytes.endIndex
        }
        let end = bytes[start...].firstIndex(of: hash) ?? bytes.endIndex
        guard let mark = bytes[start..<end].firstIndex(of: question) else { return (String(text[start..<end]), nil) }
        return (String(text[start..<mark]), String(text[bytes.index(after: mark)..<end]))
    }

    /// Whether a route has this path (percent-encoded, query excluded), whatever its method: an adapter used as a
    /// middleware answers these and passes the others on.
    public func hasRoute(forPath path: String) -> Bool {
        !matches(forPath: path, firstOnly: true).isEmpty
    }

    /// The routes whose template matches `path` (percent-encoded, query excluded), best first, with the path
    /// parameters each reads from it (only the first with `firstOnly`). The routes with a server of their own match
    /// the whole path; the others the path below the base path.
    private func matches(forPath path: String, firstOnly: Bool = false) -> [(Compiled, [String: String])] {
        var found: [(Compiled, [String: String])] = []
        let full = RouteTable.segments(path.isEmpty ? "/" : path)
        for candidate in ownServerRoutes[full.count] ?? [] {
            if let parameters = RouteTable.match(candidate.segments, full) {
                found.append((candidate, parameters))
                if firstOnly { return found }
            }
        }
        guard basePath.isEmpty || path == basePath || path.hasPrefix(basePath + "/") else { return found }
        var below = path
        below.removeFirst(basePath.count)
        let segments = RouteTable.segments(below.isEmpty ? "/" : below)
        for candidate in routes[segments.count] ?? [] {
            if let parameters = RouteTable.match(candidate.segments, segments) {
                found.append((candidate, parameters))
                if firstOnly { return found }
            }
        }
        return found
    }

    private static func match(_ segments: [Segment], _ path: [Substring]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (segment, text) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                if text != literal, ServerRequest.decoded(String(text)) != literal { return nil }
            case .pattern(let pieces):
                var rest = text[...]
                for (index, piece) in pieces.enumerated() {
                    switch piece {
                    case .text(let literal):
                        guard rest.hasPrefix(literal) else { return nil }
                        rest = rest.dropFirst(literal.count)
                    case .variable(let name):
                        // Up to the next literal piece, or the end of the segment.
                        var value = rest
                        if index + 1 < pieces.count, case .text(let next) = pieces[index + 1] {
                            guard let end = rest.range(of: next, options: .backwards) else { return nil }
                            value = rest[..<end.lowerBound]
                        }
                        guard !value.isEmpty else { return nil }
                        parameters[name] = String(value)
                        rest = rest[value.endIndex...]
                    }
                }
                guard rest.isEmpty else { return nil }
            }
        }
        return parameters
    }

    /// `415` for a body of a media type the operation does not take, `400` for a missing required body, `406` when
    /// `Accept` allows none of the media types it answers with.
    private func check(_ request: ServerRequest, route: ServerRoute) throws {
        let contentType = request.header("Content-Type") ?? ""
        // A form whose fields are all empty lists has no bytes, but its Content-Type says it is there (asked only
        // of an empty body sent to an operation that takes a form).
        let hasBody =
            request.hasBody
            || route.consumesForm && MediaRange.matches(contentType, range: "application/x-www-form-urlencoded")
        if hasBody, !route.consumes.isEmpty {
            guard route.consumes.contains(where: { MediaRange.matches(contentType, range: $0) }) else {
                throw RequestError(
                    status: 415,
                    detail:
                        "the body's Content-Type '\(contentType)' is not one of \(route.consumes.joined(separator: ", "))"
                )
            }
        } else if !hasBody, route.requiresBody {
            throw RequestError(status: 400, detail: "the request body is required")
        }
        if let accept = request.header("Accept"), !route.produces.isEmpty {
            let ranges = MediaRange.parse(accept)
            guard route.produces.contains(where: { type in ranges.contains { MediaRange.matches(type, range: $0) } })
            else {
                throw RequestError(
                    status: 406,
                    detail: "Accept '\(accept)' allows none of \(route.produces.joined(separator: ", "))")
            }
        }
    }

    /// `401` unless every scheme of one alternative of the route's requirement has a credential the
    /// authenticator accepts.
    private func authorize(_ request: ServerRequest, route: ServerRoute) async throws {
        guard !route.security.isEmpty, !route.security.contains(where: \.isEmpty) else { return }
        for alternative in route.security {
            var satisfied = true
            for name in alternative {
                guard let scheme = schemes[name], let credential = credential(scheme, named: name, in: request),
                    try await authenticator.authenticate(credential, operation: route.operation)
                else {
                    satisfied = false
                    break
                }
            }
            if satisfied { return }
        }
        let challenges = Set(
            route.security.joined().compactMap { name -> String? in
                switch schemes[name] {
                case .bearer?: "Bearer"
                case .basic?: "Basic"
                default: nil
                }
            })
        throw RequestError(
            status: 401, detail: "the operation needs credentials",
            headers: challenges.isEmpty ? [:] : ["WWW-Authenticate": challenges.sorted().joined(separator: ", ")])
    }

    private func credential(_ scheme: SecurityScheme, named name: String, in request: ServerRequest) -> Credential? {
        switch scheme {
        case .apiKey(let key, let location):
            let value: String?
            switch location {
            case .query: value = request.queryItems.first { $0.name == key }?.value
            case .cookie: value = request.parameterText(cookie: key)
            default: value = request.header(key)
            }
            return value.map { Credential(scheme: name, value: .apiKey($0)) }
        case .bearer:
            guard let field = request.header("Authorization"), field.lowercased().hasPrefix("bearer ") else {
                return nil
            }
            return Credential(scheme: name, value: .bearer(String(field.dropFirst(7))))
        case .basic:
            guard let field = request.header("Authorization"), field.lowercased().hasPrefix("basic "),
                let decoded = Data(base64Encoded: String(field.dropFirst(6))),
                let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { return nil }
            return Credential(
                scheme: name,
                value: .basic(username: String(text[..<colon]), password: String(text[text.index(after: colon)...])))
        case .mutualTLS:
            return Credential(scheme: name, value: .mutualTLS)
        }
    }
}
