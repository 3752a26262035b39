public import RunsAPI
import Vapor

/// Serves an `APIHandler` over HTTP with Vapor 4, through the generated `VaporAdapter` middleware, beside a route of
/// the application's own (`GET /health`).
public final class VaporServer: Sendable {
    private let app: Application
    /// The port it listens on.
    public let port: Int

    /// Starts the server on 127.0.0.1 at `port` (0: a free port).
    public init<Handler: APIHandler>(
        _ handler: Handler, authenticator: any APIAuthenticator, port: Int
    ) async throws {
        let app = try await Application.make(Environment(name: "testing", arguments: ["runs-server"]))
        app.logger.logLevel = .warning
        app.middleware.use(VaporAdapter(router: APIRouter(handler: handler, authenticator: authenticator)))
        app.get("health") { _ in "ok" }
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        self.app = app
        self.port = app.http.server.shared.localAddress?.port ?? port
    }

    /// Stops the server.
    public func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
