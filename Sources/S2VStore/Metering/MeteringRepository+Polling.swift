import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Claims up to `limit` submitted tasks of `accounts` that are due, pushing their next poll `interval` ahead
    /// in the same statement, so each task is queried once per interval whatever the number of instances or
    /// clients. An instance claims only tasks of accounts whose key it has.
    public func claimDuePolls(
        accounts: [String],
        limit: Int,
        interval: Duration,
        logger: Logger
    ) async throws -> [PollTarget] {
        let rows = try await self.client.query(
            """
            UPDATE tasks SET next_poll_at = now() + \(interval.wholeMilliseconds) * interval '1 millisecond'
            FROM models m
            WHERE m.model = tasks.model AND tasks.id IN (
                SELECT id FROM tasks
                WHERE phase IN \(literals: TaskPhase.polled) AND next_poll_at <= now()
                  AND upstream_account = ANY(\(accounts))
                ORDER BY next_poll_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING tasks.id, tasks.upstream_account, tasks.upstream_task_id, tasks.submitted_at,
                      m.billed_usage_fields, m.reported_tier_field
            """,
            logger: logger
        )
        var targets: [PollTarget] = []
        for try await (taskID, account, upstreamTaskID, submittedAt, billedFields, reportedTierField)
            in rows.decode((UUID, String, String, Date, [String], String?).self)
        {
            targets.append(
                PollTarget(
                    taskID: taskID,
                    account: account,
                    upstreamTaskID: upstreamTaskID,
                    submittedAt: submittedAt,
                    billedUsageFields: billedFields,
                    reportedTierField: reportedTierField
                )
            )
        }
        return targets
    }

    /// Records a non-final status (PENDING or RUNNING) and the upstream's output, for clients to read.
    public func recordProgress(taskID: UUID, status: TaskStatus, output: String, logger: Logger) async throws {
        let phase = TaskPhase(unfinished: status)
        try await self.client.query(
            """
            UPDATE tasks SET status = \(status), phase = \(phase), upstream_output = \(output)::jsonb
            WHERE id = \(taskID) AND phase IN \(literals: TaskPhase.polled)
            """,
            logger: logger
        )
    }
}

extension MeteringRepository {
    /// The upstream answers UNKNOWN for a task it accepted, before the task could have expired: it is not running
    /// it. The task keeps its hold and stays unsettled (polling goes on, and an answer that comes back settles it
    /// as usual; one that never does is settled as forgotten after `forgottenAfter`), but it is flagged for review
    /// and no longer takes one of its account's places (see ``tasksInFlight(account:logger:)``). Returns whether
    /// this is news: the task was not UNKNOWN already.
    @discardableResult
    public func recordUnknown(taskID: UUID, output: String, logger: Logger) async throws -> Bool {
        let rows = try await self.client.query(
            """
            UPDATE tasks SET status = \(literal: TaskStatus.unknown), needs_review = true,
                upstream_output = coalesce(tasks.upstream_output, '{}'::jsonb) || \(output)::jsonb
            FROM (SELECT id, status AS previous FROM tasks WHERE id = \(taskID) FOR UPDATE) AS before
            WHERE tasks.id = before.id AND tasks.phase IN \(literals: TaskPhase.polled)
            RETURNING before.previous
            """,
            logger: logger
        )
        var previous: TaskStatus?
        for try await status in rows.decode(TaskStatus.self) { previous = status }
        return previous.map { $0 != .unknown } ?? false
    }
}
