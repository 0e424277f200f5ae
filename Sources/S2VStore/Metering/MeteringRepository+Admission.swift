import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Admits a generation task: the client limits of its team and key, the task row, its place in the dispatch
    /// queue (with its key's priority), its hold (max billable seconds × tier price) and the rollup, in one
    /// statement and so one transaction (`admit_task`, sql/0008). A client limit refuses with 429
    /// `Throttling.RateQuota`, a hold that does not fit a budget with 403 `BudgetExceeded`; either way nothing is
    /// written and nothing is taken from any other limit. The hold comes before the rollup: the budget trigger
    /// refuses a full budget without waiting for a lock, so a refused burst never queues on the rollup's row. The
    /// team's shared rows stay locked only while PostgreSQL runs the statement and commits, never across a round
    /// trip to the gateway. Nothing is sent upstream here; the dispatcher does that.
    ///
    /// - Parameters:
    ///   - requestBody: the client's JSON body, forwarded upstream as it is.
    public func admitGeneration(
        caller: Caller, teamID: Int64, model: MeteredModel, price: Price, requestBody: String, logger: Logger
    ) async throws -> AdmittedTask {
        guard let maxSeconds = model.maxBillableSeconds else {
            throw ServiceError.invalidParameter("\(model.name) is not a video generation model.")
        }
        let taskID = UUID()
        let hold = price.amount(for: maxSeconds)
        return try await self.refusingOverLimits(caller: caller, logger: logger) {
            // One statement, so one transaction in which the team's shared rows are held only while PostgreSQL
            // runs it (sql/0008_one_statement_metering.sql).
            let rows = try await self.client.query("""
                SELECT admit_task(\(taskID), \(teamID), \(caller.keyID), \(price.model), \(price.tier), \(price.id),
                                  \(maxSeconds), \(price.unitPrice), \(hold), \(price.currency), \(requestBody)::jsonb)
                """, logger: logger)
            var admittedAt: Date?
            for try await value in rows.decode(Date.self) { admittedAt = value }
            guard let admittedAt else { throw ServiceError.serviceUnavailable() }
            return AdmittedTask(id: taskID, holdAmount: hold, admittedAt: admittedAt)
        }
    }
}
