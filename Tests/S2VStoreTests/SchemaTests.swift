import Foundation
import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// The promises the schema itself keeps, whatever code runs against it.
@Suite struct SchemaTests {
    @Test func seededPricesAreTheUpstreamListPricesExactly() async throws {
        try await TestDatabase.withClient { client, _ in
            var prices: [String: Decimal] = [:]
            let rows = try await client.query("SELECT model || '/' || tier, unit_price FROM prices")
            for try await (key, price) in rows.decode((String, Decimal).self) { prices[key] = price }
            #expect(
                prices == [
                    "wan2.2-s2v-detect/": Decimal(string: "0.000574")!,
                    "wan2.2-s2v/480P": Decimal(string: "0.071677")!,
                    "wan2.2-s2v/720P": Decimal(string: "0.129018")!,
                    // EMO: derived from CNY at the wan2.2 pairs' ratio, 0.143354; VideoRetalk: published.
                    "emo-detect-v1/": Decimal(string: "0.000574")!,
                    "emo-v1/1:1": Decimal(string: "0.011469")!,
                    "emo-v1/3:4": Decimal(string: "0.022937")!,
                    "videoretalk/": Decimal(string: "0.011469")!,
                ],
                "liveportrait and liveportrait-detect ship unpriced"
            )
            let notes = try await client.query("SELECT count(*)::int FROM prices WHERE note LIKE 'derived:%'")
            for try await derived in notes.decode(Int.self) {
                #expect(derived == 3, "the price book says EMO's are derived")
            }
        }
    }

    @Test func numericRoundTripsExactly() async throws {
        try await TestDatabase.withClient { client, _ in
            for text in ["0.73325571", "10.23", "0.000574", "1234567890.123456789012", "0.1"] {
                let value = Decimal(string: text)!
                let rows = try await client.query("SELECT \(value)::numeric, (\(value)::numeric)::text")
                for try await (decoded, asText) in rows.decode((Decimal, String).self) {
                    #expect(decoded == value)
                    #expect(asText == text)
                }
            }
            // Seconds × unit price is exact in SQL too: 10.23 s at 480P.
            let rows = try await client.query("SELECT (10.23 * unit_price)::text FROM prices WHERE tier = '480P'")
            for try await amount in rows.decode(String.self) { #expect(amount == "0.73325571") }
        }
    }

    @Test func ledgerIsAppendOnlyAndTasksSettleOnce() async throws {
        try await TestDatabase.withClient { client, _ in
            let taskID = UUID()
            try await Self.insertTaskWithHold(client, taskID: taskID)
            try await client.query(try Self.settlement(taskID, kind: "capture", amount: "0.73325571"))

            // A second settlement of the same task, capture or release, is refused by the database.
            await #expect(throws: PSQLError.self) {
                try await client.query(try Self.settlement(taskID, kind: "capture", amount: "0.5"))
            }
            await #expect(throws: PSQLError.self) {
                try await client.query(try Self.settlement(taskID, kind: "release", amount: "0"))
            }
            await #expect(throws: PSQLError.self) { try await client.query("UPDATE ledger_entries SET amount = 0") }
            await #expect(throws: PSQLError.self) { try await client.query("DELETE FROM ledger_entries") }
            await #expect(throws: PSQLError.self) { try await client.query("TRUNCATE ledger_entries") }

            let rows = try await client.query("SELECT sum(amount), sum(held) FROM ledger_entries")
            for try await (spent, held) in rows.decode((Decimal, Decimal).self) {
                #expect(spent == Decimal(string: "0.73325571"))
                #expect(held == 0)
            }
        }
    }

    @Test func aCaptureBeyondItsHoldIsRecordedNeverRefused() async throws {
        try await TestDatabase.withClient { client, _ in
            // A budget the capture passes: what the upstream billed is recorded, whatever the budget says.
            try await client.query(
                "INSERT INTO budgets (scope, limit_amount, period) VALUES ('global', 1.5, 'lifetime')"
            )
            let taskID = UUID()
            try await Self.insertTaskWithHold(client, taskID: taskID)
            // Another tier than admitted (emo-v1's video_ratio) can bill more than the hold.
            try await client.query(try Self.settlement(taskID, kind: "capture", amount: "2.5"))
            let rows = try await client.query("SELECT spent, held FROM budget_usage")
            for try await (spent, held) in rows.decode((Decimal, Decimal).self) {
                #expect(spent == Decimal(string: "2.5")! && held == 0)
            }
        }
    }

    @Test func unknownModelCannotBePriced() async throws {
        try await TestDatabase.withClient { client, _ in
            await #expect(throws: PSQLError.self) {
                try await client.query(
                    """
                    INSERT INTO prices (model, tier, unit, unit_price, effective_from)
                    VALUES ('no-such-model', '', 'image', 1, now())
                    """
                )
            }
            await #expect(throws: PSQLError.self) {
                try await client.query(
                    """
                    INSERT INTO prices (model, tier, unit, unit_price, effective_from)
                    VALUES ('wan2.2-s2v', '1080P', 'second', 0, now())
                    """
                )
            }
        }
    }

    /// A team, a key, a 480P task and its 20 s hold (20 × 0.071677 = 1.43354).
    static func insertTaskWithHold(_ client: StoreClient, taskID: UUID) async throws {
        try await client.query("INSERT INTO teams (name) VALUES ('alpha')")
        try await client.query(
            """
            INSERT INTO api_keys (team_id, name, prefix, key_hash)
            SELECT id, 'k', 's2v_test', sha256('secret'::bytea) FROM teams WHERE name = 'alpha'
            """
        )
        try await client.query(
            """
            INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request)
            SELECT \(taskID), k.team_id, k.id, 'wan2.2-s2v', '480P', p.id, 20 * p.unit_price, '{}'
            FROM api_keys k, prices p WHERE p.tier = '480P'
            """
        )
        try await client.query(
            """
            INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                        amount, held, currency, attributed_at)
            SELECT 'hold', team_id, key_id, id, model, tier, price_id, 20, 0.071677, 0, hold_amount, 'USD', admitted_at
            FROM tasks WHERE id = \(taskID)
            """
        )
    }

    static func settlement(_ taskID: UUID, kind: String, amount: String) throws -> PostgresQuery {
        let amount = Decimal(string: amount)!
        return try """
        INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                    amount, held, currency, attributed_at)
        SELECT \(kind), team_id, key_id, id, model, tier, price_id, 10.23, 0.071677, \(amount), -hold_amount, 'USD', admitted_at
        FROM tasks WHERE id = \(taskID)
        """
    }
}
