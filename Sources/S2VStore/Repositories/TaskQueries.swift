import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Client reads of tasks, answered from the store: polls never reach the upstream and never charge.
public struct TaskQueries: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Task `taskID` of `teamID` (any team when nil), or nil if there is none: another team's task is
    /// indistinguishable from an unknown one.
    public func task(id taskID: UUID, teamID: Int64?, logger: Logger) async throws -> TaskReading? {
        let rows = try await self.client.query(
            """
            SELECT task_output(t)::text, t.upstream_usage::text
            FROM tasks t
            WHERE t.id = \(taskID) AND (\(teamID)::bigint IS NULL OR t.team_id = \(teamID))
            """,
            logger: logger
        )
        for try await (output, usage) in rows.decode((String, String?).self) {
            return TaskReading(output: output, usage: usage)
        }
        return nil
    }

    /// A client's poll of task `taskID` for team `teamID`, in one statement: the request-rate limits of the team
    /// and key, then the task, or nil if the team has none of that id. A client limit refuses with
    /// `DomainError.clientLimit`.
    ///
    /// - Parameter callRecord: the request's call-log row, written by the same statement (its task id is the
    ///   task's when found, else none).
    public func poll(
        taskID: UUID?,
        teamID: Int64,
        keyID: Int64,
        callRecord: CallRecord? = nil,
        logger: Logger
    ) async throws -> TaskReading? {
        let rows: [PollTaskStatement.Row]
        do {
            rows = try await self.client.execute(
                PollTaskStatement(teamID: teamID, keyID: keyID, taskID: taskID, callRecord: callRecord),
                logger: logger
            )
        } catch let error as PSQLError {
            guard let refusal = error.clientLimitRefusal else { throw error }
            throw DomainError.clientLimit(refusal)
        }
        guard let (_, output, usage) = rows.first, let output else { return nil }
        return TaskReading(output: output, usage: usage)
    }

    /// Page `pageNumber` (from 1) of the tasks of `teamID` (all teams when nil), newest first.
    public func page(teamID: Int64?, pageNumber: Int, pageSize: Int, logger: Logger) async throws -> TaskListPage {
        let offset = (pageNumber - 1) * pageSize
        let rows = try await self.client.query(
            """
            SELECT task_output(t)::text, t.upstream_usage::text,
                   (SELECT count(*) FROM tasks c WHERE \(teamID)::bigint IS NULL OR c.team_id = \(teamID))
            FROM tasks t
            WHERE \(teamID)::bigint IS NULL OR t.team_id = \(teamID)
            ORDER BY t.admitted_at DESC, t.id DESC
            LIMIT \(pageSize) OFFSET \(offset)
            """,
            logger: logger
        )
        var page = TaskListPage(tasks: [], total: 0)
        for try await (output, usage, total) in rows.decode((String, String?, Int64).self) {
            page.tasks.append(TaskReading(output: output, usage: usage))
            page.total = total
        }
        if page.tasks.isEmpty { page.total = try await self.count(teamID: teamID, logger: logger) }
        return page
    }

    private func count(teamID: Int64?, logger: Logger) async throws -> Int64 {
        let rows = try await self.client.query(
            "SELECT count(*) FROM tasks WHERE \(teamID)::bigint IS NULL OR team_id = \(teamID)",
            logger: logger
        )
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }

    /// What a cancel needs to know about task `taskID` of `teamID`, or nil if there is none.
    public func cancellable(taskID: UUID, teamID: Int64?, logger: Logger) async throws -> CancellableTask? {
        let rows = try await self.client.query(
            """
            SELECT phase, status, upstream_account, upstream_task_id FROM tasks
            WHERE id = \(taskID) AND (\(teamID)::bigint IS NULL OR team_id = \(teamID))
            """,
            logger: logger
        )
        for try await (phase, status, account, upstreamTaskID) in rows.decode(
            (TaskPhase, TaskStatus, String?, String?).self
        ) {
            return CancellableTask(phase: phase, status: status, account: account, upstreamTaskID: upstreamTaskID)
        }
        return nil
    }
}
