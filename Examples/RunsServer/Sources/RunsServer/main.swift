// runs-server: serves api/runs.yaml over HTTP with Hummingbird.
//
//   swift run runs-server --port 8080           # the handlers of RunsService (bearer token: RUNS_TOKEN, or "secret")
//   swift run runs-server --port 8080 --mock    # every operation answered with its fixtures; ask for a status
//                                               # with `Prefer: code=404`; any bearer token is accepted, or
//                                               # only RUNS_TOKEN's when it is set; every answer is checked
//                                               # against the spec (a violation is 500 naming it)
//   swift run runs-server --check-responses     # the handlers, their answers checked so
import Foundation
import RunsAPI
import RunsService

let arguments = CommandLine.arguments
let port = arguments.firstIndex(of: "--port").flatMap { Int(arguments[$0 + 1]) } ?? 8080
let token = ProcessInfo.processInfo.environment["RUNS_TOKEN"] ?? "secret"
let checksResponses = arguments.contains("--check-responses")
let ready: @Sendable (Int) async -> Void = { port in print("runs-server: listening on http://127.0.0.1:\(port)") }
if arguments.contains("--mock") {
    let authenticator: any APIAuthenticator =
        ProcessInfo.processInfo.environment["RUNS_TOKEN"].map(TokenAuthenticator.init(token:)) ?? AnyPresentCredential()
    try await HummingbirdServer.run(
        MockHandler(), authenticator: authenticator, port: port, checksResponses: true, ready: ready)
} else {
    try await HummingbirdServer.run(
        try RunsService(), authenticator: TokenAuthenticator(token: token), port: port,
        checksResponses: checksResponses, ready: ready)
}
