import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// The code a submission settled by rule carries: in its task's output, its upstream call and its call-log row.
    public static let unresolvedSubmissionCode = "UpstreamOutcomeUnknown"

    /// Settles, by rule, a submission whose outcome could not be determined within `limit` of its start: the call
    /// ends `unresolved`, the task is captured at its full hold (the most the upstream could bill for it), its
    /// status becomes UNKNOWN with code `UpstreamOutcomeUnknown`, it is flagged for review, and the audit trail
    /// gets a `RESOLVE` row with the amount, all in one transaction. The task leaves the account's running place.
    ///
    /// The age is measured by PostgreSQL's clock, so instances with skewed clocks agree on it.
    /// - Returns: the amount captured; nil when the submission is no longer open (another path resolved it) or
    ///   is not yet `limit` old.
    public func settleUnresolvedSubmission(
        callID: Int64,
        taskID: UUID,
        olderThan limit: Duration,
        logger: Logger
    ) async throws -> Decimal? {
        try await self.client.withTransaction(logger: logger) { connection in
            let closed = try await connection.query(
                """
                UPDATE upstream_calls SET state = \(literal: UpstreamCallState.unresolved), error_code = \(Self.unresolvedSubmissionCode),
                    finished_at = now()
                WHERE id = \(callID) AND task_id = \(taskID) AND kind = 'submit' AND state IN \(literals: [UpstreamCallState.intent, .unknown])
                  AND started_at <= now() - \(limit.wholeMilliseconds) * interval '1 millisecond'
                RETURNING id
                """,
                logger: logger
            )
            var found = false
            for try await _ in closed.decode(Int64.self) { found = true }
            guard found else { return nil }
            guard try await self.settle(taskID: taskID, outcome: .unresolvedSubmission, on: connection, logger: logger)
            else { return Decimal(0) }
            let logged = try await connection.query(
                """
                INSERT INTO call_log (request_id, at, key_id, team_id, method, endpoint, model, tier, task_id,
                                      http_status, error_code, latency_us, cost)
                SELECT gen_random_uuid(), now(), t.key_id, t.team_id, 'RESOLVE', '/api/v1/tasks/' || t.id::text,
                       t.model, t.tier, t.id, 504, \(Self.unresolvedSubmissionCode),
                       greatest(0, (extract(epoch FROM now() - c.started_at) * 1000000)::bigint), l.amount
                FROM tasks t
                JOIN upstream_calls c ON c.id = \(callID)
                JOIN ledger_entries l ON l.task_id = t.id AND l.kind = \(literal: LedgerEntryKind.capture)
                WHERE t.id = \(taskID)
                RETURNING cost
                """,
                logger: logger
            )
            var captured = Decimal(0)
            for try await cost in logged.decode(Decimal.self) { captured = cost }
            return captured
        }
    }
}
