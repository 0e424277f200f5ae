import Foundation
import Logging
import PostgresNIO
import S2VCore

/// What the web dashboard shows. Spend comes from the daily rollup (UTC day of admission), never from a scan of
/// the ledger. Every query takes the team to restrict to: nil for an admin, who sees every team.
public struct DashboardRepository: Sendable {
    /// The widest range the dashboard charts, in days.
    public static let maximumDays = 366

    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Spend per UTC day for the last `days` days up to today (UTC), oldest first; days without usage are zero.
    public func spendPerDay(days: Int, teamID: Int64?, logger: Logger) async throws -> [DailySpend] {
        let span = Self.clamped(days) - 1
        let rows = try await self.client.query(
            """
            SELECT to_char(d.day, 'YYYY-MM-DD'), coalesce(sum(u.cost), 0), coalesce(sum(u.calls), 0)::bigint
            FROM (SELECT (now() AT TIME ZONE 'UTC')::date - g.i AS day FROM generate_series(0, \(span)::integer) AS g(i)) d
            LEFT JOIN usage_daily u ON u.day = d.day AND (\(teamID)::bigint IS NULL OR u.team_id = \(teamID))
            GROUP BY d.day
            ORDER BY d.day
            """,
            logger: logger
        )
        var result: [DailySpend] = []
        for try await (day, cost, calls) in rows.decode((String, Decimal, Int64).self) {
            result.append(DailySpend(day: day, cost: cost, calls: calls))
        }
        return result
    }

    /// Spend per team over the last `days` UTC days, largest first; teams without usage are left out.
    public func spendPerTeam(days: Int, teamID: Int64?, logger: Logger) async throws -> [TeamSpend] {
        let span = Self.clamped(days) - 1
        let rows = try await self.client.query(
            """
            SELECT t.name, sum(u.cost), sum(u.calls)::bigint
            FROM usage_daily u JOIN teams t ON t.id = u.team_id
            WHERE u.day >= (now() AT TIME ZONE 'UTC')::date - \(span)::integer
              AND (\(teamID)::bigint IS NULL OR u.team_id = \(teamID))
            GROUP BY t.name
            ORDER BY sum(u.cost) DESC, t.name
            """,
            logger: logger
        )
        var result: [TeamSpend] = []
        for try await (name, cost, calls) in rows.decode((String, Decimal, Int64).self) {
            result.append(TeamSpend(teamName: name, cost: cost, calls: calls))
        }
        return result
    }

    /// The tag keys on any spend over the last `days` UTC days, sorted.
    public func tagKeys(days: Int, teamID: Int64?, logger: Logger) async throws -> [String] {
        let span = Self.clamped(days) - 1
        let rows = try await self.client.query(
            """
            SELECT DISTINCT k.key
            FROM usage_daily u CROSS JOIN LATERAL jsonb_object_keys(u.tags) AS k(key)
            WHERE u.day >= (now() AT TIME ZONE 'UTC')::date - \(span)::integer
              AND (\(teamID)::bigint IS NULL OR u.team_id = \(teamID))
            ORDER BY 1
            """,
            logger: logger
        )
        var keys: [String] = []
        for try await key in rows.decode(String.self) { keys.append(key) }
        return keys
    }

    /// Spend per value of the tag `key` over the last `days` UTC days, largest first, with the spend without
    /// the tag as the value `""`: the values add up to the range's total.
    public func spendPerTag(key: String, days: Int, teamID: Int64?, logger: Logger) async throws -> [TagSpend] {
        try CostTags.Rules.check(key: key)
        let span = Self.clamped(days) - 1
        let rows = try await self.client.query(
            """
            SELECT coalesce(u.tags ->> \(key)::text, ''), sum(u.cost), sum(u.calls)::bigint
            FROM usage_daily u
            WHERE u.day >= (now() AT TIME ZONE 'UTC')::date - \(span)::integer
              AND (\(teamID)::bigint IS NULL OR u.team_id = \(teamID))
            GROUP BY 1
            ORDER BY sum(u.cost) DESC, 1
            """,
            logger: logger
        )
        var result: [TagSpend] = []
        for try await (value, cost, calls) in rows.decode((String, Decimal, Int64).self) {
            result.append(TagSpend(tagValue: value, cost: cost, calls: calls))
        }
        return result
    }

    /// The price book's currency, which spend is counted in.
    public func currency(logger: Logger) async throws -> String {
        let rows = try await self.client.query(
            "SELECT currency FROM prices GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1",
            logger: logger
        )
        for try await currency in rows.decode(String.self) { return currency }
        return "USD"
    }

    /// A range of at least one day and at most ``maximumDays``.
    public static func clamped(_ days: Int) -> Int {
        min(max(days, 1), Self.maximumDays)
    }
}
