import Foundation
import Logging
import PostgresNIO
import S2VCore

extension AccountRepository {
    /// Every account's own limits by model (`account_model_limits`): account, then model.
    public func modelOverrides(logger: Logger) async throws -> [String: [String: ModelLimitOverride]] {
        let rows = try await self.client.query(
            "SELECT account, model, submissions_per_second, max_concurrent_tasks FROM account_model_limits",
            logger: logger
        )
        var overrides: [String: [String: ModelLimitOverride]] = [:]
        for try await (account, model, perSecond, tasks) in rows.decode((String, String, Int?, Int?).self) {
            overrides[account, default: [:]][model] = ModelLimitOverride(
                submissionsPerSecond: perSecond,
                maxConcurrentTasks: tasks
            )
        }
        return overrides
    }

    /// Sets an account's own limits for one model; both figures nil removes them. Recorded in the audit trail.
    ///
    /// - Parameter actor: who makes the change; nil for the CLI, whose session names it.
    public func setModelLimits(
        account: String,
        model: String,
        _ override: ModelLimitOverride,
        actor: String? = nil,
        logger: Logger
    ) async throws {
        for figure in [override.submissionsPerSecond, override.maxConcurrentTasks].compactMap(\.self)
        where !(1...1_000).contains(figure) {
            throw DomainError.invalid("Account limits must be between 1 and 1000.")
        }
        try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            let found = try await connection.query(
                """
                SELECT (SELECT kind FROM models WHERE model = \(model)),
                       EXISTS (SELECT 1 FROM upstream_accounts WHERE name = \(account) AND removed_at IS NULL)
                """,
                logger: logger
            )
            for try await (kind, exists) in found.decode((String?, Bool).self) {
                guard exists else { throw DomainError.invalid("No live account named '\(account)'.") }
                guard let kind else { throw DomainError.invalid("Unknown model '\(model)'.") }
                if kind == ModelKind.detect.rawValue, override.maxConcurrentTasks != nil {
                    throw DomainError.invalid("\(model) is a synchronous detect model: it has no task slots.")
                }
            }
            if override.submissionsPerSecond == nil, override.maxConcurrentTasks == nil {
                try await connection.query(
                    "DELETE FROM account_model_limits WHERE account = \(account) AND model = \(model)",
                    logger: logger
                )
                return
            }
            try await connection.query(
                """
                INSERT INTO account_model_limits (account, model, submissions_per_second, max_concurrent_tasks)
                VALUES (\(account), \(model), \(override.submissionsPerSecond), \(override.maxConcurrentTasks))
                ON CONFLICT (account, model) DO UPDATE SET submissions_per_second = excluded.submissions_per_second,
                    max_concurrent_tasks = excluded.max_concurrent_tasks, updated_at = now()
                """,
                logger: logger
            )
        }
    }
}
