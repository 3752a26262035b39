import Foundation
import Testing

@testable import GenRuntime

/// Parameter serialization by style and `explode`, and the server's reading of what the client wrote.
@Suite struct ParameterTests {
    private struct Filter: Codable, Equatable {
        var role: String
        var since: Int
    }

    @Test func pathStyles() throws {
        #expect(ParameterSerializer.path("a/b c", name: "id", style: .simple) == "a%2Fb%20c")
        #expect(ParameterSerializer.path(5, name: "id", style: .label) == ".5")
        #expect(ParameterSerializer.path(true, name: "on", style: .matrix) == ";on=true")
        #expect(ParameterSerializer.path([1, 2], name: "ids", style: .label, explode: true) == ".1.2")
        #expect(ParameterSerializer.path([1, 2], name: "ids", style: .matrix, explode: true) == ";ids=1;ids=2")
        #expect(ParameterSerializer.path([1, 2], name: "ids", style: .matrix, explode: false) == ";ids=1,2")
        let filter = Filter(role: "admin", since: 3)
        #expect(
            try ParameterSerializer.path(object: filter, name: "f", style: .simple, explode: true)
                == "role=admin,since=3")
        #expect(
            try ParameterSerializer.path(object: filter, name: "f", style: .simple, explode: false)
                == "role,admin,since,3")
    }

    @Test func queryStyles() throws {
        var query: [(name: String, value: String)] = []
        ParameterSerializer.query(["a", "b"], name: "tag", style: .form, explode: true, into: &query)
        ParameterSerializer.query(["a", "b"], name: "tag", style: .form, explode: false, into: &query)
        ParameterSerializer.query(["a", "b"], name: "tag", style: .pipeDelimited, explode: false, into: &query)
        try ParameterSerializer.query(
            object: Filter(role: "x", since: 1), name: "filter", style: .deepObject, explode: true, into: &query)
        #expect(
            query.map { "\($0.name)=\($0.value)" } == [
                "tag=a", "tag=b", "tag=a,b", "tag=a|b", "filter[role]=x", "filter[since]=1",
            ])
    }

    @Test func headerAndCookieValues() throws {
        #expect(ParameterSerializer.header([1, 2, 3]) == "1,2,3")
        #expect(
            try ParameterSerializer.header(object: Filter(role: "a b", since: 2), explode: true) == "role=a b,since=2")
        #expect(ParameterSerializer.cookie("a;b c", name: "session") == "session=a%3Bb%20c")
    }

    @Test func aValueCannotAddASegmentOrAQueryItem() {
        let text = ParameterSerializer.path("../admin?x=1#y", name: "id", style: .simple)
        #expect(!text.contains("/") && !text.contains("?") && !text.contains("#"))
    }

    /// A request whose query the client's serializer wrote, read back by the server's parameter decoding.
    private func served(query: [(name: String, value: String)], path: [String: String] = [:]) -> ServerRequest {
        let text = query.map { PathEncoding.queryComponent($0.name) + "=" + PathEncoding.queryComponent($0.value) }
            .joined(separator: "&")
        return ServerRequest(
            http: HTTPRequest(method: "GET", url: URL(string: "http://localhost/x?" + text)!),
            operation: OperationID(rawValue: "x"), pathParameters: path, query: text)
    }

    @Test func whatTheClientWritesTheServerReads() throws {
        var query: [(name: String, value: String)] = []
        ParameterSerializer.query(["a b", "c&d"], name: "tag", style: .form, explode: true, into: &query)
        ParameterSerializer.query(7, name: "limit", into: &query)
        try ParameterSerializer.query(
            object: Filter(role: "ad=min", since: 4), name: "filter", style: .deepObject, explode: true, into: &query)
        let request = served(query: query, path: ["id": ParameterSerializer.path("a/b", name: "id", style: .simple)])
        #expect(
            try request.parameter("tag", in: .query, style: .form, explode: true, shape: .array, as: [String].self)
                == ["a b", "c&d"])
        #expect(
            try request.parameter("limit", in: .query, style: .form, explode: true, shape: .scalar, as: Int.self) == 7)
        #expect(
            try request.parameter(
                "filter", in: .query, style: .deepObject, explode: true, shape: .object, as: Filter.self)
                == Filter(role: "ad=min", since: 4))
        #expect(
            try request.parameter("id", in: .path, style: .simple, explode: false, shape: .scalar, as: String.self)
                == "a/b")
        #expect(
            try request.parameter("absent", in: .query, style: .form, explode: true, shape: .scalar, as: Int.self)
                == nil)
    }

    @Test func aValueOfTheWrongTypeIsA400NamingTheParameter() {
        let request = served(query: [("limit", "many")])
        #expect {
            try request.parameter("limit", in: .query, style: .form, explode: true, shape: .scalar, as: Int.self)
        } throws: { error in
            guard let error = error as? RequestError else { return false }
            return error.status == 400 && error.parameter == "limit" && error.location == .query
        }
    }

    @Test func queryStringForms() throws {
        let filter = Filter(role: "a b&c", since: 3)
        let form = try ParameterSerializer.queryString(form: filter)
        #expect(form == "role=a%20b%26c&since=3")
        #expect(
            try ParameterSerializer.queryString(json: filter) == "%7B%22role%22%3A%22a%20b%26c%22%2C%22since%22%3A3%7D")
        #expect(ParameterSerializer.queryString(text: "$.a[0]") == "%24.a%5B0%5D")
        // The server reads each back by its format; no query string is a form without members.
        func request(_ query: String?) -> ServerRequest {
            ServerRequest(
                http: HTTPRequest(method: "GET", url: URL(string: "http://localhost/x")!),
                operation: OperationID(rawValue: "x"), pathParameters: [:], query: query)
        }
        #expect(try request(form).queryString("f", as: Filter.self, format: .form(fields: [:])) == filter)
        #expect(
            try request(ParameterSerializer.queryString(json: filter)).queryString("f", as: Filter.self, format: .json)
                == filter)
        #expect(try request("%24.a%5B0%5D").queryString("e", as: String.self, format: .text) == "$.a[0]")
        #expect(try request(nil).queryString("f", as: Filter.self, format: .json) == nil)
        #expect(throws: RequestError.self) {
            try request(nil).requiredQueryString("f", as: Filter.self, format: .form(fields: [:]))
        }
        #expect {
            try request("role=x&since=many").queryString("f", as: Filter.self, format: .form(fields: [:]))
        } throws: { error in
            (error as? RequestError).map { $0.status == 400 && $0.location == .querystring } ?? false
        }
    }

    @Test func cookieStyle() throws {
        #expect(try ParameterSerializer.cookie("abc", name: "session", style: .cookie) == "session=abc")
        #expect(
            try ParameterSerializer.cookie(["red", "blue"], name: "c", style: .cookie, explode: true)
                == "c=red; c=blue")
        #expect(
            try ParameterSerializer.cookie(["red", "blue"], name: "c", style: .cookie, explode: false) == "c=red,blue")
        let filter = Filter(role: "admin", since: 3)
        #expect(
            try ParameterSerializer.cookie(object: filter, name: "f", style: .cookie, explode: true)
                == "role=admin; since=3")
        #expect(
            try ParameterSerializer.cookie(object: filter, name: "f", style: .cookie, explode: false)
                == "f=role,admin,since,3")
        // What no cookie may hold would add a cookie or end the header: refused, never sent.
        for value in ["a b", "a;b=c", "a,b", "a\"b", "a\\b", "a\r\n"] {
            #expect(throws: APIError.self) { try ParameterSerializer.cookie(value, name: "s", style: .cookie) }
        }
        let request = ServerRequest(
            http: HTTPRequest(
                method: "GET", url: URL(string: "http://localhost/x")!,
                headers: ["Cookie": "session=abc; c=red; c=blue; role=admin; since=3"]),
            operation: OperationID(rawValue: "x"), pathParameters: [:], query: nil)
        #expect(
            try request.parameter("c", in: .cookie, style: .cookie, explode: true, shape: .array, as: [String].self)
                == ["red", "blue"])
        #expect(
            try request.parameter(
                "f", in: .cookie, style: .cookie, explode: true, shape: .object, as: Filter.self,
                siblings: ["session", "c"]) == filter)
    }
}
