import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Reads the figures `/metrics` reports from PostgreSQL: queue depth, tasks in flight and spend by team and
/// model (and by the values of the configured tag keys). Every query is a small aggregate over an index or the
/// daily rollups, never over the ledger.
public struct StoreFiguresRepository: Sendable {
    let client: StoreClient
    /// The tag keys spend is reported by; each of their values becomes a series, so only these.
    let tagKeys: [String]

    public init(client: StoreClient, tagKeys: [String] = []) {
        self.client = client
        self.tagKeys = tagKeys
    }

    /// The current figures.
    public func figures(logger: Logger) async throws -> StoreFigures {
        StoreFigures(
            queued: try await self.queued(logger: logger),
            inFlight: try await self.inFlight(logger: logger),
            spend: try await self.spend(logger: logger),
            tagSpend: try await self.tagSpend(logger: logger)
        )
    }

    private func tagSpend(logger: Logger) async throws -> [StoreFigures.TagSpend] {
        guard !self.tagKeys.isEmpty else { return [] }
        let rows = try await self.client.query(
            """
            SELECT k.key, t.name, coalesce(u.tags ->> k.key, ''), sum(u.cost),
                   coalesce(sum(u.cost) FILTER (WHERE u.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date), 0)
            FROM unnest(\(self.tagKeys)::text[]) AS k(key)
            CROSS JOIN usage_daily u JOIN teams t ON t.id = u.team_id
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """,
            logger: logger
        )
        var result: [StoreFigures.TagSpend] = []
        for try await (key, team, value, allTime, thisMonth) in rows.decode(
            (String, String, String, Decimal, Decimal).self
        ) {
            result.append(.init(tagKey: key, tagValue: value, team: team, allTime: allTime, thisMonth: thisMonth))
        }
        return result
    }

    private func queued(logger: Logger) async throws -> [StoreFigures.Queued] {
        let rows = try await self.client.query(
            """
            SELECT tm.name, count(*)::int
            FROM dispatch_queue q JOIN teams tm ON tm.id = q.team_id
            GROUP BY tm.name ORDER BY tm.name
            """,
            logger: logger
        )
        var result: [StoreFigures.Queued] = []
        for try await (team, tasks) in rows.decode((String, Int).self) {
            result.append(.init(team: team, tasks: tasks))
        }
        return result
    }

    private func inFlight(logger: Logger) async throws -> [StoreFigures.InFlight] {
        let rows = try await self.client.query(
            """
            SELECT coalesce(upstream_account, ''), count(*)::int
            FROM tasks WHERE phase IN \(literals: TaskPhase.onAccount) AND status <> \(literal: TaskStatus.unknown)
            GROUP BY 1 ORDER BY 1
            """,
            logger: logger
        )
        var result: [StoreFigures.InFlight] = []
        for try await (account, tasks) in rows.decode((String, Int).self) {
            result.append(.init(account: account, tasks: tasks))
        }
        return result
    }

    private func spend(logger: Logger) async throws -> [StoreFigures.Spend] {
        // SUM over numeric is numeric: decoded as Decimal, exact.
        let rows = try await self.client.query(
            """
            SELECT t.name, u.model, u.tier, sum(u.cost),
                   coalesce(sum(u.cost) FILTER (WHERE u.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date), 0)
            FROM usage_daily u JOIN teams t ON t.id = u.team_id
            GROUP BY t.name, u.model, u.tier ORDER BY t.name, u.model, u.tier
            """,
            logger: logger
        )
        var result: [StoreFigures.Spend] = []
        for try await (team, model, tier, allTime, thisMonth) in rows.decode(
            (String, String, String, Decimal, Decimal).self
        ) {
            result.append(.init(team: team, model: model, tier: tier, allTime: allTime, thisMonth: thisMonth))
        }
        return result
    }
}
