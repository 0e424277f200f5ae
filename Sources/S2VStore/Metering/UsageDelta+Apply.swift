import Foundation
import Logging
import PostgresNIO
import S2VCore

extension UsageDelta {
    /// Adds the delta to the row of (UTC day of `attributedAt`, team, key, model, tier).
    func apply(
        on connection: PostgresConnection,
        attributedAt: Date,
        teamID: Int64,
        keyID: Int64,
        model: String,
        tier: String,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            SELECT usage_daily_add(\(attributedAt), \(teamID), \(keyID), \(model), \(tier), \(self.calls), \(self.images),
                                   \(self.seconds), \(self.tasksSucceeded), \(self.tasksFailed), \(self.cost))
            """,
            logger: logger
        )
    }
}
