import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// SQLSTATE the budget trigger raises when a ledger row would take a budget past its limit.
    static let budgetExceededState = "S2VB1"
    /// SQLSTATE the budget trigger raises when a call is priced in another currency than a budget it falls under.
    static let budgetCurrencyState = "S2VB2"
    /// SQLSTATE `client_limits_take` raises when a request is over a client limit of its team or key.
    static let clientLimitState = "S2VR1"

    /// Runs a transaction that writes a hold or charge; turns the budget trigger's refusal into 403
    /// `BudgetExceeded` for `caller`, after recording the refusal as an alert (once per budget and period), and
    /// a client limit's refusal into 429 `Throttling.RateQuota`. Either way the transaction rolled back, so the
    /// request took nothing from any other limit or budget.
    func refusingOverLimits<Result: Sendable>(
        caller: Caller,
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.budgetExceededState {
            guard let detail = error.serverInfo?[.detail], let refusal = try? BudgetRefusal.decode(detail: detail)
            else {
                throw error
            }
            logger.notice(
                "budget refused a call",
                metadata: [
                    "budget_id": "\(refusal.budgetID)", "requested": "\(refusal.requested.exactString)",
                ]
            )
            do {
                try await self.recordRefusal(refusal, logger: logger)
            } catch {
                // The refusal stands either way; the next one in the period records the alert.
                logger.error("budget refusal alert not recorded", metadata: ["error": "\(String(reflecting: error))"])
            }
            throw DomainError.budgetExceeded(refusal.message(teamName: caller.teamName))
        } catch let error as PSQLError where error.clientLimitRefusal != nil {
            let refusal = error.clientLimitRefusal!
            logger.info(
                "client limit refused a request",
                metadata: [
                    "limit": "\(refusal.limitName)", "scope": "\(refusal.scope)",
                ]
            )
            throw DomainError.clientLimit(refusal)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.budgetCurrencyState {
            throw DomainError.budgetExceeded(
                (error.serverInfo?[.message] ?? "a budget is kept in another currency")
                    + "; an administrator must fix the budget or the price."
            )
        }
    }

    /// Records a refusal as an alert event: the first one per budget and period, whichever instance saw it.
    private func recordRefusal(_ refusal: BudgetRefusal, logger: Logger) async throws {
        try await self.client.query(
            """
            INSERT INTO budget_alerts (budget_id, period_start, kind, threshold, limit_amount, spent, held, requested,
                                       webhook_url, webhook_format)
            SELECT b.id, \(refusal.periodStartInstant)::timestamptz, 'refused', 100, b.limit_amount,
                   coalesce(u.spent, 0), coalesce(u.held, 0), \(refusal.requested), b.webhook_url, b.webhook_format
            FROM budgets b
            LEFT JOIN budget_usage u ON u.budget_id = b.id AND u.period_start = \(refusal.periodStartInstant)::timestamptz
            WHERE b.id = \(refusal.budgetID)
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }
}
