import Foundation
import Logging
import PostgresNIO

/// A change to the daily rollup, applied in the same transaction as the ledger rows it derives from.
struct UsageDelta: Sendable {
    var calls: Int64 = 0
    var images: Int64 = 0
    var seconds: Decimal = 0
    var tasksSucceeded: Int64 = 0
    var tasksFailed: Int64 = 0
    var cost: Decimal = 0

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
