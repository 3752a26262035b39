import Hummingbird
import Logging
import StreamsAPI
import Vapor

/// The streaming test API served over HTTP on 127.0.0.1, by either generated adapter.
public enum StreamsServer {
    /// The two adapters.
    public enum Adapter: String, CaseIterable, Sendable {
        case hummingbird, vapor
    }

    /// Serves `handler` with `adapter` at `port` (0: a free one) until the task is cancelled; `ready` gets the port.
    public static func run(
        _ handler: StreamsHandler, adapter: Adapter, port: Int, ready: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let router = APIRouter(handler: handler, authenticator: AnyPresentCredential(), maxBodySize: 1 << 20)
        switch adapter {
        case .hummingbird:
            var logger = Logger(label: "streams-server")
            // Cancelling the task (how a test stops its server) is logged as an error; nothing else is.
            logger.logLevel = .critical
            let app = Hummingbird.Application(
                responder: HummingbirdAdapter<StreamsHandler, HummingbirdRequestContext>(router: router),
                configuration: .init(address: .hostname("127.0.0.1", port: port)),
                onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) },
                logger: logger)
            try await app.runService()
        case .vapor:
            let app = try await Vapor.Application.make(Environment(name: "testing", arguments: ["streams-server"]))
            app.logger.logLevel = .warning
            app.middleware.use(VaporAdapter(router: router))
            do {
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                await ready(app.http.server.shared.localAddress?.port ?? port)
                // Served until the task is cancelled.
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            } catch {
                await app.server.shutdown()
                try await app.asyncShutdown()
                throw error
            }
            await app.server.shutdown()
            try await app.asyncShutdown()
        }
    }
}
