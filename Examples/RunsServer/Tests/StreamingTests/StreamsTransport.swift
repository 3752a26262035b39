import StreamsAPI

// The transport the streaming wire tests (StreamingWireTests.swift, shared with the gen package) use here.

/// A client of the streaming test API on the AsyncHTTPClient transport.
func streamsClient(_ server: LoopbackServer, timeout: Duration = .seconds(20)) -> Client {
    Client(serverURL: server.baseURL, transport: AsyncHTTPClientTransport(), timeout: timeout, retryPolicy: .none)
}

/// The peak memory a probe moving 1 GiB (or reading 10,000 events) may reach: 64 MiB, the process included.
/// AsyncHTTPClient reads a response only as fast as the caller does, and the transport hands it a request body's
/// chunks only as fast as the socket takes them.
func memoryLimitKiB(_ mode: String) -> Int {
    64 << 10
}
