import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Synchronization
import Testing

/// Changes to budgets and counters that race with a running gateway.
@Suite struct BudgetConcurrencyTests {
    @Test func aLimitIsNotChangedUnderAHoldThatIsBeingChecked() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 10,
                    period: .month
                ),
                logger: fixture.logger
            )
            let order = Mutex<[String]>([])
            let hold = fixture.price480.amount(for: 20)
            // A hold is written and not yet committed while an admin lowers the limit below it.
            let writer = Task {
                try await client.withTransaction(logger: fixture.logger) { connection in
                    let task = UUID()
                    try await connection.query(
                        """
                        INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request)
                        VALUES (\(task), \(fixture.team.id), \(fixture.caller.keyID), 'wan2.2-s2v', '480P',
                                \(fixture.price480.id), \(hold), '{}')
                        """,
                        logger: fixture.logger
                    )
                    try await connection.query(
                        """
                        INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity,
                                                    unit_price, amount, held, currency, attributed_at)
                        VALUES ('hold', \(fixture.team.id), \(fixture.caller.keyID), \(task), 'wan2.2-s2v', '480P',
                                \(fixture.price480.id), 20, \(fixture.price480.unitPrice), 0, \(hold), 'USD', now())
                        """,
                        logger: fixture.logger
                    )
                    try await Task.sleep(for: .milliseconds(800))
                    order.withLock { $0.append("hold committed") }
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            _ = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 1,
                    period: .month
                ),
                logger: fixture.logger
            )
            order.withLock { $0.append("limit lowered") }
            try await writer.value
            // The change waited for the hold, so the hold was checked against the limit in force when it was
            // written; every hold after the change sees the new limit.
            #expect(order.withLock { $0 } == ["hold committed", "limit lowered"])
            await #expect(throws: DomainError.self) { try await fixture.admit() }
            #expect(
                try await fixture.budgets.status(logger: fixture.logger).first { $0.budget.id == budget.id }?.held
                    == hold
            )
        }
    }

    @Test func repairsAtTheSameTimeCorrectTheDriftOnce() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            _ = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 100,
                    period: .month
                ),
                logger: fixture.logger
            )
            try await fixture.admit()
            try await client.query("UPDATE budget_usage SET held = held + 3")
            try await client.query("UPDATE usage_daily SET calls = calls + 2")
            let verifier = LedgerVerifier(client: client)
            let repairs = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await verifier.repair(logger: fixture.logger).count } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(repairs.sorted() == [0, 0, 0, 2], "one repair corrects the drift, the others find none")
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)
        }
    }

    @Test func aLateOutcomeDoesNotOverwriteAnotherInstancesClaim() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            _ = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 1,
                    period: .month,
                    alerts: try AlertThresholds([100]),
                    webhookURL: "http://127.0.0.1:9/hook",
                    webhookAddresses: WebhookAddressRule(allowedHosts: ["127.0.0.1"])
                ),
                logger: fixture.logger
            )
            await #expect(throws: DomainError.self) { try await fixture.admit() }
            let outbox = AlertOutbox(client: client)
            // The first claimer's lease runs out (zero here) and a second instance claims the alert.
            let first = try #require(try await outbox.claim(limit: 1, lease: .zero, logger: fixture.logger).first)
            let second = try #require(
                try await outbox.claim(limit: 1, lease: .seconds(60), logger: fixture.logger).first
            )
            #expect(first.eventID == second.eventID)
            #expect(second.attempts == first.attempts + 1)
            try await outbox.markFailed(first, error: "late", retryAfter: .zero, logger: fixture.logger)
            #expect(
                try await outbox.claim(limit: 1, lease: .seconds(60), logger: fixture.logger).isEmpty,
                "the second claim still holds the alert"
            )
        }
    }
}
