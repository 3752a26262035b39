// Stands in for the `OperationID` that gen writes into each module's Client.swift, so that the runtime compiles and
// is tested on its own. gen does not copy this file.

/// An operation of the API, by its `operationId`.
public struct OperationID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The spec's `operationId`.
    public var rawValue: String

    /// Creates an identifier from its raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
