import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Client limits per team and per key in PostgreSQL (`s2v-meter limits`), and the request-rate check of
/// requests that do not admit a task.
public struct ClientLimitRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Sets the limits of a team or key, replacing any it had. A new request rate starts with a full bucket.
    public func set(_ scope: ClientLimitScope, limits: ClientLimits, logger: Logger) async throws {
        if let problem = limits.problem { throw DomainError.invalid(problem) }
        let (scopeName, teamID, keyID) = Self.columns(scope)
        let index = scopeName == "team" ? "(team_id) WHERE scope = 'team'" : "(key_id) WHERE scope = 'key'"
        do {
            try await self.client.query(
                """
                INSERT INTO client_limits (scope, team_id, key_id, requests_per_second, burst, max_active_tasks, tasks_per_day)
                VALUES (\(scopeName), \(teamID), \(keyID), \(limits.requestsPerSecond), \(limits.burst),
                        \(limits.maxActiveTasks), \(limits.tasksPerDay))
                ON CONFLICT \(unescaped: index) DO UPDATE SET
                    requests_per_second = excluded.requests_per_second, burst = excluded.burst,
                    max_active_tasks = excluded.max_active_tasks, tasks_per_day = excluded.tasks_per_day,
                    tokens = 0, refilled_at = '-infinity', updated_at = now()
                """,
                logger: logger
            )
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            throw DomainError.invalid("No such \(scopeName): \(scope).")
        }
    }

    /// Removes the limits of a team or key; returns whether it had any.
    public func clear(_ scope: ClientLimitScope, logger: Logger) async throws -> Bool {
        let (scopeName, teamID, keyID) = Self.columns(scope)
        let rows = try await self.client.query(
            """
            DELETE FROM client_limits
            WHERE scope = \(scopeName) AND team_id IS NOT DISTINCT FROM \(teamID) AND key_id IS NOT DISTINCT FROM \(keyID)
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    public func list(logger: Logger) async throws -> [ClientLimitRecord] {
        let rows = try await self.client.query(
            """
            SELECT l.scope, coalesce(l.team_id, l.key_id),
                   CASE WHEN l.scope = 'team' THEN t.name ELSE kt.name || ' / ' || k.prefix || '…' || nullif(' ' || k.name, ' ') END,
                   l.requests_per_second, l.burst, l.max_active_tasks, l.tasks_per_day, l.updated_at
            FROM client_limits l
            LEFT JOIN teams t ON t.id = l.team_id
            LEFT JOIN api_keys k ON k.id = l.key_id
            LEFT JOIN teams kt ON kt.id = k.team_id
            ORDER BY l.scope DESC, 3
            """,
            logger: logger
        )
        var records: [ClientLimitRecord] = []
        for try await (scope, id, subject, rate, burst, cap, daily, updatedAt)
            in rows.decode((String, Int64, String?, Decimal?, Int?, Int?, Int?, Date).self)
        {
            records.append(
                ClientLimitRecord(
                    scope: scope == "team" ? .team(id) : .key(id),
                    subject: subject ?? "\(id)",
                    limits: ClientLimits(
                        requestsPerSecond: rate,
                        burst: burst,
                        maxActiveTasks: cap,
                        tasksPerDay: daily
                    ),
                    updatedAt: updatedAt
                )
            )
        }
        return records
    }

    /// Takes one request from the team's and the key's request rates (nothing when they have none); a refusal
    /// is 429 `Throttling.RateQuota` with the limit's figures.
    public func takeRequest(teamID: Int64, keyID: Int64, logger: Logger) async throws {
        do {
            let rows = try await self.client.query(
                "SELECT client_limits_take(\(teamID), \(keyID), false)",
                logger: logger
            )
            for try await _ in rows {}  // a refusal arrives with the rows
        } catch let error as PSQLError {
            guard let refusal = error.clientLimitRefusal else { throw error }
            throw DomainError.clientLimit(refusal)
        }
    }

    private static func columns(_ scope: ClientLimitScope) -> (String, Int64?, Int64?) {
        switch scope {
        case .team(let id): ("team", id, nil)
        case .key(let id): ("key", nil, id)
        }
    }
}
