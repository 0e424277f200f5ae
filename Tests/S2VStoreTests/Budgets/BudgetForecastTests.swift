import Foundation
import S2VCore
import S2VReports
import S2VStore
import S2VTestSupport
import Testing

/// Budget status forecasts spent + held at the period's end from this period's average rate so far.
@Suite struct BudgetForecastTests {
    @Test func aBudgetForecastsItsPeriodsEndAtTheRateSoFar() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let (budget, _) = try await fixture.budgets.set(
                try BudgetSpecification(scope: .team(id: fixture.team.id), limit: 5, period: .day),
                logger: fixture.logger
            )
            let (lifetime, _) = try await fixture.budgets.set(
                try BudgetSpecification(scope: .team(id: fixture.team.id), limit: 5, period: .lifetime),
                logger: fixture.logger
            )
            // Two holds of 20 s at 480P (1.43354 each) in the first six hours of 2 November (UTC).
            _ = try await fixture.admit(at: LedgerFixture.instant("2026-11-02T01:00:00Z"))
            _ = try await fixture.admit(at: LedgerFixture.instant("2026-11-02T05:00:00Z"))

            let quarter = try await fixture.budgets.status(
                at: LedgerFixture.instant("2026-11-02T06:00:00Z"),
                logger: fixture.logger
            )
            let day = try #require(quarter.first { $0.budget.id == budget.id })
            #expect(day.held == Decimal(string: "2.86708")!)
            #expect(
                day.forecast == Decimal(string: "11.46832")!,
                "a quarter of the day gone: four times the use so far"
            )
            #expect(day.forecastExceedsLimit)
            #expect(quarter.first { $0.budget.id == lifetime.id }?.forecast == nil, "a lifetime has no end to forecast")

            let firstMinute = try await fixture.budgets.status(
                at: LedgerFixture.instant("2026-11-03T00:00:30Z"),
                logger: fixture.logger
            )
            #expect(firstMinute.first { $0.budget.id == budget.id }?.forecast == nil, "too early in the period to say")

            let document = BudgetStatusDocument(day)
            #expect(document.forecast == "11.46832" && document.forecastExceedsLimit)
            #expect(document.asOf == "2026-11-02T06:00:00Z")
        }
    }
}
