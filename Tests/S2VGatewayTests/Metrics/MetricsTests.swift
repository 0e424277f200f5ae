import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// `GET /metrics`: requests by route and status, upstream latency, queue depth, spend and budget utilisation,
/// for admin keys only (unless public), and still an answer when PostgreSQL is gone.
@Suite struct MetricsTests {
    static let detectRoute = "/api/v1/services/aigc/image2video/face-detect"

    @Test(.timeLimit(.minutes(3))) func metricsShowRequestsLatencyQueueSpendAndBudgets() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("metrics-team")
        let budget = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "metrics-team", "limit": "10", "period": "month"}
                """
        )
        #expect(budget.status == 201, "\(budget.text)")
        let budgetID = try #require((budget.json["budget"] as? [String: Any])?["id"] as? Int)

        for _ in 0..<3 { #expect(try await harness.detect(key: key).status == 200) }
        let settled = try await harness.submit(key: key, seconds: "5")
        #expect(settled.status == 200, "\(settled.text)")
        try await harness.waitUntilAllSettled()
        let taskID = try #require(settled.output["task_id"] as? String)
        #expect(try await harness.task(taskID, key: key).status == 200)

        // Holding the account's submitter lock keeps the dispatcher away: the next task stays in the queue.
        let (metrics, queuedTaskStatus, spent, held) = try await harness.database.withClient { client in
            try await client.withConnection { connection in
                let logger = Logger(label: "test")
                // Waits for a dispatch round in progress to let go, within the statement timeout.
                try await connection.query("SET statement_timeout = '30s'", logger: logger)
                try await connection.query(
                    "SELECT pg_advisory_lock(hashtext('s2v-meter:dispatch:default'))",
                    logger: logger
                )
                let queued = try await harness.submit(key: key, seconds: "4")
                let scraped = try await harness.send(.GET, "/metrics", key: admin)
                // The ledger as the scrape saw it: once the lock goes, the queued task may run and settle at once.
                var totals: (Decimal, Decimal) = (0, 0)
                let rows = try await connection.query(
                    "SELECT sum(amount), sum(held) FROM ledger_entries",
                    logger: logger
                )
                for try await row in rows.decode((Decimal, Decimal).self) { totals = row }
                try await connection.query(
                    "SELECT pg_advisory_unlock(hashtext('s2v-meter:dispatch:default'))",
                    logger: logger
                )
                return (scraped, queued.status, totals.0, totals.1)
            }
        }
        #expect(queuedTaskStatus == 200)
        #expect(metrics.status == 200, "\(metrics.text)")
        #expect(metrics.headers.first(name: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let exposition = try PrometheusExposition(parsing: metrics.text)

        // Requests by matched route and status: this gateway's own registry saw exactly these three detects.
        let detects = exposition.sample(
            "s2v_http_requests_total",
            labels: ["method": "POST", "route": Self.detectRoute, "status": "200"]
        )
        #expect(detects?.value == "3")
        #expect(exposition.types["s2v_http_requests_total"] == "counter")
        // The poll is counted under its route pattern, never under its path with the task id.
        #expect(
            exposition.sample(
                "s2v_http_requests_total",
                labels: ["method": "GET", "route": "/api/v1/tasks/{task_id}", "status": "200"]
            )?.value == "1"
        )
        #expect(!metrics.text.contains(taskID))
        #expect(
            exposition.sample(
                "s2v_http_request_duration_seconds_count",
                labels: ["method": "POST", "route": Self.detectRoute]
            )?.value == "3"
        )

        // Upstream latency, by kind and outcome.
        #expect(
            exposition.sample(
                "s2v_upstream_request_duration_seconds_count",
                labels: ["kind": "detect", "outcome": "success"]
            )?.value == "3"
        )
        let submits = exposition.sample(
            "s2v_upstream_request_duration_seconds_count",
            labels: ["kind": "submit", "outcome": "success"]
        )
        #expect((submits?.double ?? 0) >= 1)
        let queries = exposition.sample(
            "s2v_upstream_request_duration_seconds_count",
            labels: ["kind": "query", "outcome": "success"]
        )
        #expect((queries?.double ?? 0) >= 1)
        #expect(exposition.types["s2v_upstream_request_duration_seconds"] == "histogram")

        // Queue depth: the task behind the lock is queued; nothing is in flight.
        #expect(exposition.sample("s2v_store_up")?.double == 1)
        #expect(exposition.sample("s2v_queued_tasks")?.double == 1)
        #expect(exposition.sample("s2v_team_queued_tasks", labels: ["team": "metrics-team"])?.double == 1)
        #expect(exposition.sample("s2v_in_flight_tasks")?.double == 0)
        #expect(exposition.help["s2v_queued_tasks"]?.contains("max()") == true)

        // Spend by team and model equals the ledger, exactly.
        for model in ["wan2.2-s2v-detect", "wan2.2-s2v"] {
            let ledger = try #require(
                try await harness.scalar(
                    """
                    SELECT sum(l.amount) FROM ledger_entries l JOIN teams t ON t.id = l.team_id
                    WHERE t.name = 'metrics-team' AND l.model = '\(model)'
                    """,
                    as: Decimal.self
                )
            )
            #expect(ledger > 0)
            let samples = exposition.samples("s2v_spend_usd", matching: ["team": "metrics-team", "model": model])
            #expect(!samples.isEmpty)
            let reported = samples.compactMap(\.decimal).reduce(Decimal(0), +)
            #expect(reported == ledger, "\(model): /metrics says \(reported), the ledger \(ledger)")
            let month = exposition.samples("s2v_spend_month_usd", matching: ["team": "metrics-team", "model": model])
            #expect(month.compactMap(\.decimal).reduce(Decimal(0), +) == ledger, "everything was admitted this month")
        }

        // Budget utilisation: spent and held as the ledger has them, (spent + held) / limit.
        #expect(held > 0, "the queued task holds its maximum")
        let labels = ["budget": String(budgetID), "scope": "team", "team": "metrics-team"]
        #expect(exposition.samples("s2v_budget_limit_usd", matching: labels).first?.decimal == 10)
        #expect(exposition.samples("s2v_budget_spent_usd", matching: labels).first?.decimal == spent)
        #expect(exposition.samples("s2v_budget_held_usd", matching: labels).first?.decimal == held)
        #expect(
            exposition.samples("s2v_budget_utilisation_ratio", matching: labels).first?.decimal == (spent + held) / 10
        )

        try await harness.waitUntilAllSettled()
        await harness.stop()
    }

    @Test func metricsNeedAnAdminKeyUnlessPublic() async throws {
        let harness = try await GatewayHarness.start()
        let teamKey = try await harness.makeTeamKey()
        let anonymous = try await harness.send(.GET, "/metrics", key: nil)
        #expect(anonymous.status == 401)
        #expect(anonymous.json["code"] as? String == "InvalidApiKey")
        let team = try await harness.send(.GET, "/metrics", key: teamKey)
        #expect(team.status == 403)
        #expect(team.json["code"] as? String == "AccessDenied")
        #expect(!team.text.contains("s2v_spend"))
        await harness.stop()

        let open = try await GatewayHarness.start(gateway: { $0.metricsPublic = true })
        #expect(try await open.send(.GET, "/no/such/path-4711", key: nil).status == 404)
        let scraped = try await open.send(.GET, "/metrics", key: nil)
        #expect(scraped.status == 200)
        let exposition = try PrometheusExposition(parsing: scraped.text)
        #expect(exposition.sample("s2v_store_up")?.double == 1)
        // An unknown path is counted under one name, so scanners cannot add series.
        #expect(
            exposition.sample(
                "s2v_http_requests_total",
                labels: ["method": "GET", "route": "NotFound", "status": "404"]
            )?.value == "1"
        )
        #expect(!scraped.text.contains("path-4711"))
        await open.stop()
    }

    @Test(.timeLimit(.minutes(3))) func metricsAnswerWithStoreDownWhenPostgreSQLIsGone() async throws {
        // A cluster of its own, since this test stops it.
        let directory = "/tmp/s2v-metrics-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: Logger(label: "test"))
        try await cluster.start()
        let harness = try await GatewayHarness.start(
            gateway: {
                $0.metricsPublic = true
                $0.storeDeadline = .seconds(3)
            },
            database: TestDatabase(name: EmbeddedPostgres.defaultDatabase, cluster: cluster)
        )
        let key = try await harness.makeTeamKey()
        #expect(try await harness.detect(key: key).status == 200)

        #expect(try await cluster.stopIfUnused(), "the test's cluster stops")
        let scraped = try await harness.send(.GET, "/metrics", key: nil)
        #expect(scraped.status == 200)
        let exposition = try PrometheusExposition(parsing: scraped.text)
        #expect(exposition.sample("s2v_store_up")?.double == 0)
        #expect(
            exposition.sample(
                "s2v_http_requests_total",
                labels: ["method": "POST", "route": Self.detectRoute, "status": "200"]
            )?.value == "1",
            "the in-process metrics still answer"
        )
        #expect(exposition.samples("s2v_queued_tasks").isEmpty, "no stale database figures")

        try await cluster.start()
        await harness.stop(dropDatabase: false)
        try await cluster.stopIfUnused()
    }
}
