import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Reads the dispatch queue and the accounts' load for `s2v-meter queue`.
public struct QueueRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    public func snapshot(logger: Logger) async throws -> QueueSnapshot {
        let teamRows = try await self.client.query(
            """
            SELECT tm.name,
                   count(*) FILTER (WHERE t.phase = \(literal: TaskPhase.admitted))::int,
                   count(*) FILTER (WHERE t.phase IN \(literals: TaskPhase.onAccount))::int,
                   min(t.admitted_at) FILTER (WHERE t.phase = \(literal: TaskPhase.admitted))
            FROM tasks t JOIN teams tm ON tm.id = t.team_id
            WHERE t.phase IN \(literals: TaskPhase.active)
            GROUP BY tm.name ORDER BY tm.name
            """,
            logger: logger
        )
        var teams: [QueueSnapshot.TeamLine] = []
        for try await (team, queued, inFlight, oldest) in teamRows.decode((String, Int, Int, Date?).self) {
            teams.append(.init(team: team, queued: queued, inFlight: inFlight, oldestQueuedAt: oldest))
        }
        let accountRows = try await self.client.query(
            """
            SELECT coalesce(a.name, f.account), coalesce(f.in_flight, 0)::int, a.max_in_flight, a.removed_at IS NOT NULL
            FROM upstream_accounts a
            FULL JOIN (SELECT upstream_account AS account, count(*) AS in_flight FROM tasks
                       -- As the dispatcher counts: a task the upstream reports UNKNOWN holds no place.
                       WHERE phase IN \(literals: TaskPhase.onAccount) AND status <> \(literal: TaskStatus.unknown)
                       GROUP BY upstream_account) f
                   ON f.account = a.name
            WHERE a.removed_at IS NULL OR f.in_flight > 0
            ORDER BY 1
            """,
            logger: logger
        )
        var accounts: [QueueSnapshot.AccountLine] = []
        for try await (account, inFlight, maximum, removed) in accountRows.decode((String, Int, Int?, Bool).self) {
            accounts.append(.init(account: account, inFlight: inFlight, maxInFlight: maximum, removed: removed))
        }
        return QueueSnapshot(teams: teams, accounts: accounts)
    }
}
