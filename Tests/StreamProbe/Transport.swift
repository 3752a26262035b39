import Foundation
import StreamsAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport the probe streams through here: URLSession's.
func makeTransport() -> any HTTPTransport {
    URLSessionTransport(session: URLSession(configuration: .ephemeral))
}
