import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Settles a task exactly once: capture or release of its hold (`Settlement`) and the task's final state, in
    /// one transaction. A task already settled is left alone and `false` is returned, so a second poller,
    /// client or instance seeing the same end changes nothing.
    @discardableResult
    public func settle(taskID: UUID, outcome: TaskOutcome, logger: Logger) async throws -> Bool {
        try await self.client.withTransaction(logger: logger) { connection in
            try await self.settle(taskID: taskID, outcome: outcome, on: connection, logger: logger)
        }
    }

    /// The settlement, inside a transaction the caller holds.
    func settle(
        taskID: UUID,
        outcome: TaskOutcome,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Bool {
        // The tier the upstream reports billing (emo-v1's usage.video_ratio), when it is not the admitted one:
        // its price, in force when the task was admitted, prices the charge.
        var reportedTier: String?
        if case .succeeded(let billed, _, _) = outcome { reportedTier = billed.reportedTier }
        let rows = try await connection.query(
            """
            SELECT t.team_id, t.key_id, t.model, t.tier, t.price_id, p.unit_price, p.currency, t.hold_amount,
                   m.max_billable_seconds, t.admitted_at, t.phase, r.id, r.unit_price
            FROM tasks t JOIN prices p ON p.id = t.price_id JOIN models m ON m.model = t.model
            LEFT JOIN LATERAL (
                SELECT q.id, q.unit_price FROM prices q
                WHERE q.model = t.model AND q.tier = \(reportedTier) AND q.tier <> t.tier AND q.currency = p.currency
                  AND q.effective_from <= t.admitted_at
                ORDER BY q.effective_from DESC LIMIT 1) r ON true
            WHERE t.id = \(taskID) FOR UPDATE OF t
            """,
            logger: logger
        )
        var found: SettlingTask?
        for try await row in rows.decode(SettlingTask.Columns.self) { found = SettlingTask(row) }
        guard let task = found, task.phase != .settled else { return false }
        let tierChanged = reportedTier.map { $0 != task.tier } ?? false
        // Billed at the reported tier when it is priced; otherwise at the admitted one, and a person looks.
        let (tier, priceID, unitPrice) =
            if let reportedTier, let id = task.reportedPriceID, let price = task.reportedUnitPrice {
                (reportedTier, id, price)
            } else {
                (task.tier, task.priceID, task.unitPrice)
            }
        let settlement = Settlement(
            outcome: outcome,
            unitPrice: unitPrice,
            hold: task.hold,
            maxSeconds: task.maxSeconds,
            tierChanged: tierChanged
        )
        let (output, usage) = Self.outputAndUsage(of: outcome)
        // One statement: the task's final state, its place in the queue, and last its ledger row, whose triggers
        // derive the budget counters, the billing line and the daily usage (which reads the final status).
        try await connection.query(
            """
            WITH finished AS (
                UPDATE tasks SET
                    phase = \(literal: TaskPhase.settled),
                    status = \(outcome.status),
                    upstream_output = (
                        SELECT CASE WHEN o ? 'end_time' THEN o ELSE o || jsonb_build_object('end_time',
                            to_char(now() AT TIME ZONE \(Self.upstreamTimeZone), 'YYYY-MM-DD HH24:MI:SS.MS')) END
                        FROM (SELECT coalesce(upstream_output, '{}'::jsonb) || coalesce(\(output)::jsonb, '{}'::jsonb) AS o) AS merged),
                    upstream_usage = coalesce(\(usage)::jsonb, upstream_usage),
                    finished_at = coalesce(finished_at, now()),
                    settled_at = now(),
                    needs_review = needs_review OR \(settlement.needsReview),
                    next_poll_at = NULL
                WHERE id = \(taskID)
                RETURNING id, tags
            ), dequeued AS (
                DELETE FROM dispatch_queue WHERE task_id = \(taskID)
            )
            INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                        amount, held, currency, attributed_at, conservative, tags)
            SELECT \(settlement.kind), \(task.teamID), \(task.keyID), id, \(task.model), \(tier),
                   \(priceID), \(settlement.quantity), \(unitPrice), \(settlement.amount), \(-task.hold),
                   \(task.currency), \(task.admittedAt), \(settlement.conservative), tags
            FROM finished
            """,
            logger: logger
        )
        if settlement.needsReview {
            logger.warning(
                tierChanged
                    ? "upstream billed another tier than admitted; flagged for review"
                    : "task settled conservatively; flagged for review",
                metadata: ["task_id": "\(taskID)", "amount": "\(settlement.amount)", "tier": "\(tier)"]
            )
        }
        return true
    }

    private static func outputAndUsage(of outcome: TaskOutcome) -> (String?, String?) {
        switch outcome {
        case .succeeded(_, let output, let usage): (output, usage)
        case .failed(let output): (output, nil)
        case .forgotten:
            (
                try? Self.failureOutput(
                    code: "UpstreamTaskExpired",
                    message:
                        "The upstream no longer knows this task; the full hold was charged and the task flagged for review."
                ), nil
            )
        case .unresolvedSubmission:
            (
                try? Self.failureOutput(
                    code: Self.unresolvedSubmissionCode,
                    message:
                        "The upstream's answer to this submission could not be determined; the full hold was charged and the task flagged for review."
                ), nil
            )
        case .canceled(let output): (output, nil)
        }
    }
}

extension MeteringRepository {
    /// Cancels a task still in the gateway's queue: it leaves the queue and its hold is released, in one
    /// transaction. Returns false if the dispatcher claimed it first.
    public func cancelQueued(taskID: UUID, logger: Logger) async throws -> Bool {
        let removed = try await self.client.withTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                DELETE FROM dispatch_queue WHERE task_id = \(taskID)
                  AND task_id IN (SELECT id FROM tasks WHERE phase = \(literal: TaskPhase.admitted))
                RETURNING task_id
                """,
                logger: logger
            )
            var removed = false
            for try await _ in rows.decode(UUID.self) { removed = true }
            guard removed else { return false }
            return try await self.settle(
                taskID: taskID,
                outcome: .canceled(output: nil),
                on: connection,
                logger: logger
            )
        }
        return removed
    }
}
