import StreamsAPI

// The transport the streaming wire tests (StreamingWireTests.swift, shared with the gen package) use here.

/// A client of the streaming test API on the AsyncHTTPClient transport.
func streamsClient(_ server: LoopbackServer, timeout: Duration = .seconds(20)) -> Client {
    Client(serverURL: server.baseURL, transport: AsyncHTTPClientTransport(), timeout: timeout, retryPolicy: .none)
}

/// AsyncHTTPClient reads a response only as fast as the caller does: the download stays under 64 MiB.
let downloadMemoryLimitKiB = 64 << 10
