import PostgresNIO
import S2VStore

/// What a refused request must leave as it was: the ledger, tasks, budgets and their usage counters, the dispatch
/// queue, upstream calls, the rollups, alerts and the admin change log, each as a row count and a digest of every
/// row, so that an update shows as well as an insert.
struct StoreSnapshot: Sendable, Equatable {
    static let tables = [
        "ledger_entries", "tasks", "budgets", "budget_usage", "dispatch_queue", "upstream_calls", "usage_daily",
        "invoice_lines", "budget_alerts", "admin_changes",
    ]

    /// Per table: `rows:md5 of the rows' text`.
    var tables: [String: String]

    static func take(_ client: StoreClient) async throws -> StoreSnapshot {
        var tables: [String: String] = [:]
        for table in Self.tables {
            // The table names are the fixed list above.
            let rows = try await client.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT count(*)::text || ':' || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))
                        FROM \(table) r
                        """
                )
            )
            for try await digest in rows.decode(String.self) { tables[table] = digest }
        }
        return StoreSnapshot(tables: tables)
    }

    /// The tables that differ from `other`, with both digests.
    func differences(from other: StoreSnapshot) -> [String] {
        Self.tables.filter { self.tables[$0] != other.tables[$0] }
            .map { "\($0): \(other.tables[$0] ?? "-") → \(self.tables[$0] ?? "-")" }
    }
}
