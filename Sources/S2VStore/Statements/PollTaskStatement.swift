import Foundation
import PostgresNIO
import S2VCore

/// A client's poll of one task in one statement: the request-rate limits of its team and key
/// (`client_limits_take`), the task as the API shows it if it is the team's, and the request's call-log row
/// (naming the task only when it was found). A poll pays for nothing, so the statement commits without waiting
/// for the WAL flush: a PostgreSQL crash can lose the last moments of poll records and give back a few tokens,
/// nothing else (see ``CallLogRepository/insert(_:durable:logger:)`` for the bound).
struct PollTaskStatement: PostgresPreparedStatement {
    static let sql = """
        WITH taken AS (
            SELECT set_config('synchronous_commit', 'off', true) AS commit_mode
            FROM client_limits_take($1::bigint, $2::bigint, false)
        ), found AS (
            SELECT task_output(t)::text AS output, t.upstream_usage::text AS usage
            FROM taken, tasks t WHERE t.id = $3::uuid AND t.team_id = $1::bigint
        ), logged AS (\(CallLogColumns.insert(from: 4, computed: ["task_id": { "coalesce((SELECT $3::uuid FROM found), \($0))" }])))
        SELECT taken.commit_mode, found.output, found.usage FROM taken LEFT JOIN found ON true
        """

    typealias Row = (String, String?, String?)

    var teamID: Int64
    var keyID: Int64
    /// Nil for a task id that is not a UUID: the limits are taken, and no task is found.
    var taskID: UUID?
    /// The request's call-log row, when the call log records it.
    var callRecord: CallRecord?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 17)
        bindings.append(self.teamID)
        bindings.append(self.keyID)
        bindings.append(self.taskID)
        try CallLogColumns.append(self.callRecord, to: &bindings)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
