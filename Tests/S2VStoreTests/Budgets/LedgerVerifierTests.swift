import Foundation
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Counters are derived data: `verify` recomputes them from the ledger and `--repair` puts them right.
@Suite struct LedgerVerifierTests {
    @Test func injectedDriftIsFoundAndRepaired() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 100,
                    period: .month
                ),
                logger: fixture.logger
            )
            let task = try await fixture.admit()
            try await fixture.metering.settle(
                taskID: task.id,
                outcome: .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "10.23"), reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                logger: fixture.logger
            )
            try await fixture.admit()
            let call = try await fixture.metering.openDetect(
                caller: fixture.caller,
                teamID: fixture.team.id,
                price: fixture.detect,
                account: "a",
                logger: fixture.logger
            )
            try await fixture.metering.chargeDetect(
                callID: call,
                upstreamRequestID: nil,
                conservative: false,
                logger: fixture.logger
            )
            let verifier = LedgerVerifier(client: client)
            #expect(
                try await verifier.findDrift(logger: fixture.logger).isEmpty,
                "the metering paths keep every counter exact"
            )

            let before = try #require(try await fixture.budgets.status(logger: fixture.logger).first)
            try await client.query("UPDATE budget_usage SET spent = spent + 7, held = 0 WHERE budget_id = \(budget.id)")
            try await client.query(
                "UPDATE usage_daily SET cost = cost - 0.1, tasks_succeeded = 0 WHERE model = 'wan2.2-s2v'"
            )
            try await client.query("DELETE FROM usage_daily WHERE model = 'wan2.2-s2v-detect'")

            let drift = try await verifier.findDrift(logger: fixture.logger)
            let fields = Set(drift.map(\.field))
            #expect(fields == ["spent", "held", "cost", "tasks_succeeded", "calls", "images"], "\(drift)")
            let spent = try #require(drift.first { $0.field == "spent" })
            #expect(spent.recorded - spent.expected == 7)
            #expect(spent.counterDescription.hasPrefix("budget \(budget.id), period from"))

            let repaired = try await verifier.repair(logger: fixture.logger)
            #expect(repaired == drift)
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)
            let after = try #require(try await fixture.budgets.status(logger: fixture.logger).first)
            #expect(after.spent == before.spent)
            #expect(after.held == before.held)
        }
    }
}
