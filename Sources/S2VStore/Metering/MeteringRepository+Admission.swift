import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Admits a generation task: the client limits of its team and key, the task row, its place in the dispatch
    /// queue (with its key's priority) and its hold (max billable seconds × tier price), in one transaction; the
    /// hold's triggers count it against the budgets and in the daily usage. A client limit refuses, and so does a
    /// hold that does not fit a budget; either way nothing is written and nothing is taken from any other limit.
    /// The hold is the last write, so the budget counters an admission locks stay locked for one statement and
    /// the commit. Nothing is sent upstream here; the dispatcher does that.
    ///
    /// - Parameters:
    ///   - requestBody: the client's JSON body, forwarded upstream as it is.
    public func admitGeneration(
        caller: Caller,
        teamID: Int64,
        model: ModelSpec,
        price: Price,
        requestBody: String,
        logger: Logger
    ) async throws -> AdmittedTask {
        guard let maxSeconds = model.maxBillableSeconds else {
            throw DomainError.invalid("\(model.name) is not a video generation model.")
        }
        let taskID = UUID()
        let hold = price.amount(for: maxSeconds)
        return try await self.refusingOverLimits(caller: caller, logger: logger) {
            try await self.client.withTransaction(logger: logger) { connection in
                let limited = try await connection.query(
                    "SELECT client_limits_take(\(teamID), \(caller.keyID), true)",
                    logger: logger
                )
                for try await _ in limited {}  // a refusal arrives with the rows
                let rows = try await connection.query(
                    """
                    INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request)
                    VALUES (\(taskID), \(teamID), \(caller.keyID), \(price.model), \(price.tier), \(price.id), \(hold),
                            \(requestBody)::jsonb)
                    RETURNING admitted_at
                    """,
                    logger: logger
                )
                var admittedAt = Date()
                for try await value in rows.decode(Date.self) { admittedAt = value }
                try await connection.query(
                    """
                    INSERT INTO dispatch_queue (task_id, team_id, model, priority, enqueued_at)
                    SELECT \(taskID), \(teamID), \(price.model), priority, \(admittedAt) FROM api_keys WHERE id = \(caller.keyID)
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                                amount, held, currency, attributed_at)
                    VALUES (\(literal: LedgerEntryKind.hold), \(teamID), \(caller.keyID), \(taskID), \(price.model), \(price.tier), \(price.id),
                            \(maxSeconds), \(price.unitPrice), 0, \(hold), \(price.currency), \(admittedAt))
                    """,
                    logger: logger
                )
                return AdmittedTask(id: taskID, holdAmount: hold, admittedAt: admittedAt)
            }
        }
    }
}
