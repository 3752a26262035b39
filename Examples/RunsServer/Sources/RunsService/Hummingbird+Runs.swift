import Hummingbird
import Logging
import NIOCore
public import RunsAPI

/// Serves an `APIHandler` over HTTP with Hummingbird 2, through the generated `HummingbirdAdapter`.
public enum HummingbirdServer {
    /// Runs the server on 127.0.0.1 at `port` (0: a free port) until the task is cancelled; `ready` gets the port.
    /// With `checksResponses`, each answer is checked against the spec (`APIRouter(checksResponses:)`).
    public static func run<Handler: APIHandler>(
        _ handler: Handler, authenticator: any APIAuthenticator, port: Int, checksResponses: Bool = false,
        ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let router = APIRouter(handler: handler, authenticator: authenticator, checksResponses: checksResponses) {
            error, request in
            // Logged here, never sent: the client gets 500 without the error's description.
            Logger(label: "runs").error("\(request.operation) failed: \(error)")
        }
        var logger = Logger(label: "runs-server")
        logger.logLevel = .warning
        let app = Application(
            responder: HummingbirdAdapter<Handler, HummingbirdRequestContext>(router: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }
}
