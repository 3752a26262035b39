public import RunsAPI

/// Accepts the one bearer token it was given, for `bearerAuth`, the Runs API's scheme.
public struct TokenAuthenticator: APIAuthenticator {
    private let token: String

    public init(token: String) {
        self.token = token
    }

    public func authenticate(_ credential: Credential, operation: OperationID) async throws -> Bool {
        if case .bearer(let given) = credential.value { return given == token }
        return false
    }
}
