import Foundation
import StreamsAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The transport the streaming wire tests use in this package: URLSessionTransport (Examples/Streaming runs the same
// tests through AsyncHTTPClientTransport).

/// A client of the streaming test API on a fresh URLSession transport.
func streamsClient(_ server: LoopbackServer, timeout: Duration = .seconds(20)) -> Client {
    Client(
        serverURL: server.baseURL, transport: URLSessionTransport(session: URLSession(configuration: .ephemeral)),
        timeout: timeout, retryPolicy: .none)
}

#if canImport(FoundationNetworking)
/// The peak memory allowed for a 1 GiB download. FoundationNetworking cannot pause a transfer, so a download over
/// loopback (GB/s) queues what the reader has not taken yet: here a 1 GiB download peaks at 55 to 78 MiB, about
/// 35 MiB of it the process before the first byte. The 64 MiB bound holds for the AsyncHTTPClient transport.
let downloadMemoryLimitKiB = 96 << 10
#else
let downloadMemoryLimitKiB = 64 << 10
#endif
