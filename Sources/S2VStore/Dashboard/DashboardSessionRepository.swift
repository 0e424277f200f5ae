import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Dashboard sign-in sessions in PostgreSQL, so that any gateway instance on the database knows them. A session
/// is only as good as its key: every lookup re-checks that the key is not revoked.
public struct DashboardSessionRepository: Sendable {
    /// How long a session lasts after sign-in.
    public static let lifetime: Duration = .seconds(12 * 3600)

    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Starts a session for `keyID`; returns its token, which exists nowhere else afterwards. Expired sessions
    /// are purged on the way, so the table does not grow without bound.
    public func create(keyID: Int64, logger: Logger) async throws -> DashboardSessionToken {
        let token = DashboardSessionToken.generate()
        let seconds = Self.lifetime.components.seconds
        try await self.client.query("DELETE FROM dashboard_sessions WHERE expires_at <= now()", logger: logger)
        try await self.client.query(
            """
            INSERT INTO dashboard_sessions (token_hash, key_id, expires_at)
            VALUES (\(Data(token.hash)), \(keyID), now() + make_interval(secs => \(seconds)::double precision))
            """,
            logger: logger
        )
        return token
    }

    /// The caller a session belongs to, or nil for an unknown or expired session or a revoked key.
    public func caller(for token: DashboardSessionToken, logger: Logger) async throws -> Caller? {
        let rows = try await self.client.query(
            """
            SELECT k.id, k.team_id, t.name, k.is_admin
            FROM dashboard_sessions s
            JOIN api_keys k ON k.id = s.key_id
            LEFT JOIN teams t ON t.id = k.team_id
            WHERE s.token_hash = \(Data(token.hash)) AND s.expires_at > now() AND k.revoked_at IS NULL
            """,
            logger: logger
        )
        for try await (keyID, teamID, teamName, isAdmin) in rows.decode((Int64, Int64?, String?, Bool).self) {
            return Caller(keyID: keyID, teamID: teamID, teamName: teamName, isAdmin: isAdmin)
        }
        return nil
    }

    /// Ends a session; returns false if there was none.
    public func delete(_ token: DashboardSessionToken, logger: Logger) async throws -> Bool {
        let rows = try await self.client.query(
            "DELETE FROM dashboard_sessions WHERE token_hash = \(Data(token.hash)) RETURNING key_id",
            logger: logger
        )
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }
}
