import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Writes a synthetic data set straight into the tables, for report benchmarks: teams, keys, settled tasks,
/// face-detect charges, the call log, and one monthly budget per team.
///
/// The ledger is written in bulk with triggers off (`session_replication_role = replica`, which needs a
/// superuser: the embedded cluster's user is one), then every rollup and budget counter is computed from it
/// through the same views `s2v-meter verify` uses, so the data set passes `verify`. All in one transaction:
/// an interrupted seed leaves nothing behind.
public struct DataSetSeeder: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Seeds `specification`, reporting each step's name and duration to `progress`.
    public func seed(
        _ specification: SeedSpecification,
        logger: Logger,
        progress: @escaping @Sendable (String, Duration) -> Void = { _, _ in }
    ) async throws {
        let spec = specification
        try await self.client.withTransaction(logger: logger) { connection in
            func step(_ name: String, _ query: PostgresQuery) async throws {
                let started = ContinuousClock.now
                try await connection.query(query, logger: logger)
                progress(name, ContinuousClock.now - started)
            }
            try await self.refuseExisting(spec, on: connection, logger: logger)
            try await connection.query("SET LOCAL session_replication_role = replica", logger: logger)
            try await step(
                "teams",
                """
                INSERT INTO teams (name) SELECT \(spec.teamPrefix) || lpad(g::text, 3, '0') FROM generate_series(1, \(spec.teams)) g
                """
            )
            try await step(
                "keys",
                """
                INSERT INTO api_keys (team_id, name, prefix, key_hash)
                SELECT t.id, 'seed-' || k, 's2v_seed', sha256(convert_to(t.id || ':' || k || ':' || gen_random_uuid(), 'UTF8'))
                FROM teams t CROSS JOIN generate_series(1, \(spec.keysPerTeam)) k
                WHERE t.name LIKE \(spec.teamPrefix + "%")
                """
            )
            try await step(
                "key index",
                """
                CREATE TEMP TABLE seed_keys ON COMMIT DROP AS
                SELECT (row_number() OVER (ORDER BY k.id) - 1)::bigint AS n, k.id AS key_id, k.team_id
                FROM api_keys k JOIN teams t ON t.id = k.team_id WHERE t.name LIKE \(spec.teamPrefix + "%")
                """
            )
            try await connection.query("CREATE INDEX ON seed_keys (n)", logger: logger)
            try await step(
                "prices",
                """
                CREATE TEMP TABLE seed_prices ON COMMIT DROP AS
                SELECT DISTINCT ON (model, tier) id, model, tier, unit_price, currency FROM prices
                WHERE effective_from <= \(spec.start) ORDER BY model, tier, effective_from DESC
                """
            )
            try await self.seedTasks(spec, step: step)
            try await self.seedDetectCalls(spec, step: step)
            try await self.seedRollups(spec, step: step)
        }
        let started = ContinuousClock.now
        try await self.client.query("ANALYZE", logger: logger)
        progress("analyze", ContinuousClock.now - started)
    }

    private func refuseExisting(
        _ spec: SeedSpecification,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let rows = try await connection.query(
            "SELECT count(*) FROM teams WHERE name LIKE \(spec.teamPrefix + "%")",
            logger: logger
        )
        for try await count in rows.decode(Int64.self) where count > 0 {
            throw DomainError.invalid(
                "Teams named '\(spec.teamPrefix)…' exist already: seed into a fresh database or choose another prefix."
            )
        }
        let prices = try await connection.query(
            """
            SELECT count(DISTINCT (model, tier)) FROM prices WHERE effective_from <= \(spec.start)
            """,
            logger: logger
        )
        for try await count in prices.decode(Int64.self) where count < 3 {
            throw DomainError.invalid("The price book has no prices for the whole span; seed fewer days.")
        }
    }

    /// Settled tasks, their holds and captures (or releases), and their submissions in the call log.
    private func seedTasks(_ spec: SeedSpecification, step: (String, PostgresQuery) async throws -> Void) async throws {
        let keys = spec.teams * spec.keysPerTeam
        let span = spec.end.timeIntervalSince(spec.start)
        try await step(
            "tasks",
            """
            INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request, phase, status,
                               upstream_account, upstream_task_id, upstream_usage, admitted_at, submitted_at,
                               finished_at, settled_at)
            SELECT md5(\(spec.teamPrefix) || 'task' || i)::uuid, k.team_id, k.key_id, p.model, p.tier, p.id,
                   20 * p.unit_price, '{}'::jsonb, \(literal: TaskPhase.settled), CASE WHEN i % 20 = 0 THEN \(literal: TaskStatus.failed) ELSE \(literal: TaskStatus.succeeded) END,
                   'seed', \(spec.teamPrefix) || i,
                   CASE WHEN i % 20 = 0 THEN NULL ELSE jsonb_build_object('duration', ((i * 7919) % 1900 + 100) / 100.0,
                        'video_count', 1) END,
                   a.at, a.at + interval '1 second', a.at + interval '90 seconds', a.at + interval '91 seconds'
            FROM generate_series(1, \(spec.tasks)) i
            JOIN seed_keys k ON k.n = (i * 31) % \(keys)
            JOIN seed_prices p ON p.model = 'wan2.2-s2v' AND p.tier = CASE WHEN i % 3 = 0 THEN '720P' ELSE '480P' END
            CROSS JOIN LATERAL (SELECT to_timestamp(extract(epoch FROM \(spec.start)::timestamptz)
                                                    + (i - 1) * \(span)::float8 / \(max(spec.tasks, 1))) AS at) a
            """
        )
        try await step(
            "task ledger",
            """
            INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price, amount,
                                        held, currency, attributed_at, recorded_at)
            SELECT \(literal: LedgerEntryKind.hold), t.team_id, t.key_id, t.id, t.model, t.tier, t.price_id, 20, p.unit_price, 0, t.hold_amount,
                   p.currency, t.admitted_at, t.admitted_at
            FROM tasks t JOIN seed_prices p ON p.id = t.price_id JOIN seed_keys k ON k.key_id = t.key_id
            UNION ALL
            SELECT CASE WHEN t.status = \(literal: TaskStatus.succeeded) THEN \(literal: LedgerEntryKind.capture) ELSE \(literal: LedgerEntryKind.release) END, t.team_id, t.key_id, t.id,
                   t.model, t.tier, t.price_id, coalesce((t.upstream_usage->>'duration')::numeric, 0), p.unit_price,
                   coalesce((t.upstream_usage->>'duration')::numeric * p.unit_price, 0), -t.hold_amount,
                   p.currency, t.admitted_at, t.settled_at
            FROM tasks t JOIN seed_prices p ON p.id = t.price_id JOIN seed_keys k ON k.key_id = t.key_id
            """
        )
        try await step(
            "task calls",
            """
            INSERT INTO call_log (request_id, at, key_id, team_id, method, endpoint, model, tier, task_id, http_status,
                                  latency_us, cost)
            SELECT md5('call' || t.id::text)::uuid, t.admitted_at, t.key_id, t.team_id, 'POST',
                   '/api/v1/services/aigc/image2video/video-synthesis', t.model, t.tier, t.id, 200, 900, 0
            FROM tasks t JOIN seed_keys k ON k.key_id = t.key_id
            """
        )
    }

    /// Face-detect calls: one charge each in the ledger and one row each in the call log.
    private func seedDetectCalls(
        _ spec: SeedSpecification,
        step: (String, PostgresQuery) async throws -> Void
    ) async throws {
        let keys = spec.teams * spec.keysPerTeam
        let span = spec.end.timeIntervalSince(spec.start)
        let calls = max(spec.detectCalls, 1)
        try await step(
            "detect ledger",
            """
            INSERT INTO ledger_entries (kind, team_id, key_id, model, tier, price_id, quantity, unit_price, amount, held,
                                        currency, attributed_at, recorded_at)
            SELECT \(literal: LedgerEntryKind.charge), k.team_id, k.key_id, p.model, p.tier, p.id, 1, p.unit_price, p.unit_price, 0, p.currency,
                   a.at, a.at
            FROM generate_series(1, \(spec.detectCalls)) i
            JOIN seed_keys k ON k.n = (i * 17) % \(keys)
            JOIN seed_prices p ON p.model = 'wan2.2-s2v-detect'
            CROSS JOIN LATERAL (SELECT to_timestamp(extract(epoch FROM \(spec.start)::timestamptz)
                                                    + (i - 1) * \(span)::float8 / \(calls)) AS at) a
            """
        )
        try await step(
            "detect calls",
            """
            INSERT INTO call_log (request_id, at, key_id, team_id, method, endpoint, model, tier, http_status, latency_us, cost)
            SELECT md5(\(spec.teamPrefix) || 'detect' || i)::uuid, a.at, k.key_id, k.team_id, 'POST',
                   '/api/v1/services/aigc/image2video/face-detect', p.model, p.tier, 200, 600, p.unit_price
            FROM generate_series(1, \(spec.detectCalls)) i
            JOIN seed_keys k ON k.n = (i * 17) % \(keys)
            JOIN seed_prices p ON p.model = 'wan2.2-s2v-detect'
            CROSS JOIN LATERAL (SELECT to_timestamp(extract(epoch FROM \(spec.start)::timestamptz)
                                                    + (i - 1) * \(span)::float8 / \(calls)) AS at) a
            """
        )
    }

    /// Rollups, billing lines and one monthly budget per team, computed from the ledger rows just written.
    private func seedRollups(_ spec: SeedSpecification, step: (String, PostgresQuery) async throws -> Void) async throws
    {
        try await step(
            "daily rollup",
            """
            INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, tags, calls, images, seconds,
                                          tasks_succeeded, tasks_failed, cost)
            SELECT day, team_id, key_id, model, tier, tags, calls, images, seconds, tasks_succeeded, tasks_failed, cost
            FROM usage_daily_from_ledger WHERE team_id IN (SELECT DISTINCT team_id FROM seed_keys)
            """
        )
        try await step(
            "billing lines",
            """
            INSERT INTO invoice_lines (month, team_id, model, tier, price_id, conservative, tags, items, quantity,
                                       amount)
            SELECT month, team_id, model, tier, price_id, conservative, tags, items, quantity, amount
            FROM invoice_lines_from_ledger WHERE team_id IN (SELECT DISTINCT team_id FROM seed_keys)
            """
        )
        try await step(
            "budgets",
            """
            INSERT INTO budgets (scope, team_id, limit_amount, currency, period, timezone)
            SELECT 'team', team_id, 5000, 'USD', 'month', 'UTC' FROM (SELECT DISTINCT team_id FROM seed_keys) s
            """
        )
        try await step(
            "budget counters",
            """
            INSERT INTO budget_usage (budget_id, period_start, spent, held)
            SELECT e.budget_id, e.period_start, e.spent, e.held FROM budget_usage_from_ledger e
            JOIN budgets b ON b.id = e.budget_id WHERE b.team_id IN (SELECT DISTINCT team_id FROM seed_keys)
            """
        )
    }
}
