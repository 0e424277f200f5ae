import Foundation
import Logging
import PostgresNIO
import S2VCore

extension APIKeyRepository {
    /// Changes a team key's default tags: `set` adds or replaces pairs, `remove` drops keys (naming one key in
    /// both is refused). The change is audited with the key's tags before and after
    /// (`admin_changes`), and gateways drop their cached copy of the key at once (sql/0013).
    ///
    /// - Parameter actor: who makes the change, for the admin change log (nil: the session's actor).
    /// - Returns: the tags before and after.
    public func setTags(
        id: Int64,
        set: CostTags,
        remove: [String],
        actor: String? = nil,
        logger: Logger
    ) async throws -> (before: CostTags, after: CostTags) {
        for key in remove { try CostTags.Rules.check(key: key) }
        if let both = remove.first(where: { set[$0] != nil }) {
            throw DomainError.invalid("The tag '\(both)' is both set and removed; give it once.")
        }
        return try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT tags::text FROM api_keys
                WHERE id = \(id) AND revoked_at IS NULL AND team_id IS NOT NULL FOR UPDATE
                """,
                logger: logger
            )
            var current: String?
            for try await tags in rows.decode(String.self) { current = tags }
            guard let current else { throw DomainError.invalid("There is no active team key with id \(id).") }
            let before = try CostTags(jsonText: current)
            var pairs = before.values
            for key in remove { pairs[key] = nil }
            for (key, value) in set.values { pairs[key] = value }
            let after = try CostTags(pairs)
            guard after != before else { return (before, after) }
            try await connection.query(
                "UPDATE api_keys SET tags = \(after.jsonText)::jsonb WHERE id = \(id)",
                logger: logger
            )
            return (before, after)
        }
    }
}
