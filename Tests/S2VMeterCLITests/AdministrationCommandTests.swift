import Crypto
import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// teams, keys, prices and report, run as a user runs them, against a real database.
@Suite struct AdministrationCommandTests {
    @Test func keysArePrintedOnceAndStoredOnlyAsHashes() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(try await CommandLineProcess.run(["teams", "create", "acme", "--database-url", url]).status == 0)
        let duplicate = try await CommandLineProcess.run(["teams", "create", "acme", "--database-url", url])
        #expect(duplicate.status != 0)
        #expect(duplicate.output.contains("already exists"))

        let created = try await CommandLineProcess.run([
            "keys", "create", "--team", "acme", "--name", "render", "--database-url", url,
        ])
        #expect(created.status == 0, "\(created.output)")
        let key = try #require(created.standardOutput.split(separator: "\n").last.map(String.init))
        #expect(key.hasPrefix("s2v_") && key.count == 47)

        let listed = try await CommandLineProcess.run(["keys", "list", "--database-url", url])
        #expect(listed.output.contains("acme") && listed.output.contains("render") && listed.output.contains("active"))
        #expect(!listed.output.contains(key), "a key is never shown again")

        let stored = try await database.withClient { client in
            var rows: [String] = []
            for try await row in try await client.query("SELECT row_to_json(k)::text FROM api_keys k").decode(
                String.self
            ) {
                rows.append(row)
            }
            return rows.joined()
        }
        #expect(
            !stored.contains(String(key.dropFirst(12))),
            "the database holds no part of the secret beyond its prefix"
        )
        let hash = SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(stored.contains(hash))

        let noTeam = try await CommandLineProcess.run(["keys", "create", "--team", "nobody", "--database-url", url])
        #expect(noTeam.status != 0)
        #expect(noTeam.output.contains("no team named 'nobody'"))

        #expect(try await CommandLineProcess.run(["keys", "revoke", "1", "--database-url", url]).status == 0)
        let again = try await CommandLineProcess.run(["keys", "revoke", "1", "--database-url", url])
        #expect(again.status != 0)
        #expect(try await CommandLineProcess.run(["keys", "list", "--database-url", url]).output.contains("revoked"))
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func aNewPriceVersionAppliesFromItsTimeAndChargesRecordTheirVersion() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let refused = try await CommandLineProcess.run(
            ["prices", "set", "--model", "wan2.2-s2v", "--tier", "720P", "--unit-price", "1e-3", "--database-url", url])
        #expect(refused.status != 0, "prices are plain decimals")
        let set = try await CommandLineProcess.run([
            "prices", "set", "--model", "wan2.2-s2v-detect", "--unit-price", "0.0006", "--effective-from",
            "2020-01-01T00:00:00Z", "--database-url", url,
        ])
        #expect(set.status == 0, "\(set.output)")
        let future = try await CommandLineProcess.run([
            "prices", "set", "--model", "wan2.2-s2v-detect", "--unit-price", "0.0007", "--effective-from",
            "2999-01-01T00:00:00Z", "--database-url", url,
        ])
        #expect(future.status == 0)
        let current = try await CommandLineProcess.run(["prices", "list", "--database-url", url]).output
        #expect(current.contains("0.000574"), "the seeded 2025 price is the newest in force")
        #expect(!current.contains("0.0007"), "a future price is not in force yet")
        #expect(
            try await CommandLineProcess.run(["prices", "list", "--history", "--database-url", url]).output.contains(
                "0.0007"
            )
        )

        // A charge made now uses, and records, the version in force.
        let logger = Logger(label: "test")
        let (recorded, inForce) = try await database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: "p", logger: logger)
            let (record, _) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "",
                logger: logger
            )
            let caller = Caller(keyID: record.id, teamID: team.id, teamName: "p", isAdmin: false)
            let price = try #require(
                try await PriceRepository(client: client).current(model: "wan2.2-s2v-detect", tier: "", logger: logger)
            )
            let call = try await MeteringRepository(client: client).openDetect(
                caller: caller,
                teamID: team.id,
                price: price,
                account: "default",
                logger: logger
            )
            try await MeteringRepository(client: client).chargeDetect(
                callID: call,
                upstreamRequestID: nil,
                conservative: false,
                logger: logger
            )
            var recorded: Int64 = 0
            for try await id in try await client.query("SELECT price_id FROM ledger_entries").decode(Int64.self) {
                recorded = id
            }
            return (recorded, price)
        }
        #expect(recorded == inForce.id)
        #expect(inForce.unitPrice == Decimal(string: "0.000574"))
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func usageReportsInTableCSVAndJSONWithExactAmounts() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let logger = Logger(label: "test")
        try await database.withClient { client in
            let metering = MeteringRepository(client: client)
            let team = try await TeamRepository(client: client).create(name: "finance.dept", logger: logger)
            let (record, _) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "",
                logger: logger
            )
            let caller = Caller(keyID: record.id, teamID: team.id, teamName: team.name, isAdmin: false)
            let prices = PriceRepository(client: client)
            let detect = try #require(try await prices.current(model: "wan2.2-s2v-detect", tier: "", logger: logger))
            for _ in 0..<3 {
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
            let model = try #require(try await ModelCatalog(client: client).spec(named: "wan2.2-s2v", logger: logger))
            let price = try #require(try await prices.current(model: "wan2.2-s2v", tier: "480P", logger: logger))
            let task = try await metering.admitGeneration(
                caller: caller,
                teamID: team.id,
                model: model,
                price: price,
                requestBody: "{}",
                logger: logger
            )
            try await metering.settle(
                taskID: task.id,
                outcome: .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "10.23"), reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                logger: logger
            )
        }
        let json = try await CommandLineProcess.run([
            "report", "usage", "--by", "team,model,tier", "--format", "json", "--database-url", url,
        ])
        #expect(json.status == 0, "\(json.output)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect((document["total"] as? [String: Any])?["cost"] as? String == "0.73497771")
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(
            rows.contains {
                $0["model"] as? String == "wan2.2-s2v" && $0["seconds"] as? String == "10.23"
                    && $0["cost"] as? String == "0.73325571"
            }
        )
        #expect(rows.contains { $0["images"] as? Int == 3 && $0["cost"] as? String == "0.001722" })

        let csv = try await CommandLineProcess.run([
            "report", "usage", "--by", "team,tier", "--format", "csv", "--database-url", url,
        ])
        let lines = csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "team,tier,calls,images,seconds,tasks_succeeded,tasks_failed,cost")
        #expect(lines.contains("finance.dept,480P,1,0,10.23,1,0,0.73325571"), "\(lines)")

        let table = try await CommandLineProcess.run(["report", "usage", "--database-url", url])
        #expect(table.output.contains("by admission time"))
        #expect(table.output.contains("0.73497771"))

        let bad = try await CommandLineProcess.run(["report", "usage", "--by", "colour", "--database-url", url])
        #expect(bad.status != 0)
        #expect(bad.output.contains("--by takes team, key, model, tier, day, month or tag:KEY"))
        try await database.cluster.dropDatabase(database.name)
    }
}
