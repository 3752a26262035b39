// mock-server: serves a spec's generated MockHandler over HTTP with Hummingbird, every answer checked against the
// spec (`checksResponses`), for Scripts/schemathesis-mock.sh. Compiled with gen's output of the spec (`server: true`,
// `servers: [hummingbird]`); the spec's paths are served from the root (no base path). A credential passes when its
// secret is the token (`--token`, default "mock"): a bearer token, an API key, or a basic password.
//
//   mock-server --port 8090 --token mock
import Foundation
import Hummingbird
import Logging

let arguments = CommandLine.arguments
let port = arguments.firstIndex(of: "--port").flatMap { Int(arguments[$0 + 1]) } ?? 8090
let token = arguments.firstIndex(of: "--token").map { arguments[$0 + 1] } ?? "mock"

/// Accepts the one secret it was given, in whatever scheme the operation asks for.
struct TokenAuthenticator: APIAuthenticator {
    let token: String

    func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool {
        switch credential.value {
        case .bearer(let secret), .apiKey(let secret), .basic(username: _, password: let secret): secret == token
        }
    }
}

let router = APIRouter(
    handler: MockHandler(), authenticator: TokenAuthenticator(token: token), basePath: "", checksResponses: true
) { error, request in
    print("mock-server: \(request.operation) failed: \(error)")
}
var logger = Logger(label: "mock-server")
logger.logLevel = .warning
let app = Application(
    responder: HummingbirdAdapter<MockHandler, BasicRequestContext>(router: router),
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { _ in print("mock-server: listening on http://127.0.0.1:\(port)") },
    logger: logger)
try await app.runService()
