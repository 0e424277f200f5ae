import Foundation
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Budgets as hard ceilings, enforced in the transaction that writes each hold.
@Suite struct BudgetEnforcementTests {
    @Test func aBudgetAdmitsExactlyWhatFitsAndNamesItselfWhenItRefuses() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let hold = fixture.price480.amount(for: 20)
            let (budget, created) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: hold * 2 + Decimal(string: "0.5")!,
                    period: .month
                ),
                logger: fixture.logger
            )
            #expect(created)
            try await fixture.admit()
            try await fixture.admit()
            let error = await #expect(throws: DomainError.self) { try await fixture.admit() }
            guard case .budgetExceeded = error else {
                Issue.record("a budget refusal, not \(String(describing: error))")
                return
            }
            #expect(error?.message.contains("Budget \(budget.id) of team acme") == true, "\(error?.message ?? "")")
            #expect(
                error?.message.contains("0.5 of \((hold * 2 + Decimal(string: "0.5")!).exactString) USD remains")
                    == true,
                "\(error?.message ?? "")"
            )
            #expect(error?.message.contains("needs up to \(hold.exactString) USD") == true)
            // Nothing of the refused task was written.
            #expect(try await Self.count("tasks", client) == 2)
            #expect(try await Self.count("dispatch_queue", client) == 2)
            #expect(try await Self.count("ledger_entries", client) == 2)
            let status = try #require(try await fixture.budgets.status(logger: fixture.logger).first)
            #expect(status.held == hold * 2)
            #expect(status.remaining == Decimal(string: "0.5"))
        }
    }

    @Test func aDetectCallIsRefusedBeforeItsIntentWhenNoRoomIsLeft() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            _ = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .key(id: fixture.caller.keyID),
                    limit: fixture.detect.unitPrice,
                    period: .day
                ),
                logger: fixture.logger
            )
            let call = try await fixture.metering.openDetect(
                caller: fixture.caller,
                teamID: fixture.team.id,
                price: fixture.detect,
                account: "a",
                logger: fixture.logger
            )
            // The open intent holds the one image the budget allows, so a second call cannot start.
            await #expect(throws: DomainError.budgetExceeded("")) {
                do {
                    _ = try await fixture.metering.openDetect(
                        caller: fixture.caller,
                        teamID: fixture.team.id,
                        price: fixture.detect,
                        account: "a",
                        logger: fixture.logger
                    )
                } catch DomainError.budgetExceeded(let message) {
                    #expect(message.contains("of key \(fixture.caller.keyID)"))
                    throw DomainError.budgetExceeded("")
                }
            }
            #expect(try await Self.count("upstream_calls", client) == 1)
            // An upstream refusal releases the hold and makes room again.
            try await fixture.metering.failDetect(
                callID: call,
                httpStatus: 500,
                errorCode: "InternalError",
                upstreamRequestID: nil,
                logger: fixture.logger
            )
            let again = try await fixture.metering.openDetect(
                caller: fixture.caller,
                teamID: fixture.team.id,
                price: fixture.detect,
                account: "a",
                logger: fixture.logger
            )
            #expect(
                try await fixture.metering.chargeDetect(
                    callID: again,
                    upstreamRequestID: nil,
                    conservative: false,
                    logger: fixture.logger
                ) == fixture.detect.unitPrice
            )
            let status = try #require(try await fixture.budgets.status(logger: fixture.logger).first)
            #expect(status.spent == fixture.detect.unitPrice)
            #expect(status.held == 0)
        }
    }

    @Test func aGatewayWideBudgetRefusesWithoutShowingOtherTeamsFigures() async throws {
        try await TestDatabase.withClient { client, _ in
            let other = try await LedgerFixture.make(client, team: "other")
            let fixture = try await LedgerFixture.make(client, team: "acme")
            let hold = fixture.price480.amount(for: 20)
            let (global, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .global,
                    limit: hold + Decimal(string: "0.25")!,
                    period: .month
                ),
                logger: fixture.logger
            )
            try await other.admit()
            let error = await #expect(throws: DomainError.self) { try await fixture.admit() }
            let message = try #require(error?.message)
            #expect(message.contains("gateway-wide budget \(global.id)"))
            #expect(!message.contains("0.25"), "what remains reveals the other team's spend: \(message)")
            #expect(
                !message.contains(hold.exactString.prefix(4)) || message.contains("needs up to \(hold.exactString)")
            )
            #expect(!message.contains((hold + Decimal(string: "0.25")!).exactString))
        }
    }

    @Test func aBudgetAddedMidPeriodCountsThePeriodsExistingCharges() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let settled = try await fixture.admit()
            try await fixture.metering.settle(
                taskID: settled.id,
                outcome: .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "10.23"), reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                logger: fixture.logger
            )
            try await fixture.admit()
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 100,
                    period: .month
                ),
                logger: fixture.logger
            )
            let status = try #require(
                try await fixture.budgets.status(logger: fixture.logger).first { $0.budget.id == budget.id }
            )
            #expect(status.spent == Decimal(string: "0.73325571"))
            #expect(status.held == fixture.price480.amount(for: 20))

            // Setting it again changes it in place and keeps its counters.
            let (changed, created) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 50,
                    period: .month,
                    alerts: try AlertThresholds([90])
                ),
                logger: fixture.logger
            )
            #expect(!created)
            #expect(changed.id == budget.id)
            #expect(changed.limit == 50)
            #expect(changed.alerts.percentages == [90])
            #expect(
                try await fixture.budgets.status(logger: fixture.logger).first?.spent == Decimal(string: "0.73325571")
            )
        }
    }

    @Test func eachThresholdAndTheFirstRefusalAlertOncePerPeriod() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let hold = fixture.price480.amount(for: 20)
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: hold * 4,
                    period: .month,
                    webhookURL: "http://127.0.0.1:9/hook",
                    webhookAddresses: WebhookAddressRule(allowedHosts: ["127.0.0.1"])
                ),
                logger: fixture.logger
            )
            var admitted: [AdmittedTask] = []
            for _ in 0..<4 { admitted.append(try await fixture.admit()) }
            for _ in 0..<3 { await #expect(throws: DomainError.self) { try await fixture.admit() } }
            // A release brings usage back under 80 %; crossing it again is not a new alert.
            try await fixture.metering.settle(
                taskID: admitted[0].id,
                outcome: .failed(output: "{}"),
                logger: fixture.logger
            )
            try await fixture.metering.settle(
                taskID: admitted[1].id,
                outcome: .failed(output: "{}"),
                logger: fixture.logger
            )
            try await fixture.admit()
            try await fixture.admit()

            let rows = try await client.query(
                """
                SELECT kind, threshold::text, spent + held, webhook_url FROM budget_alerts WHERE budget_id = \(budget.id)
                ORDER BY id
                """
            )
            var alerts: [(String, String, Decimal, String?)] = []
            for try await row in rows.decode((String, String, Decimal, String?).self) { alerts.append(row) }
            #expect(alerts.map(\.0) == ["threshold", "threshold", "threshold", "refused"])
            #expect(alerts.map(\.1) == ["50", "80", "100", "100"])
            #expect(alerts[0].2 == hold * 2)
            #expect(alerts[2].2 == hold * 4)
            #expect(alerts.allSatisfy { $0.3 == "http://127.0.0.1:9/hook" })
        }
    }

    @Test func aDeletedBudgetStopsRefusing() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 0,
                    period: .lifetime
                ),
                logger: fixture.logger
            )
            await #expect(throws: DomainError.self) { try await fixture.admit() }
            #expect(try await fixture.budgets.delete(id: budget.id, logger: fixture.logger))
            #expect(try await !fixture.budgets.delete(id: budget.id, logger: fixture.logger))
            try await fixture.admit()
            #expect(try await fixture.budgets.list(logger: fixture.logger).isEmpty)
        }
    }

    @Test func badBudgetsAreRefusedWithClearErrors() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let zone = await #expect(throws: DomainError.self) {
                try await fixture.budgets.set(
                    try BudgetSpecification(
                        scope: .global,
                        limit: 1,
                        period: .day,
                        timezone: "Mars/Olympus"
                    ),
                    logger: fixture.logger
                )
            }
            #expect(zone?.message.contains("not an IANA time zone") == true)
            await #expect(throws: DomainError.self) {
                try await fixture.budgets.set(
                    try BudgetSpecification(scope: .team(id: 999), limit: 1, period: .day),
                    logger: fixture.logger
                )
            }
            #expect(throws: DomainError.self) { try BudgetSpecification(scope: .global, limit: -1, period: .day) }
            #expect(throws: DomainError.self) {
                try BudgetSpecification(scope: .global, limit: 1, period: .day, webhookURL: "ftp://x")
            }
            #expect(throws: DomainError.self) { try AlertThresholds.parse("50,eighty") }
            #expect(throws: DomainError.self) { try BudgetPeriod.parse("fortnight") }
            #expect(try await fixture.budgets.list(logger: fixture.logger).isEmpty)
        }
    }

    static func count(_ table: String, _ client: StoreClient) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"))
        for try await count in rows.decode(Int.self) { return count }
        return -1
    }
}
