import StreamsAPI

/// The transport the probe streams through here: AsyncHTTPClient's (HTTPClient.shared).
func makeTransport() -> any HTTPTransport {
    AsyncHTTPClientTransport()
}
