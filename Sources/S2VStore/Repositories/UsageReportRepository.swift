import Foundation
import Logging
import PostgresNIO

/// Usage and cost from the daily rollups, which the metering transactions maintain: a report never scans the
/// call log. Amounts belong to the UTC day of admission (a task's charge to the day it was admitted).
public struct UsageReportRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Rows for UTC days in [from, to), grouped by `dimensions` in that order; one team only when `teamID` is set.
    public func usage(
        from: Date,
        to: Date,
        groupedBy dimensions: [UsageDimension],
        teamID: Int64? = nil,
        logger: Logger
    ) async throws -> [UsageRow] {
        let keys = dimensions.isEmpty ? "'all'" : dimensions.map(\.sql).joined(separator: ", ")
        let grouping = dimensions.isEmpty ? "" : "GROUP BY \(keys) ORDER BY \(keys)"
        let query: PostgresQuery = """
            SELECT ARRAY[\(unescaped: keys)]::text[], sum(u.calls)::bigint, sum(u.images)::bigint, sum(u.seconds),
                   sum(u.tasks_succeeded)::bigint, sum(u.tasks_failed)::bigint, sum(u.cost)
            FROM usage_daily u JOIN teams t ON t.id = u.team_id
            WHERE u.day >= (\(from)::timestamptz AT TIME ZONE 'UTC')::date
              AND u.day < (\(to)::timestamptz AT TIME ZONE 'UTC')::date
              AND (\(teamID)::bigint IS NULL OR u.team_id = \(teamID))
            \(unescaped: grouping)
            """
        let rows = try await self.client.query(query, logger: logger)
        var result: [UsageRow] = []
        for try await (values, calls, images, seconds, succeeded, failed, cost)
            in rows.decode(([String], Int64?, Int64?, Decimal?, Int64?, Int64?, Decimal?).self)
        {
            // An empty range sums to NULL: no row.
            guard let calls, let images, let seconds, let succeeded, let failed, let cost else { continue }
            let groups = Dictionary(uniqueKeysWithValues: zip(dimensions, values))
            result.append(
                UsageRow(
                    groups: groups,
                    calls: calls,
                    images: images,
                    seconds: seconds,
                    tasksSucceeded: succeeded,
                    tasksFailed: failed,
                    cost: cost
                )
            )
        }
        return result
    }
}
