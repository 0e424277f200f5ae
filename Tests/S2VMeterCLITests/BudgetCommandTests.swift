import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// `budgets`, `verify` and `keys create --admin`, run as a user runs them.
@Suite struct BudgetCommandTests {
    @Test func budgetsAreSetListedShownAndDeleted() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(try await CommandLineProcess.run(["teams", "create", "render", "--database-url", url]).status == 0)

        let created = try await CommandLineProcess.run([
            "budgets", "set", "--team", "render", "--limit", "10", "--period", "month", "--tz", "Asia/Shanghai",
            "--webhook", "https://hooks.example.com/b", "--database-url", url,
        ])
        #expect(created.status == 0, "\(created.output)")
        #expect(
            created.output.contains("created budget 1: team render, 10 USD per month (Asia/Shanghai)"),
            "\(created.output)"
        )
        let changed = try await CommandLineProcess.run([
            "budgets", "set", "--team", "render", "--limit", "20.5", "--period", "month", "--tz", "Asia/Shanghai",
            "--alert", "90", "--database-url", url,
        ])
        #expect(changed.output.contains("changed budget 1"), "\(changed.output)")

        let both = try await CommandLineProcess.run([
            "budgets", "set", "--team", "render", "--global", "--limit", "1", "--period", "day", "--database-url", url,
        ])
        #expect(both.status != 0)
        #expect(both.output.contains("choose exactly one of --team NAME, --key ID, --global or --tag KEY=VALUE"))
        let badLimit = try await CommandLineProcess.run([
            "budgets", "set", "--global", "--limit", "1e3", "--period", "day", "--database-url", url,
        ])
        #expect(badLimit.output.contains("--limit must be a plain decimal"))
        let badZone = try await CommandLineProcess.run([
            "budgets", "set", "--global", "--limit", "1", "--period", "day", "--tz", "Moon/Base", "--database-url", url,
        ])
        #expect(badZone.status != 0)
        #expect(badZone.output.contains("not an IANA time zone"), "\(badZone.output)")

        let list = try await CommandLineProcess.run(["budgets", "list", "--database-url", url]).output
        #expect(
            list.contains("team render") && list.contains("Asia/Shanghai") && list.contains("20.5 USD")
                && list.contains("90")
        )

        let status = try await CommandLineProcess.run(["budgets", "status", "--database-url", url]).output
        #expect(status.contains("REMAINING") && status.contains("20.5"), "\(status)")
        let december = try await CommandLineProcess.run([
            "budgets", "status", "--at", "2026-12-01T00:00:00+08:00", "--format", "json", "--log-level", "error",
            "--database-url", url,
        ])
        let document = try #require(
            try? JSONSerialization.jsonObject(with: Data(december.standardOutput.utf8)) as? [String: Any],
            "\(december.output)"
        )
        let budget = try #require((document["budgets"] as? [[String: Any]])?.first)
        #expect(budget["period_start"] as? String == "2026-12-01T00:00:00+08:00")
        #expect(budget["period_end"] as? String == "2027-01-01T00:00:00+08:00")
        #expect(budget["limit"] as? String == "20.5")
        #expect(budget["remaining"] as? String == "20.5")

        #expect(
            try await CommandLineProcess.run(["budgets", "delete", "1", "--database-url", url]).output.contains(
                "deleted budget 1"
            )
        )
        let again = try await CommandLineProcess.run(["budgets", "delete", "1", "--database-url", url])
        #expect(again.status != 0)
        #expect(again.output.contains("no budget with id 1"))
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func verifyFindsDriftExitsNonZeroAndRepairFixesIt() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let logger = Logger(label: "test")
        try await database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: "v", logger: logger)
            let (key, _) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "",
                logger: logger
            )
            let caller = Caller(keyID: key.id, teamID: team.id, teamName: "v", isAdmin: false)
            _ = try await BudgetRepository(client: client).set(
                try BudgetSpecification(scope: .team(id: team.id), limit: 1, period: .day),
                logger: logger
            )
            let detect = try #require(
                try await PriceRepository(client: client).current(model: "wan2.2-s2v-detect", tier: "", logger: logger)
            )
            let metering = MeteringRepository(client: client)
            let call = try await metering.openDetect(
                caller: caller,
                teamID: team.id,
                price: detect,
                account: "a",
                logger: logger
            )
            try await metering.chargeDetect(callID: call, upstreamRequestID: nil, conservative: false, logger: logger)
        }
        let clean = try await CommandLineProcess.run(["verify", "--database-url", url])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("matches the ledger"))

        try await database.withClient { client in
            try await client.query("UPDATE budget_usage SET spent = spent + 0.5")
            try await client.query("UPDATE usage_daily SET images = 5")
        }
        let drift = try await CommandLineProcess.run(["verify", "--database-url", url])
        #expect(drift.status == 1, "\(drift.output)")
        #expect(
            drift.output.contains("spent") && drift.output.contains("0.500574") && drift.output.contains("0.000574"),
            "\(drift.output)"
        )
        #expect(drift.output.contains("images"))
        #expect(drift.output.contains("run `s2v-meter verify --repair`"))

        let repair = try await CommandLineProcess.run(["verify", "--repair", "--database-url", url])
        #expect(repair.status == 0, "\(repair.output)")
        #expect(repair.output.contains("repaired 2 field(s)"), "\(repair.output)")
        #expect(try await CommandLineProcess.run(["verify", "--database-url", url]).status == 0)
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func adminKeysBelongToNoTeam() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let admin = try await CommandLineProcess.run([
            "keys", "create", "--admin", "--name", "ops", "--database-url", url,
        ])
        #expect(admin.status == 0, "\(admin.output)")
        #expect(admin.output.contains("created admin key 1 (ops)"))
        let secret = try #require(admin.standardOutput.split(separator: "\n").last.map(String.init))
        #expect((try? APIKeySecret(value: secret)) != nil)
        #expect(try await CommandLineProcess.run(["keys", "list", "--database-url", url]).output.contains("(admin)"))
        let neither = try await CommandLineProcess.run(["keys", "create", "--database-url", url])
        #expect(neither.status != 0)
        #expect(neither.output.contains("give either --team NAME or --admin"))
        try await database.cluster.dropDatabase(database.name)
    }
}
