import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// `report invoice`, `report budgets`, `audit` and `seed` as a user runs them.
@Suite struct ReportCommandTests {
    @Test func statementsAuditAndAdminChangesFromTheCommandLine() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(
            try await CommandLineProcess.run(["teams", "create", "ledger-team", "--database-url", url]).status == 0
        )
        #expect(
            try await CommandLineProcess.run(["keys", "create", "--team", "ledger-team", "--database-url", url]).status
                == 0
        )
        let set = try await CommandLineProcess.run(
            ["budgets", "set", "--team", "ledger-team", "--limit", "10", "--period", "month", "--database-url", url])
        #expect(set.status == 0, "\(set.output)")
        let logger = Logger(label: "test")
        let month = try await database.withClient { client in
            let team = try #require(try await TeamRepository(client: client).find(name: "ledger-team", logger: logger))
            let keyID = try #require(
                try await Self.scalar(client, "SELECT id FROM api_keys WHERE team_id = \(team.id)", as: Int64.self)
            )
            let caller = Caller(keyID: keyID, teamID: team.id, teamName: team.name, isAdmin: false)
            let detect = try #require(
                try await PriceRepository(client: client).current(model: "wan2.2-s2v-detect", tier: "", logger: logger)
            )
            let metering = MeteringRepository(client: client)
            for _ in 0..<2 {
                let call = try await metering.openDetect(
                    caller: caller,
                    teamID: team.id,
                    price: detect,
                    account: "a",
                    logger: logger
                )
                try await metering.chargeDetect(
                    callID: call,
                    upstreamRequestID: nil,
                    conservative: false,
                    logger: logger
                )
            }
            return try #require(
                try await Self.scalar(
                    client,
                    "SELECT to_char(max(attributed_at) AT TIME ZONE 'UTC', 'YYYY-MM') FROM ledger_entries",
                    as: String.self
                )
            )
        }

        let json = try await CommandLineProcess.run([
            "report", "invoice", "--month", month, "--format", "json", "--database-url", url,
        ])
        #expect(json.status == 0, "\(json.output)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect((document["total"] as? [String: Any])?["cost"] as? String == "0.001148")
        let table = try await CommandLineProcess.run(["report", "invoice", "--month", month, "--database-url", url])
        #expect(
            table.output.contains("team ledger-team") && table.output.contains("total 0.001148 USD"),
            "\(table.output)"
        )
        #expect(table.output.contains("2 image"))
        let bad = try await CommandLineProcess.run(["report", "invoice", "--month", "2026-13", "--database-url", url])
        #expect(bad.status != 0 && bad.output.contains("month must be YYYY-MM"), "\(bad.output)")

        let budgets = try await CommandLineProcess.run(["report", "budgets", "--format", "csv", "--database-url", url])
        #expect(budgets.output.contains("id,scope,team,key_id,tag,period"), "\(budgets.output)")
        #expect(budgets.output.contains(",ledger-team,") && budgets.output.contains(",10,0.001148,"))

        let calls = try await CommandLineProcess.run([
            "audit", "calls", "--all", "--format", "csv", "--database-url", url,
        ])
        #expect(calls.status == 0 && calls.output.contains("id,at,request_id,team,key_id"), "\(calls.output)")

        let changes = try await CommandLineProcess.run(["audit", "changes", "--format", "json", "--database-url", url])
        let changeList = try #require(
            (try JSONSerialization.jsonObject(with: Data(changes.standardOutput.utf8)) as? [String: Any])?["changes"]
                as? [[String: Any]]
        )
        #expect(Set(changeList.compactMap { $0["object"] as? String }) == ["team", "key", "budget"])
        #expect(
            changeList.allSatisfy { ($0["actor"] as? String)?.hasPrefix("cli:") == true },
            "\(changeList.map { $0["actor"] ?? "-" })"
        )
        let changesTable = try await CommandLineProcess.run([
            "audit", "changes", "--object", "budget", "--database-url", url,
        ])
        #expect(
            changesTable.output.contains("create") && changesTable.output.contains("budget 1"),
            "\(changesTable.output)"
        )

        // verify covers the billing lines too.
        try await database.withClient { client in
            _ = try await client.query("UPDATE invoice_lines SET amount = amount + 1")
        }
        let drift = try await CommandLineProcess.run(["verify", "--database-url", url])
        #expect(drift.status == 1 && drift.output.contains("invoice_lines"), "\(drift.output)")
        #expect(try await CommandLineProcess.run(["verify", "--repair", "--database-url", url]).status == 0)
        #expect(try await CommandLineProcess.run(["verify", "--database-url", url]).status == 0)
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func seedWritesADataSetThatPassesVerifyAndWhoseReportsAddUp() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let seeded = try await CommandLineProcess.run(
            ["seed", "--teams", "3", "--calls", "3000", "--tasks", "300", "--days", "40", "--database-url", url])
        #expect(seeded.status == 0, "\(seeded.output)")
        #expect(seeded.output.contains("seeded 3 teams, 6 keys, 3000 calls (300 tasks) over 40 days"))
        let verify = try await CommandLineProcess.run(["verify", "--database-url", url])
        #expect(verify.status == 0, "\(verify.output)")

        let (calls, tasks, ledger, firstDay) = try await database.withClient { client in
            (
                try await Self.scalar(client, "SELECT count(*) FROM call_log", as: Int.self),
                try await Self.scalar(client, "SELECT count(*) FROM tasks WHERE phase = 'settled'", as: Int.self),
                try await Self.scalar(client, "SELECT sum(amount) FROM ledger_entries", as: Decimal.self),
                try await Self.scalar(
                    client,
                    "SELECT to_char(min(attributed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM ledger_entries",
                    as: String.self
                )
            )
        }
        #expect(calls == 3000 && tasks == 300)
        let usage = try await CommandLineProcess.run(
            [
                "report", "usage", "--from", try #require(firstDay), "--to", "2100-01-01", "--by", "team", "--format",
                "json",
                "--database-url", url,
            ])
        let usageDocument = try #require(
            try JSONSerialization.jsonObject(with: Data(usage.standardOutput.utf8)) as? [String: Any]
        )
        #expect((usageDocument["total"] as? [String: Any])?["cost"] as? String == ledger.map { "\($0)" })
        #expect((usageDocument["rows"] as? [Any])?.count == 3)

        let again = try await CommandLineProcess.run([
            "seed", "--teams", "1", "--calls", "10", "--tasks", "1", "--database-url", url,
        ])
        #expect(again.status != 0 && again.output.contains("exist already"), "\(again.output)")
        let invalid = try await CommandLineProcess.run(["seed", "--calls", "5", "--tasks", "10", "--database-url", url])
        #expect(invalid.status != 0 && invalid.output.contains("calls must be at least tasks"), "\(invalid.output)")
        try await database.cluster.dropDatabase(database.name)
    }

    static func scalar<Value: PostgresDecodable & Sendable>(
        _ client: StoreClient,
        _ sql: String,
        as type: Value.Type
    ) async throws -> Value? {
        var value: Value?
        for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Value.self) { value = row }
        return value
    }
}
