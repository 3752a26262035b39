import Foundation
import Testing

/// Parameter styles and body encodings, checked on the requests the generated client really builds.
@Suite struct StyleTests {
    @Test("path, query, header and cookie styles, form and multipart bodies, as sent")
    func wireFormat() throws {
        let dir = try generateToDisk(styleSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation
        final class Capture: HTTPTransport, @unchecked Sendable {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                print(request.method, request.url.absoluteString)
                for name in ["Cookie", "X-Arr", "X-Obj", "Content-Type"] {
                    if var value = request.headers[name] {
                        if let range = value.range(of: "gen-boundary-") { value = String(value[..<range.lowerBound]) + "BOUNDARY" }
                        print("  \(name): \(value)")
                    }
                }
                if let body = request.body {
                    var text = String(decoding: body, as: UTF8.self)
                    if let boundary = request.headers["Content-Type"]?.components(separatedBy: "boundary=").last, boundary != text {
                        text = text.replacingOccurrences(of: boundary, with: "BOUNDARY")
                    }
                    print("  body:", text.replacingOccurrences(of: "\r\n", with: "|"))
                }
                return HTTPResponse(statusCode: 204)
            }
        }
        let client = Client(serverURL: URL(string: "https://h")!, transport: Capture())
        try await client.styles(
            id: "a/b", labels: [3, 4], matrix: .init(a: 1, b: "x y"),
            formArr: ["p", "q"], csv: [1, 2], space: ["s", "t"], pipe: ["u", "v"],
            deep: .init(a: 5, b: "c&d"), obj: .init(a: 6, b: "e"),
            xArr: [7, 8], xObj: .init(a: 9, b: "f"), session: "s 1", prefs: ["dark", "wide"])
        try await client.form(body: .init(name: "Ann & Bob", tags: ["x", "y"], age: 30))
        try await client.upload(body: .init(file: Data([0x00, 0x41, 0xFF]), caption: "hi"))
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Styles", "-o", "styles"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        let output = try runProgram("styles", in: dir)
        let expected = """
            GET https://h/s/a%2Fb/.3,4/;a=1;b=x%20y?formArr=p&formArr=q&csv=1%2C2&space=s%20t&pipe=u%7Cv&deep%5Ba%5D=5&deep%5Bb%5D=c%26d&a=6&b=e
              Cookie: session=s%201; prefs=dark,wide
              X-Arr: 7,8
              X-Obj: a=9,b=f
            POST https://h/form
              Content-Type: application/x-www-form-urlencoded
              body: age=30&name=Ann%20%26%20Bob&tags=x&tags=y
            POST https://h/upload
              Content-Type: multipart/form-data; boundary=BOUNDARY
              body: --BOUNDARY|Content-Disposition: form-data; name="caption"||hi|--BOUNDARY|Content-Disposition: form-data; name="file"; filename="file"|Content-Type: application/octet-stream||\u{0}A\u{FFFD}|--BOUNDARY--|

            """
        #expect(output == expected)
    }
}

@Suite struct ResponseHeaderTests {
    @Test("declared response headers are typed, parsed, and returned by the WithHeaders method")
    func headers() throws {
        let dir = try generateToDisk(headerSpec)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"""
        import Foundation
        struct Canned: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                HTTPResponse(statusCode: 200, headers: [
                    "x-rate-limit-remaining": " 42", "X-Request-ID": "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                    "X-Mode": "warp", "Last-Sync": "2019-08-24T14:15:22Z",
                ], body: Data(#"["a"]"#.utf8))
            }
        }
        let client = Client(serverURL: URL(string: "https://h")!, transport: Canned())
        let (body, headers) = try await client.listThingsWithHeaders()
        print(body, headers.xRateLimitRemaining ?? -1, headers.xRequestID?.uuidString ?? "-", headers.xMode?.rawValue ?? "-",
              headers.lastSync.map(RFC3339.string(from:)) ?? "-")
        print(try await client.listThings())
        """#.write(to: dir.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let build = try swiftc(["-module-name", "Headers", "-o", "headers"], in: dir)
        #expect(build.status == 0, "\(build.output)")
        #expect(
            try runProgram("headers", in: dir) == """
                ["a"] 42 6F9619FF-8B86-D011-B42D-00C04FC964FF warp 2019-08-24T14:15:22Z
                ["a"]

                """)
    }
}

let headerSpec = #"""
    openapi: 3.1.0
    info: {title: H, version: '1'}
    paths:
      /things:
        get:
          operationId: listThings
          responses:
            '200':
              description: ok
              headers:
                X-Rate-Limit-Remaining: {schema: {type: integer}, description: Requests left.}
                X-Request-ID: {schema: {type: string, format: uuid}}
                X-Mode: {schema: {type: string, enum: [fast, slow]}}
                Last-Sync: {schema: {type: string, format: date-time}}
              content: {application/json: {schema: {type: array, items: {type: string}}}}
            '404': {description: none}
      /limits:
        get:
          operationId: getLimits
          responses:
            '200':
              description: ok
              headers:
                X-Rate-Limit-Remaining: {schema: {type: integer, example: 42}}
              content: {application/json: {schema: {type: string}}}
            '429':
              description: the same headers as 200 (with the server side, one struct for both)
              headers:
                x-rate-limit-remaining: {schema: {type: integer}}
            default:
              description: headers of their own
              headers:
                Retry-After: {schema: {type: integer, example: 30}}
    """#

let styleSpec = #"""
    openapi: 3.1.0
    info: {title: Styles, version: '1'}
    paths:
      /s/{id}/{labels}/{matrix}:
        get:
          operationId: styles
          parameters:
            - {name: id, in: path, required: true, schema: {type: string}}
            - {name: labels, in: path, required: true, style: label, schema: {type: array, items: {type: integer}}}
            - name: matrix
              in: path
              required: true
              style: matrix
              explode: true
              schema: {type: object, required: [a, b], properties: {a: {type: integer}, b: {type: string}}}
            - {name: formArr, in: query, schema: {type: array, items: {type: string}}}
            - {name: csv, in: query, explode: false, schema: {type: array, items: {type: integer}}}
            - {name: space, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
            - {name: pipe, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
            - name: deep
              in: query
              style: deepObject
              schema: {type: object, required: [a, b], properties: {a: {type: integer}, b: {type: string}}}
            - name: obj
              in: query
              schema: {type: object, required: [a, b], properties: {a: {type: integer}, b: {type: string}}}
            - {name: X-Arr, in: header, schema: {type: array, items: {type: integer}}}
            - name: X-Obj
              in: header
              explode: true
              schema: {type: object, required: [a, b], properties: {a: {type: integer}, b: {type: string}}}
            - {name: session, in: cookie, schema: {type: string}}
            - {name: prefs, in: cookie, schema: {type: array, items: {type: string}}}
          responses:
            '204': {description: ok}
      /form:
        post:
          operationId: form
          requestBody:
            required: true
            content:
              application/x-www-form-urlencoded:
                schema:
                  type: object
                  required: [name]
                  properties: {name: {type: string}, tags: {type: array, items: {type: string}}, age: {type: integer}}
          responses:
            '204': {description: ok}
      /upload:
        post:
          operationId: upload
          requestBody:
            required: true
            content:
              multipart/form-data:
                schema:
                  type: object
                  required: [file]
                  properties: {file: {type: string, format: binary}, caption: {type: string}}
          responses:
            '204': {description: ok}
    """#
