import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Takes the next due task out of the queue and records the submission intent, in one transaction.
    ///
    /// Fair share: each team with due work offers its head (its key's priority first, then first in), and the
    /// team served least recently goes first, so teams take turns and one that floods the queue cannot starve
    /// another. `SKIP LOCKED` lets several instances and accounts claim concurrently without ever claiming the
    /// same task. Only tasks of `models` are claimed: the models with a free slot on the account (DashScope
    /// counts running tasks per model), so a team's head of a full model does not hold back its other models.
    public func claimNextSubmission(account: String, models: [String], logger: Logger) async throws -> SubmissionClaim?
    {
        guard !models.isEmpty else { return nil }
        return try await self.client.withTransaction(logger: logger) { connection in
            let heads = try await connection.query(
                """
                SELECT h.task_id FROM (
                    SELECT DISTINCT ON (q.team_id) q.task_id, q.team_id
                    FROM dispatch_queue q WHERE q.not_before <= now() AND q.model = ANY(\(models))
                    ORDER BY q.team_id, q.priority DESC, q.enqueued_at, q.task_id) h
                ORDER BY (SELECT max(c.started_at) FROM upstream_calls c
                          WHERE c.team_id = h.team_id AND c.kind = 'submit') ASC NULLS FIRST, h.task_id
                LIMIT 20
                """,
                logger: logger
            )
            var candidates: [UUID] = []
            for try await id in heads.decode(UUID.self) { candidates.append(id) }
            for candidate in candidates {
                if let claim = try await Self.claim(candidate, account: account, on: connection, logger: logger) {
                    return claim
                }
            }
            return nil
        }
    }

    /// Claims one queued task unless another claimer holds it.
    private static func claim(
        _ taskID: UUID,
        account: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> SubmissionClaim? {
        let rows = try await connection.query(
            """
            SELECT t.team_id, t.key_id, t.model, t.tier, t.price_id, t.request::text, q.attempts
            FROM dispatch_queue q JOIN tasks t ON t.id = q.task_id
            WHERE q.task_id = \(taskID) AND q.not_before <= now()
            FOR UPDATE OF q SKIP LOCKED
            """,
            logger: logger
        )
        var found: (Int64, Int64, String, String, Int64, String, Int)?
        for try await row in rows.decode((Int64, Int64, String, String, Int64, String, Int).self) { found = row }
        guard let (teamID, keyID, model, tier, priceID, body, attempts) = found else { return nil }
        try await connection.query("DELETE FROM dispatch_queue WHERE task_id = \(taskID)", logger: logger)
        try await connection.query(
            """
            UPDATE tasks SET phase = \(literal: TaskPhase.submitting), upstream_account = \(account) WHERE id = \(taskID)
            """,
            logger: logger
        )
        let callRows = try await connection.query(
            """
            INSERT INTO upstream_calls (kind, task_id, team_id, key_id, account, model, tier, price_id, started_at)
            VALUES ('submit', \(taskID), \(teamID), \(keyID), \(account), \(model), \(tier), \(priceID), clock_timestamp())
            RETURNING id
            """,
            logger: logger
        )
        var callID: Int64 = 0
        for try await id in callRows.decode(Int64.self) { callID = id }
        return SubmissionClaim(
            taskID: taskID,
            callID: callID,
            account: account,
            model: model,
            requestBody: body,
            attempts: attempts
        )
    }

    /// Generation tasks holding one of the account's slots, by model: claimed for submission, submitted or
    /// running. A task the upstream reports UNKNOWN holds none: the upstream is not running it, though it stays
    /// unsettled for review (see ``recordUnknown(taskID:output:logger:)``).
    public func tasksInFlight(account: String, logger: Logger) async throws -> [String: Int] {
        let rows = try await self.client.query(
            """
            SELECT model, count(*)::int FROM tasks
            WHERE upstream_account = \(account) AND phase IN \(literals: TaskPhase.onAccount)
              AND status <> \(literal: TaskStatus.unknown)
            GROUP BY model
            """,
            logger: logger
        )
        var counts: [String: Int] = [:]
        for try await (model, count) in rows.decode((String, Int).self) { counts[model] = count }
        return counts
    }

    /// The upstream accepted the task: map its id and start polling.
    ///
    /// - Parameter resolved: the id was found in the upstream's task list after the call got no usable answer.
    public func recordSubmitted(
        callID: Int64,
        taskID: UUID,
        upstreamTaskID: String,
        upstreamRequestID: String?,
        resolved: Bool = false,
        logger: Logger
    ) async throws {
        let state = resolved ? "resolved" : "succeeded"
        try await self.client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE upstream_calls SET state = \(state), http_status = coalesce(http_status, 200),
                    upstream_request_id = \(upstreamRequestID), finished_at = now()
                WHERE id = \(callID)
                """,
                logger: logger
            )
            try await connection.query(
                """
                UPDATE tasks SET phase = \(literal: TaskPhase.submitted), upstream_task_id = \(upstreamTaskID), submitted_at = now(),
                    next_poll_at = now()
                WHERE id = \(taskID) AND phase = \(literal: TaskPhase.submitting)
                """,
                logger: logger
            )
        }
    }

    /// The upstream refused with a retryable error (429, 5xx), or did not create the task: back into the queue,
    /// at its original place, not before `retryAfter`.
    ///
    /// - Parameter resolved: the call got no answer and the upstream's task list shows it created nothing.
    public func requeue(
        callID: Int64,
        taskID: UUID,
        httpStatus: Int?,
        errorCode: String?,
        retryAfter: Duration,
        resolved: Bool = false,
        logger: Logger
    ) async throws {
        let state = resolved ? "resolved" : "failed"
        try await self.client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE upstream_calls SET state = \(state),
                    http_status = coalesce(\(httpStatus), http_status), error_code = \(errorCode), finished_at = now()
                WHERE id = \(callID)
                """,
                logger: logger
            )
            try await connection.query(
                """
                UPDATE tasks SET phase = \(literal: TaskPhase.admitted) WHERE id = \(taskID) AND phase = \(literal: TaskPhase.submitting)
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO dispatch_queue (task_id, team_id, model, enqueued_at, not_before, attempts, last_error)
                SELECT id, team_id, model, admitted_at, now() + \(retryAfter.wholeMilliseconds) * interval '1 millisecond',
                       (SELECT count(*) FROM upstream_calls WHERE task_id = \(taskID) AND kind = 'submit'),
                       \(errorCode)
                FROM tasks WHERE id = \(taskID) AND phase = \(literal: TaskPhase.admitted)
                ON CONFLICT (task_id) DO NOTHING
                """,
                logger: logger
            )
        }
    }

    /// The upstream refused the task for good (a 4xx other than 429): the task fails with the upstream's code
    /// and message, and its hold is released.
    public func failSubmission(
        callID: Int64,
        taskID: UUID,
        httpStatus: Int,
        errorCode: String,
        message: String,
        logger: Logger
    ) async throws {
        try await self.client.query(
            """
            UPDATE upstream_calls SET state = \(literal: UpstreamCallState.failed), http_status = \(httpStatus), error_code = \(errorCode),
                finished_at = now()
            WHERE id = \(callID)
            """,
            logger: logger
        )
        let output = try Self.failureOutput(code: errorCode, message: message)
        try await self.settle(taskID: taskID, outcome: .failed(output: output), logger: logger)
    }

    /// The call got no usable answer: the upstream may or may not have created the task.
    public func markSubmissionUnknown(callID: Int64, httpStatus: Int?, logger: Logger) async throws {
        try await self.client.query(
            """
            UPDATE upstream_calls SET state = \(literal: UpstreamCallState.unknown), http_status = \(httpStatus), finished_at = now()
            WHERE id = \(callID) AND state = \(literal: UpstreamCallState.intent)
            """,
            logger: logger
        )
    }

    /// Submissions of `account` whose outcome is not recorded, oldest first.
    public func openSubmissions(account: String, logger: Logger) async throws -> [OpenSubmission] {
        let rows = try await self.client.query(
            """
            SELECT id, task_id, started_at FROM upstream_calls
            WHERE kind = 'submit' AND account = \(account) AND state IN \(literals: [UpstreamCallState.intent, .unknown])
            ORDER BY started_at, id
            """,
            logger: logger
        )
        var open: [OpenSubmission] = []
        for try await (callID, taskID, startedAt) in rows.decode((Int64, UUID, Date).self) {
            open.append(OpenSubmission(callID: callID, taskID: taskID, startedAt: startedAt))
        }
        return open
    }

    /// Which of `upstreamTaskIDs` are already mapped to a task of this gateway.
    public func knownUpstreamTaskIDs(
        account: String,
        among upstreamTaskIDs: [String],
        logger: Logger
    ) async throws -> Set<String> {
        let rows = try await self.client.query(
            """
            SELECT upstream_task_id FROM tasks
            WHERE upstream_account = \(account) AND upstream_task_id = ANY(\(upstreamTaskIDs))
            """,
            logger: logger
        )
        var known: Set<String> = []
        for try await id in rows.decode(String.self) { known.insert(id) }
        return known
    }

    /// The gateway's own body for a task that failed before the upstream ran it.
    static func failureOutput(code: String, message: String) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: ["code": code, "message": message],
            options: [.sortedKeys]
        )
        return String(decoding: data, as: UTF8.self)
    }
}
