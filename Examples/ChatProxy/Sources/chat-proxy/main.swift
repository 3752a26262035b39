import AsyncHTTPClient
import ChatProxy
import Foundation
import OpenAIChat

// chat-proxy: serves POST /chat on 127.0.0.1:$PORT (default 8080; 0 picks a free port, printed on the first line),
// forwarding to the chat completions endpoint below $UPSTREAM_URL (default https://api.openai.com/v1) with
// $OPENAI_API_KEY as its bearer token.

let environment = ProcessInfo.processInfo.environment
let upstreamURL = URL(string: environment["UPSTREAM_URL"] ?? "https://api.openai.com/v1")!
let port = Int(environment["PORT"] ?? "") ?? 8080
let upstream = OpenAIChat.Client(
    serverURL: upstreamURL,
    authentication: .apiKeyAuth(token: environment["OPENAI_API_KEY"] ?? ""),
    transport: AsyncHTTPClientTransport(), timeout: .seconds(60), retryPolicy: .none)
try await ChatProxyServer.run(ChatProxyHandler(upstream: upstream), port: port) { port in
    FileHandle.standardOutput.write(Data("\(port)\n".utf8))
}
