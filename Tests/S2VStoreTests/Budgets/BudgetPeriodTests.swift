import Foundation
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Periods begin at their calendar boundary in the budget's time zone, with no reset job: the clock is the
/// admission time each hold carries, chosen here.
@Suite struct BudgetPeriodTests {
    @Test func monthBoundariesInShanghaiAndUTCDifferByEightHours() async throws {
        try await TestDatabase.withClient { client, _ in
            let at = LedgerFixture.instant("2026-11-30T17:00:00Z")
            let shanghai = try await Self.period("month", "Asia/Shanghai", at, client)
            let utc = try await Self.period("month", "UTC", at, client)
            // 17:00 UTC on the 30th is already 1 December in Shanghai.
            #expect(shanghai.start == LedgerFixture.instant("2026-11-30T16:00:00Z"))
            #expect(shanghai.end == LedgerFixture.instant("2026-12-31T16:00:00Z"))
            #expect(utc.start == LedgerFixture.instant("2026-11-01T00:00:00Z"))
            #expect(utc.end == LedgerFixture.instant("2026-12-01T00:00:00Z"))
            #expect(utc.end!.timeIntervalSince(shanghai.start) == 8 * 3600)
        }
    }

    @Test func aDaylightSavingDayInNewYorkHasItsRealLength() async throws {
        try await TestDatabase.withClient { client, _ in
            let zone = "America/New_York"
            let spring = try await Self.period("day", zone, LedgerFixture.instant("2026-03-08T12:00:00Z"), client)
            let autumn = try await Self.period("day", zone, LedgerFixture.instant("2026-11-01T12:00:00Z"), client)
            let ordinary = try await Self.period("day", zone, LedgerFixture.instant("2026-11-02T12:00:00Z"), client)
            #expect(spring.start == LedgerFixture.instant("2026-03-08T05:00:00Z"))
            #expect(spring.end!.timeIntervalSince(spring.start) == 23 * 3600)
            #expect(autumn.start == LedgerFixture.instant("2026-11-01T04:00:00Z"))
            #expect(autumn.end!.timeIntervalSince(autumn.start) == 25 * 3600)
            #expect(ordinary.end!.timeIntervalSince(ordinary.start) == 24 * 3600)
        }
    }

    @Test func eachPeriodEndsWhereTheNextBeginsAlsoWhereMidnightIsSkipped() async throws {
        try await TestDatabase.withClient { client, _ in
            // Chile skips local midnight when daylight saving time begins; Lord Howe shifts by half an hour.
            for zone in ["America/Santiago", "America/New_York", "Australia/Lord_Howe", "Asia/Shanghai", "UTC"] {
                for period in ["day", "week", "month"] {
                    let rows = try await client.query(
                        """
                        SELECT count(*)::int FROM (
                            SELECT budget_period_end(\(period), \(zone), budget_period_start(\(period), \(zone), t)) AS e
                            FROM generate_series(timestamptz '2026-01-01 12:00+00', timestamptz '2026-12-31 12:00+00',
                                                 interval '1 day') t) ends
                        WHERE budget_period_start(\(period), \(zone), e) <> e
                        """
                    )
                    for try await mismatches in rows.decode(Int.self) {
                        #expect(mismatches == 0, "\(period) in \(zone)")
                    }
                }
            }
        }
    }

    @Test func weeksStartOnMondayAndLifetimeNeverEnds() async throws {
        try await TestDatabase.withClient { client, _ in
            // Wednesday 25 November 2026, 01:00 in Shanghai: the ISO week began Monday the 23rd.
            let week = try await Self.period(
                "week",
                "Asia/Shanghai",
                LedgerFixture.instant("2026-11-24T17:00:00Z"),
                client
            )
            #expect(week.start == LedgerFixture.instant("2026-11-22T16:00:00Z"))
            #expect(week.end == LedgerFixture.instant("2026-11-29T16:00:00Z"))
            let lifetime = try await Self.period(
                "lifetime",
                "UTC",
                LedgerFixture.instant("2026-11-24T17:00:00Z"),
                client
            )
            #expect(lifetime.start == LedgerFixture.instant("1970-01-01T00:00:00Z"))
            #expect(lifetime.end == nil)
        }
    }

    @Test func aHoldCountsInThePeriodOfItsAdmissionInEachBudgetsZone() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let (shanghai, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 100,
                    period: .month,
                    timezone: "Asia/Shanghai"
                ),
                logger: fixture.logger
            )
            let (utc, _) = try await fixture.budgets.set(
                try BudgetSpecification(
                    scope: .team(id: fixture.team.id),
                    limit: 100,
                    period: .month,
                    timezone: "UTC"
                ),
                logger: fixture.logger
            )
            let hold = fixture.price480.amount(for: 20)

            _ = try await fixture.admit(at: LedgerFixture.instant("2026-11-30T15:59:59Z"))  // 23:59:59 in Shanghai
            _ = try await fixture.admit(at: LedgerFixture.instant("2026-11-30T16:00:00Z"))  // 00:00 on 1 December there

            let novemberShanghai = try await fixture.usage(
                budget: shanghai.id,
                periodStart: LedgerFixture.instant("2026-10-31T16:00:00Z")
            )
            let decemberShanghai = try await fixture.usage(
                budget: shanghai.id,
                periodStart: LedgerFixture.instant("2026-11-30T16:00:00Z")
            )
            let novemberUTC = try await fixture.usage(
                budget: utc.id,
                periodStart: LedgerFixture.instant("2026-11-01T00:00:00Z")
            )
            #expect(novemberShanghai?.held == hold)
            #expect(decemberShanghai?.held == hold)
            #expect(novemberUTC?.held == hold * 2)

            // The status at a chosen instant reads that instant's period, with no reset job having run.
            let december = try await fixture.budgets.status(
                at: LedgerFixture.instant("2026-12-01T03:00:00Z"),
                logger: fixture.logger
            )
            #expect(december.first { $0.budget.id == shanghai.id }?.held == hold)
            #expect(december.first { $0.budget.id == utc.id }?.held == 0)
        }
    }

    private static func period(
        _ period: String,
        _ zone: String,
        _ at: Date,
        _ client: StoreClient
    ) async throws -> (start: Date, end: Date?) {
        let rows = try await client.query(
            """
            SELECT s, budget_period_end(\(period), \(zone), s)
            FROM (SELECT budget_period_start(\(period), \(zone), \(at)) AS s) p
            """
        )
        for try await row in rows.decode((Date, Date?).self) { return row }
        throw DomainError.invalid("no period")
    }
}
