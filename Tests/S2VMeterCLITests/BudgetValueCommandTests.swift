import Foundation
import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// `budgets set` applies the same rules as the admin API: public webhooks unless the host is in
/// `webhook-allow-hosts` (flag or environment, as `serve` reads it), bounded limits, canonical zones; and
/// `budgets status` never shows NaN.
@Suite struct BudgetValueCommandTests {
    @Test func budgetsSetChecksWebhooksLimitsAndZones() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let set = ["budgets", "set", "--global", "--limit", "1", "--database-url", url]

        let loopback = try await CommandLineProcess.run(
            set + ["--period", "day", "--webhook", "http://0x7f000001:9/hook"]
        )
        #expect(loopback.status != 0)
        #expect(loopback.output.contains("the webhook host 0x7f000001 is a loopback address"), "\(loopback.output)")
        let metadata = try await CommandLineProcess.run(
            set + ["--period", "day", "--webhook", "http://169.254.169.254/"]
        )
        #expect(metadata.output.contains("link-local"), "\(metadata.output)")
        let port = try await CommandLineProcess.run(
            set + ["--period", "day", "--webhook", "https://hooks.example.com:99999/"]
        )
        #expect(port.output.contains("out of range"), "\(port.output)")

        let allowed = try await CommandLineProcess.run(
            set + ["--period", "day", "--webhook", "http://127.0.0.1:9/hook", "--webhook-allow-hosts", "127.0.0.1"]
        )
        #expect(allowed.status == 0, "\(allowed.output)")
        var environment = ProcessInfo.processInfo.environment
        environment["S2V_METER_WEBHOOK_ALLOW_HOSTS"] = "hooks.internal, 127.0.0.1"
        let fromEnvironment = try await CommandLineProcess.run(
            set + ["--period", "week", "--webhook", "http://127.0.0.1:9/hook"],
            environment: environment
        )
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.output)")

        let huge = try await CommandLineProcess.run(
            ["budgets", "set", "--global", "--limit", "1000000000001", "--period", "month", "--database-url", url])
        #expect(huge.status != 0)
        #expect(huge.output.contains("at most 1000000000000"), "\(huge.output)")
        let fine = try await CommandLineProcess.run(
            ["budgets", "set", "--global", "--limit", "0.000000001", "--period", "month", "--database-url", url])
        #expect(fine.output.contains("at most 8 decimal places"), "\(fine.output)")
        for zone in ["localtime", "posixrules", "EST5EDT"] {
            let refused = try await CommandLineProcess.run(set + ["--period", "month", "--tz", zone])
            #expect(refused.status != 0)
            #expect(refused.output.contains("is not an IANA time zone name"), "\(zone): \(refused.output)")
        }
        #expect(
            try await database.withClient { client in
                try await BudgetRepository(client: client).list(logger: Logger(label: "test")).count
            } == 2
        )
        try await database.cluster.dropDatabase(database.name)
    }

    /// A budget written before limits were bounded (1e127), with a little spend: its share is 0 %, not NaN.
    @Test func budgetsStatusNeverShowsNaN() async throws {
        let database = try await TestDatabase.make()
        try await database.withClient { client in
            _ = try await client.query(
                """
                INSERT INTO budgets (scope, limit_amount, currency, period, timezone) VALUES ('global', 1e127, 'USD', 'month', 'UTC')
                """
            )
            _ = try await client.query(
                """
                INSERT INTO budget_usage (budget_id, period_start, spent, held)
                SELECT id, budget_period_start('month', 'UTC', now()), 0.36, 0 FROM budgets
                """
            )
        }
        for format in ["table", "csv", "json"] {
            let status = try await CommandLineProcess.run(
                ["budgets", "status", "--format", format, "--log-level", "error", "--database-url", database.url])
            #expect(status.status == 0, "\(status.output)")
            #expect(!status.output.lowercased().contains("nan"), "\(format): \(status.output)")
            #expect(status.output.contains("0.36"), "\(format): \(status.output)")
        }
        try await database.cluster.dropDatabase(database.name)
    }
}
