import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Claims up to `limit` submitted tasks of `accounts` that are due, pushing their next poll `interval` ahead
    /// in the same statement, so each task is queried once per interval whatever the number of instances or
    /// clients. An instance claims only tasks of accounts whose key it has.
    public func claimDuePolls(accounts: [String], limit: Int, interval: Duration, logger: Logger) async throws -> [PollTarget] {
        let rows = try await self.client.query("""
            UPDATE tasks SET next_poll_at = now() + \(interval.wholeMilliseconds) * interval '1 millisecond'
            WHERE id IN (
                SELECT id FROM tasks
                WHERE phase IN ('submitted', 'running') AND next_poll_at <= now()
                  AND upstream_account = ANY(\(accounts))
                ORDER BY next_poll_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, upstream_account, upstream_task_id, submitted_at
            """, logger: logger)
        var targets: [PollTarget] = []
        for try await (taskID, account, upstreamTaskID, submittedAt) in rows.decode((UUID, String, String, Date).self) {
            targets.append(PollTarget(taskID: taskID, account: account, upstreamTaskID: upstreamTaskID, submittedAt: submittedAt))
        }
        return targets
    }

    /// Records a non-final status (PENDING or RUNNING) and the upstream's output, for clients to read.
    public func recordProgress(taskID: UUID, status: String, output: String, logger: Logger) async throws {
        let phase = status == "RUNNING" ? "running" : "submitted"
        try await self.client.query("""
            UPDATE tasks SET status = \(status), phase = \(phase), upstream_output = \(output)::jsonb
            WHERE id = \(taskID) AND phase IN ('submitted', 'running')
            """, logger: logger)
    }
}
