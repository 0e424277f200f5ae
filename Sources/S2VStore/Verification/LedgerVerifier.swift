import Foundation
import Logging
import PostgresNIO

/// Recomputes every derived counter (client limits' task counts from the tasks; budget usage per period, daily
/// rollups and monthly billing lines from the append-only ledger) and reports or repairs what differs.
///
/// Each comparison is one statement, so it reads one snapshot, in which every committed transaction has
/// written both its ledger rows and its counter changes. The drift it finds is therefore unchanged by writes
/// that commit afterwards, and a repair adds it to the counters as an increment: the gateway keeps running
/// and no table is locked.
public struct LedgerVerifier: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Every counter that differs from the ledger or the tasks, client limits first, then budgets.
    public func findDrift(logger: Logger) async throws -> [CounterDrift] {
        try await self.client.withConnection { connection in
            try await Self.drift(on: connection, logger: logger)
        }
    }

    /// Finds the drift and corrects it, in one transaction.
    ///
    /// Repairs take turns (a transaction-scoped advisory lock), and each measures the drift after the one
    /// before it committed, so two repairs at once never correct the same drift twice.
    /// - Returns: the drift that was corrected.
    public func repair(logger: Logger) async throws -> [CounterDrift] {
        let drift = try await self.client.withTransaction(logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtext('s2v-meter:verify-repair'))",
                logger: logger
            )
            let drift = try await Self.drift(on: connection, logger: logger)
            // In drift order (budgets first), the order writers lock counters in, so a repair never deadlocks
            // with a running gateway.
            var deltas: [(CounterDrift.Counter, [String: Decimal])] = []
            for item in drift {
                if deltas.last?.0 != item.counter { deltas.append((item.counter, [:])) }
                deltas[deltas.count - 1].1[item.field] = item.expected - item.recorded
            }
            for (counter, delta) in deltas {
                try await Self.apply(delta, to: counter, on: connection, logger: logger)
            }
            return drift
        }
        if !drift.isEmpty {
            logger.notice("counters repaired from the ledger", metadata: ["fields": "\(drift.count)"])
        }
        return drift
    }

    private static func drift(on connection: PostgresConnection, logger: Logger) async throws -> [CounterDrift] {
        // The order writers lock counters in: an admission takes its client limits first; the ledger's triggers
        // update budgets, then billing lines; the metering code then updates the daily rollup.
        try await Self.clientLimitDrift(on: connection, logger: logger)
            + Self.budgetDrift(on: connection, logger: logger) + Self.invoiceDrift(on: connection, logger: logger)
            + Self.rollupDrift(on: connection, logger: logger)
    }

    private static func clientLimitDrift(
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [CounterDrift] {
        let rows = try await connection.query(
            """
            SELECT l.id, f.field, f.recorded, f.expected
            FROM client_limits l JOIN client_limit_counters_from_tasks e ON e.id = l.id
            CROSS JOIN LATERAL (VALUES
                (1, 'active_tasks', l.active_tasks::numeric, e.active_tasks::numeric),
                (2, 'tasks_today', l.tasks_today::numeric, e.tasks_today::numeric)
            ) AS f(position, field, recorded, expected)
            WHERE f.recorded <> f.expected
            ORDER BY l.id, f.position
            """,
            logger: logger
        )
        var drift: [CounterDrift] = []
        for try await (id, field, recorded, expected) in rows.decode((Int64, String, Decimal, Decimal).self) {
            drift.append(
                CounterDrift(counter: .clientLimit(id: id), field: field, recorded: recorded, expected: expected)
            )
        }
        return drift
    }

    private static func invoiceDrift(on connection: PostgresConnection, logger: Logger) async throws -> [CounterDrift] {
        let rows = try await connection.query(
            """
            SELECT to_char(coalesce(u.month, e.month), 'YYYY-MM-DD'), coalesce(u.team_id, e.team_id),
                   coalesce(u.model, e.model), coalesce(u.tier, e.tier), coalesce(u.price_id, e.price_id),
                   coalesce(u.conservative, e.conservative), coalesce(u.tags, e.tags)::text,
                   coalesce(u.items, 0)::numeric, coalesce(e.items, 0)::numeric,
                   coalesce(u.quantity, 0), coalesce(e.quantity, 0), coalesce(u.amount, 0), coalesce(e.amount, 0)
            FROM invoice_lines u
            FULL OUTER JOIN invoice_lines_from_ledger e USING (month, team_id, model, tier, price_id, conservative, tags)
            WHERE (coalesce(u.items, 0), coalesce(u.quantity, 0), coalesce(u.amount, 0))
               IS DISTINCT FROM (coalesce(e.items, 0), coalesce(e.quantity, 0), coalesce(e.amount, 0))
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            """,
            logger: logger
        )
        var drift: [CounterDrift] = []
        let columns = rows.decode(
            (
                String, Int64, String, String, Int64, Bool, String, Decimal, Decimal, Decimal, Decimal, Decimal,
                Decimal
            ).self
        )
        for try await (
            month, teamID, model, tier, priceID, conservative, tags, items, expectedItems, quantity,
            expectedQuantity, amount, expectedAmount
        ) in columns {
            let counter = CounterDrift.Counter.invoice(
                month: month,
                teamID: teamID,
                model: model,
                tier: tier,
                priceID: priceID,
                conservative: conservative,
                tags: tags
            )
            let pairs = [
                ("items", items, expectedItems), ("quantity", quantity, expectedQuantity),
                ("amount", amount, expectedAmount),
            ]
            for (field, recorded, expected) in pairs where recorded != expected {
                drift.append(CounterDrift(counter: counter, field: field, recorded: recorded, expected: expected))
            }
        }
        return drift
    }

    private static func budgetDrift(on connection: PostgresConnection, logger: Logger) async throws -> [CounterDrift] {
        let rows = try await connection.query(
            """
            SELECT coalesce(u.budget_id, e.budget_id), coalesce(u.period_start, e.period_start),
                   coalesce(u.spent, 0), coalesce(e.spent, 0), coalesce(u.held, 0), coalesce(e.held, 0)
            FROM (SELECT u.* FROM budget_usage u JOIN budgets b ON b.id = u.budget_id WHERE b.deleted_at IS NULL) u
            FULL OUTER JOIN budget_usage_from_ledger e ON e.budget_id = u.budget_id AND e.period_start = u.period_start
            WHERE coalesce(u.spent, 0) <> coalesce(e.spent, 0) OR coalesce(u.held, 0) <> coalesce(e.held, 0)
            ORDER BY 1, 2
            """,
            logger: logger
        )
        var drift: [CounterDrift] = []
        for try await (id, start, spent, expectedSpent, held, expectedHeld)
            in rows.decode((Int64, Date, Decimal, Decimal, Decimal, Decimal).self)
        {
            let counter = CounterDrift.Counter.budget(id: id, periodStart: start)
            for (field, recorded, expected) in [("spent", spent, expectedSpent), ("held", held, expectedHeld)]
            where recorded != expected {
                drift.append(CounterDrift(counter: counter, field: field, recorded: recorded, expected: expected))
            }
        }
        return drift
    }

    private static func rollupDrift(on connection: PostgresConnection, logger: Logger) async throws -> [CounterDrift] {
        // One row per field that differs, so each is read by name.
        let rows = try await connection.query(
            """
            SELECT to_char(day, 'YYYY-MM-DD'), team_id, key_id, model, tier, tags::text, f.field, f.recorded,
                   f.expected
            FROM usage_daily u
            FULL OUTER JOIN usage_daily_from_ledger e USING (day, team_id, key_id, model, tier, tags)
            CROSS JOIN LATERAL (VALUES
                (1, 'calls', coalesce(u.calls, 0)::numeric, coalesce(e.calls, 0)::numeric),
                (2, 'images', coalesce(u.images, 0)::numeric, coalesce(e.images, 0)::numeric),
                (3, 'seconds', coalesce(u.seconds, 0), coalesce(e.seconds, 0)),
                (4, 'tasks_succeeded', coalesce(u.tasks_succeeded, 0)::numeric, coalesce(e.tasks_succeeded, 0)::numeric),
                (5, 'tasks_failed', coalesce(u.tasks_failed, 0)::numeric, coalesce(e.tasks_failed, 0)::numeric),
                (6, 'cost', coalesce(u.cost, 0), coalesce(e.cost, 0))
            ) AS f(position, field, recorded, expected)
            WHERE f.recorded <> f.expected
            ORDER BY 1, 2, 3, 4, 5, 6, f.position
            """,
            logger: logger
        )
        var drift: [CounterDrift] = []
        for try await (day, teamID, keyID, model, tier, tags, field, recorded, expected)
            in rows.decode((String, Int64, Int64, String, String, String, String, Decimal, Decimal).self)
        {
            let counter = CounterDrift.Counter.rollup(
                day: day,
                teamID: teamID,
                keyID: keyID,
                model: model,
                tier: tier,
                tags: tags
            )
            drift.append(CounterDrift(counter: counter, field: field, recorded: recorded, expected: expected))
        }
        return drift
    }

    private static func apply(
        _ delta: [String: Decimal],
        to counter: CounterDrift.Counter,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        func value(_ field: String) -> Decimal { delta[field] ?? 0 }
        switch counter {
        case .clientLimit(let id):
            try await connection.query(
                """
                UPDATE client_limits
                SET active_tasks = active_tasks + \(value("active_tasks"))::integer,
                    tasks_today = tasks_today + \(value("tasks_today"))::integer
                WHERE id = \(id)
                """,
                logger: logger
            )
        case .budget(let id, let start):
            // Update first: a row's CHECKs apply to the values an INSERT proposes, even when it conflicts.
            let updated = try await connection.query(
                """
                UPDATE budget_usage SET spent = spent + \(value("spent")), held = held + \(value("held"))
                WHERE budget_id = \(id) AND period_start = \(start) RETURNING budget_id
                """,
                logger: logger
            )
            for try await _ in updated.decode(Int64.self) { return }
            try await connection.query(
                """
                INSERT INTO budget_usage (budget_id, period_start, spent, held)
                VALUES (\(id), \(start), \(value("spent")), \(value("held")))
                """,
                logger: logger
            )
        case .rollup(let day, let teamID, let keyID, let model, let tier, let tags):
            try await connection.query(
                """
                INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, tags, calls, images, seconds,
                                              tasks_succeeded, tasks_failed, cost)
                VALUES (\(day)::date, \(teamID), \(keyID), \(model), \(tier), \(tags)::jsonb, \(value("calls"))::bigint,
                        \(value("images"))::bigint, \(value("seconds")), \(value("tasks_succeeded"))::bigint,
                        \(value("tasks_failed"))::bigint, \(value("cost")))
                ON CONFLICT (day, team_id, key_id, model, tier, tags) DO UPDATE SET
                    calls = u.calls + EXCLUDED.calls, images = u.images + EXCLUDED.images,
                    seconds = u.seconds + EXCLUDED.seconds, tasks_succeeded = u.tasks_succeeded + EXCLUDED.tasks_succeeded,
                    tasks_failed = u.tasks_failed + EXCLUDED.tasks_failed, cost = u.cost + EXCLUDED.cost
                """,
                logger: logger
            )
            // A row the ledger has nothing for (spend moved to another tag set, say) goes, rather than stay as
            // zeros.
            try await connection.query(
                """
                DELETE FROM usage_daily
                WHERE day = \(day)::date AND team_id = \(teamID) AND key_id = \(keyID) AND model = \(model)
                  AND tier = \(tier) AND tags = \(tags)::jsonb
                  AND (calls, images, seconds, tasks_succeeded, tasks_failed, cost) = (0, 0, 0, 0, 0, 0)
                """,
                logger: logger
            )
        case .invoice(let month, let teamID, let model, let tier, let priceID, let conservative, let tags):
            try await connection.query(
                """
                INSERT INTO invoice_lines AS i (month, team_id, model, tier, price_id, conservative, tags, items,
                                                quantity, amount)
                VALUES (\(month)::date, \(teamID), \(model), \(tier), \(priceID), \(conservative), \(tags)::jsonb,
                        \(value("items"))::bigint, \(value("quantity")), \(value("amount")))
                ON CONFLICT (month, team_id, model, tier, price_id, conservative, tags) DO UPDATE SET
                    items = i.items + EXCLUDED.items, quantity = i.quantity + EXCLUDED.quantity,
                    amount = i.amount + EXCLUDED.amount
                """,
                logger: logger
            )
            try await connection.query(
                """
                DELETE FROM invoice_lines
                WHERE month = \(month)::date AND team_id = \(teamID) AND model = \(model) AND tier = \(tier)
                  AND price_id = \(priceID) AND conservative = \(conservative) AND tags = \(tags)::jsonb
                  AND (items, quantity, amount) = (0, 0, 0)
                """,
                logger: logger
            )
        }
    }
}
