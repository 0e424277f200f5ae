import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// Finds who is looking at the dashboard: a gateway key in `Authorization: Bearer` (for curl), or else the
/// session cookie. Both are checked against the database on every request, so a revoked key stops working at
/// once, on every instance.
struct DashboardAuthenticator: Sendable {
    /// The outcome for one request.
    enum Outcome {
        /// No credentials: show the sign-in form.
        case anonymous
        /// Credentials that do not work (any more); the message says why.
        case refused(String)
        case signedIn(Caller)
    }

    let keys: APIKeyRepository
    let sessions: DashboardSessionRepository
    /// How long a lookup may wait for the store before the page answers 503.
    let storeDeadline: Duration

    func authenticate(_ request: Request, logger: Logger) async throws -> Outcome {
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                case let key = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !key.isEmpty
            else { return .refused("The Authorization header must be 'Bearer <gateway key>'.") }
            return try await self.signIn(key: key, logger: logger).map(Outcome.signedIn)
                ?? .refused("That key is unknown or revoked.")
        }
        guard let token = DashboardCookie.token(in: request) else { return .anonymous }
        let sessions = self.sessions
        let caller = try await StoreDeadline.run(within: self.storeDeadline) {
            try await sessions.caller(for: token, logger: logger)
        }
        guard let caller else {
            return .refused("Your session has ended or its key was revoked; please sign in again.")
        }
        return .signedIn(caller)
    }

    /// The caller of a gateway key, or nil for an unknown or revoked one.
    func signIn(key: String, logger: Logger) async throws -> Caller? {
        let keys = self.keys
        return try await StoreDeadline.run(within: self.storeDeadline) {
            try await keys.authenticate(APIKeySecret(value: key), logger: logger)
        }
    }
}
