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

    /// Client limits count a team's active and daily tasks with counters kept with the tasks, not `count(*)`:
    /// they start from a recount when the limit is set, follow admissions and settlements, and `verify` checks
    /// them against a recount and repairs them.
    @Test func clientLimitCountersFollowTheTasksAndVerifyChecksThem() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            // Before the limit exists: one task admitted yesterday (not today's) and one today, both active.
            _ = try await fixture.admit(at: Date().addingTimeInterval(-86_400))
            try await fixture.admit()
            try await ClientLimitRepository(client: client).set(
                .team(fixture.team.id),
                limits: ClientLimits(maxActiveTasks: 10, tasksPerDay: 100),
                logger: fixture.logger
            )
            func counters() async throws -> [Int] {
                let rows = try await client.query(
                    "SELECT active_tasks, tasks_today FROM client_limits WHERE team_id = \(fixture.team.id)"
                )
                var values: [Int] = []
                for try await (active, today) in rows.decode((Int, Int).self) { values += [active, today] }
                return values
            }
            #expect(try await counters() == [2, 1], "started from a recount")

            let settled = try await fixture.admit()
            try await fixture.admit()
            try await fixture.metering.settle(
                taskID: settled.id,
                outcome: .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "3.5"), reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                logger: fixture.logger
            )
            #expect(try await counters() == [3, 3], "two admitted, one settled")
            let verifier = LedgerVerifier(client: client)
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)

            try await client.query("UPDATE client_limits SET active_tasks = 9, tasks_today = 0")
            let drift = try await verifier.findDrift(logger: fixture.logger)
            #expect(drift.map(\.field) == ["active_tasks", "tasks_today"], "\(drift)")
            #expect(drift.map(\.expected) == [3, 3])
            #expect(drift.first?.counterDescription.hasPrefix("client_limits ") == true)
            #expect(try await verifier.repair(logger: fixture.logger) == drift)
            #expect(try await counters() == [3, 3])
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)
        }
    }
}
