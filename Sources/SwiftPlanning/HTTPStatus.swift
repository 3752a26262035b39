package import APIModel

/// Swift names for HTTP statuses, used for error cases and fixtures (`404` → `notFound`).
package enum HTTPStatus {
    package static let names: [Int: String] = [
        200: "ok", 201: "created", 202: "accepted", 203: "nonAuthoritativeInformation", 204: "noContent",
        205: "resetContent", 206: "partialContent", 207: "multiStatus",
        300: "multipleChoices", 301: "movedPermanently", 302: "found", 303: "seeOther", 304: "notModified",
        307: "temporaryRedirect", 308: "permanentRedirect",
        400: "badRequest", 401: "unauthorized", 402: "paymentRequired", 403: "forbidden", 404: "notFound",
        405: "methodNotAllowed", 406: "notAcceptable", 407: "proxyAuthenticationRequired", 408: "requestTimeout",
        409: "conflict", 410: "gone", 411: "lengthRequired", 412: "preconditionFailed", 413: "contentTooLarge",
        414: "uriTooLong", 415: "unsupportedMediaType", 416: "rangeNotSatisfiable", 417: "expectationFailed",
        421: "misdirectedRequest", 422: "unprocessableContent", 423: "locked", 424: "failedDependency",
        425: "tooEarly", 426: "upgradeRequired", 428: "preconditionRequired", 429: "tooManyRequests",
        431: "requestHeaderFieldsTooLarge", 451: "unavailableForLegalReasons",
        500: "internalServerError", 501: "notImplemented", 502: "badGateway", 503: "serviceUnavailable",
        504: "gatewayTimeout", 505: "httpVersionNotSupported", 507: "insufficientStorage",
        511: "networkAuthenticationRequired",
    ]

    /// `notFound` for 404, `status418` for codes without a standard name, `status4XX` for ranges, `other` for default.
    package static func name(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): names[code] ?? "status\(code)"
        case .range(let range): "status\(range)XX"
        case .default: "other"
        }
    }

    /// The `case` pattern in a `switch response.statusCode`.
    package static func pattern(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): "case \(code):"
        case .range(let range): "case \(range * 100)...\(range * 100 + 99):"
        case .default: "default:"
        }
    }

    /// `404`, `4XX` or `Any other status`, for documentation.
    package static func label(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code): String(code)
        case .range(let range): "\(range)XX"
        case .default: "Any other status"
        }
    }

    /// A representative code for fixtures (`2XX` → 200; `default` → 500).
    package static func representativeCode(_ status: ResponseStatus) -> Int {
        switch status {
        case .code(let code): code
        case .range(let range): range * 100
        case .default: 500
        }
    }
}

extension ResponseStatus {
    /// The status as written in the spec: `200`, `4XX`, `default`.
    package var text: String {
        switch self {
        case .code(let code): "\(code)"
        case .range(let range): "\(range)XX"
        case .default: "default"
        }
    }
}
