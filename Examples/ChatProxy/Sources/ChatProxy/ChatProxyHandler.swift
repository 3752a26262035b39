public import ChatAPI
import Foundation
public import OpenAIChat

/// `POST /chat`: asks the upstream for a streamed chat completion and answers with each delta as it arrives. Nothing
/// is buffered: a delta is encoded when the proxy's client can take it, the next upstream event is read only then,
/// and a client that goes away drops the upstream stream, which closes its connection.
public struct ChatProxyHandler: ChatAPI.APIHandler {
    let upstream: OpenAIChat.Client

    /// Creates the handler; `upstream` is the chat completions client (its server URL and credentials).
    public init(upstream: OpenAIChat.Client) {
        self.upstream = upstream
    }

    public func chat(_ input: ChatAPI.Operations.Chat.Input) async throws -> ChatAPI.Operations.Chat.Response {
        let request = CreateChatCompletionRequest(
            messages: input.body.messages.map(Self.message),
            model: ModelIdsShared(string: input.body.model ?? "gpt-4o-mini"),
            stream: true)
        let chunks: OpenAIChat.EventStream<CreateChatCompletionStreamResponse>
        do {
            chunks = try await upstream.createChatCompletionStream(body: request)
        } catch {
            // Refused or unreachable before the first byte: a documented 502, not a broken stream.
            return .badGateway(Problem(message: "the model could not be asked: \(error)"))
        }
        let deltas = chunks.compactMap { chunk -> Delta? in
            chunk.choices.first?.delta.content.flatMap { $0 }.map { Delta(content: $0) }
        }
        return .ok(ChatAPI.EventBody(deltas))
    }

    static func message(_ message: Message) -> ChatCompletionRequestMessage {
        switch message.role {
        case .system:
            .chatCompletionRequestSystemMessage(.init(content: .string(message.content), role: .system))
        case .assistant:
            .chatCompletionRequestAssistantMessage(.init(content: .string(message.content), role: .assistant))
        default:
            .chatCompletionRequestUserMessage(.init(content: .string(message.content), role: .user))
        }
    }
}
