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

    /// The body of `GET /tasks/{id}` for a task of `teamID` (any team when nil), or nil if there is none:
    /// another team's task is indistinguishable from an unknown one.
    public func taskResponse(taskID: UUID, teamID: Int64?, requestID: String, logger: Logger) async throws -> String? {
        let rows = try await self.client.query(
            """
            SELECT (jsonb_build_object('request_id', \(requestID)::text, 'output', task_output(t))
                || CASE WHEN t.upstream_usage IS NULL THEN '{}'::jsonb
                        ELSE jsonb_build_object('usage', t.upstream_usage) END)::text
            FROM tasks t
            WHERE t.id = \(taskID) AND (\(teamID)::bigint IS NULL OR t.team_id = \(teamID))
            """,
            logger: logger
        )
        for try await body in rows.decode(String.self) { return body }
        return nil
    }

    /// The body of `GET /tasks`: a page of the team's tasks, newest first, in the upstream's list shape.
    public func listResponse(
        teamID: Int64?,
        pageNumber: Int,
        pageSize: Int,
        requestID: String,
        logger: Logger
    ) async throws -> String {
        let offset = (pageNumber - 1) * pageSize
        let rows = try await self.client.query(
            """
            WITH page AS (
                SELECT task_output(t) || CASE WHEN t.upstream_usage IS NULL THEN '{}'::jsonb
                                              ELSE jsonb_build_object('usage', t.upstream_usage) END AS item
                FROM tasks t
                WHERE \(teamID)::bigint IS NULL OR t.team_id = \(teamID)
                ORDER BY t.admitted_at DESC, t.id DESC
                LIMIT \(pageSize) OFFSET \(offset)
            )
            SELECT jsonb_build_object(
                'request_id', \(requestID)::text,
                'data', coalesce((SELECT jsonb_agg(item) FROM page), '[]'::jsonb),
                'total', (SELECT count(*) FROM tasks t WHERE \(teamID)::bigint IS NULL OR t.team_id = \(teamID)),
                'page_no', \(pageNumber)::int,
                'page_size', \(pageSize)::int)::text
            """,
            logger: logger
        )
        for try await body in rows.decode(String.self) { return body }
        return "{}"
    }

    /// What a cancel needs to know about a task of `teamID`.
    public func cancelView(
        taskID: UUID,
        teamID: Int64?,
        logger: Logger
    ) async throws -> (phase: TaskPhase, status: TaskStatus, account: String?, upstreamTaskID: String?)? {
        let rows = try await self.client.query(
            """
            SELECT phase, status, upstream_account, upstream_task_id FROM tasks
            WHERE id = \(taskID) AND (\(teamID)::bigint IS NULL OR team_id = \(teamID))
            """,
            logger: logger
        )
        for try await row in rows.decode((TaskPhase, TaskStatus, String?, String?).self) { return row }
        return nil
    }
}
