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
    func apply(on connection: PostgresConnection, attributedAt: Date, teamID: Int64, keyID: Int64, model: String,
               tier: String, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, calls, images, seconds,
                                          tasks_succeeded, tasks_failed, cost)
            VALUES ((\(attributedAt)::timestamptz AT TIME ZONE 'UTC')::date, \(teamID), \(keyID), \(model), \(tier),
                    \(self.calls), \(self.images), \(self.seconds), \(self.tasksSucceeded), \(self.tasksFailed), \(self.cost))
            ON CONFLICT (day, team_id, key_id, model, tier) DO UPDATE SET
                calls = u.calls + EXCLUDED.calls,
                images = u.images + EXCLUDED.images,
                seconds = u.seconds + EXCLUDED.seconds,
                tasks_succeeded = u.tasks_succeeded + EXCLUDED.tasks_succeeded,
                tasks_failed = u.tasks_failed + EXCLUDED.tasks_failed,
                cost = u.cost + EXCLUDED.cost
            """, logger: logger)
    }
}
