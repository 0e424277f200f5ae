import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// Resolves `Authorization: Bearer <key>` to an account.
struct APIKeyAuthenticator: Sendable {
    let engine: SimulatorEngine

    /// The caller's account key; 401 `InvalidApiKey` when the key is missing or not configured.
    func account(for request: Request) throws(DashScopeError) -> String {
        guard let header = request.headers[.authorization], !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .noAPIKey
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .invalidAPIKey
        }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw .noAPIKey }
        guard self.engine.isAccount(key) else { throw .invalidAPIKey }
        return key
    }
}
