import Foundation
import StreamsAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The transport the streaming wire tests use in this package: URLSessionTransport (Examples/RunsServer runs the same
// tests through AsyncHTTPClientTransport).

/// A client of the streaming test API on a fresh URLSession transport.
func streamsClient(_ server: LoopbackServer, timeout: Duration = .seconds(20)) -> Client {
    Client(
        serverURL: server.baseURL, transport: URLSessionTransport(session: URLSession(configuration: .ephemeral)),
        timeout: timeout, retryPolicy: .none)
}

/// The peak memory a probe moving 1 GiB (or reading 10,000 events) may reach: 64 MiB, the process included (about
/// 35 MiB before the first byte). But FoundationNetworking cannot pause a transfer, so a download over loopback
/// (GB/s) queues what the reader has not taken yet: a 1 GiB download peaks at 55 to 78 MiB here, and is held to
/// 96 MiB. The AsyncHTTPClient transport keeps downloads under 64 MiB.
func memoryLimitKiB(_ mode: String) -> Int {
    #if canImport(FoundationNetworking)
    mode == "download" ? 96 << 10 : 64 << 10
    #else
    64 << 10
    #endif
}
