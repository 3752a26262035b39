public import ChatAPI
import Hummingbird
import Logging
public import OpenAIChat

/// The proxy served with Hummingbird on 127.0.0.1.
public enum ChatProxyServer {
    /// Serves `handler` at `port` (0: a free one) until the task is cancelled; `ready` gets the port.
    public static func run(
        _ handler: ChatProxyHandler, port: Int, ready: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let router = ChatAPI.APIRouter(handler: handler, authenticator: ChatAPI.AnyPresentCredential()) {
            error, request in
            Logger(label: "chat-proxy").error("\(request.operation) failed: \(error)")
        }
        var logger = Logger(label: "chat-proxy")
        logger.logLevel = .critical
        let app = Application(
            responder: HummingbirdAdapter<ChatProxyHandler, HummingbirdRequestContext>(router: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }
}
