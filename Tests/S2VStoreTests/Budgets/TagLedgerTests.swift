import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19 in the store: every ledger row of a call carries its tags, the rollups keep each tag set apart,
/// `verify` checks and repairs them, and a budget on a tag counts exactly the calls carrying it.
@Suite struct TagLedgerTests {
    static let launch = try! CostTags(["project": "launch"])

    @Test func verifyFindsAndRepairsATamperedTagRollup() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let tagged = try await Self.admit(fixture, tags: Self.launch)
            try await fixture.metering.settle(
                taskID: tagged.id,
                outcome: .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "10.23"), reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                logger: fixture.logger
            )
            try await Self.admit(fixture, tags: CostTags())
            let tagsOfRows = try await Self.strings(
                client,
                "SELECT kind || ' ' || tags::text FROM ledger_entries ORDER BY id"
            )
            #expect(
                tagsOfRows == [
                    #"hold {"project": "launch"}"#, #"capture {"project": "launch"}"#, "hold {}",
                ],
                "a capture carries its hold's tags"
            )
            let verifier = LedgerVerifier(client: client)
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)
            let byTag = { () async throws -> [String: Decimal] in
                let rows = try await UsageReportRepository(client: client).usage(
                    from: Date(timeIntervalSinceNow: -86_400 * 2),
                    to: Date(timeIntervalSinceNow: 86_400 * 2),
                    groupedBy: [.tag("project")],
                    logger: fixture.logger
                )
                return Dictionary(uniqueKeysWithValues: rows.map { ($0.groups[.tag("project")] ?? "?", $0.cost) })
            }
            let honest = try await byTag()
            #expect(honest == ["launch": Decimal(string: "0.73325571")!, "": 0])

            // Spend moved from one tag to another, and a tagged billing line moved to untagged.
            try await client.query("UPDATE usage_daily SET cost = cost + 0.5 WHERE tags ->> 'project' = 'launch'")
            try await client.query("UPDATE invoice_lines SET tags = '{}' WHERE tags ->> 'project' = 'launch'")
            let drift = try await verifier.findDrift(logger: fixture.logger)
            let described = drift.map { "\($0.counterDescription) \($0.field)" }
            #expect(
                described.contains { $0.hasPrefix("usage_daily") && $0.contains(#"tags {"project": "launch"} cost"#) },
                "\(described)"
            )
            #expect(
                described.filter { $0.hasPrefix("invoice_lines") && $0.hasSuffix(" amount") }.count == 2,
                "the tagged line is missing and an untagged one is extra: \(described)"
            )
            #expect(try await byTag() != honest)

            #expect(try await verifier.repair(logger: fixture.logger) == drift)
            #expect(try await verifier.findDrift(logger: fixture.logger).isEmpty)
            #expect(try await byTag() == honest)
            let split = try await InvoiceRepository(client: client).statement(
                month: BillingMonth(containing: Date()),
                splitByTag: "project",
                logger: fixture.logger
            )
            #expect(split.teams.first?.sections.map(\.tagValue) == ["launch"])
        }
    }

    @Test func aTagBudgetWithinATeamCountsThatTeamsTaggedCallsOnly() async throws {
        try await TestDatabase.withClient { client, _ in
            let alpha = try await LedgerFixture.make(client, team: "alpha")
            let beta = try await LedgerFixture.make(client, team: "beta")
            let hold = alpha.price480.amount(for: 20)
            let (budget, _) = try await alpha.budgets.set(
                try BudgetSpecification(
                    scope: .tag(key: "project", value: "launch", teamID: alpha.team.id),
                    limit: hold,
                    period: .month
                ),
                logger: alpha.logger
            )
            #expect(budget.scopeDescription == "tag project=launch (team alpha)")
            try await Self.admit(alpha, tags: Self.launch)
            await #expect {
                try await Self.admit(alpha, tags: try CostTags(["project": "launch", "env": "prod"]))
            } throws: { error in
                guard case DomainError.budgetExceeded(let message) = error else { return false }
                return message.contains("Budget \(budget.id) of tag project=launch within team alpha")
                    && message.contains("0 of \(hold.exactString) USD remains")
            }
            // Another tag value, no tag, or another team: not under this budget.
            try await Self.admit(alpha, tags: try CostTags(["project": "atlas"]))
            try await Self.admit(alpha, tags: CostTags())
            try await Self.admit(beta, tags: Self.launch)
            let status = try #require(try await alpha.budgets.status(id: budget.id, logger: alpha.logger).first)
            #expect(status.held == hold)
            let alerts = try await Self.strings(
                client,
                "SELECT kind || ' ' || threshold::text FROM budget_alerts WHERE budget_id = \(budget.id) ORDER BY id"
            )
            #expect(alerts.contains("threshold 100"), "alerts go out as for any budget: \(alerts)")
            #expect(try await LedgerVerifier(client: client).findDrift(logger: alpha.logger).isEmpty)
        }
    }

    @Test func aGatewayWideTagBudgetNamesItselfWithoutOtherTeamsFigures() async throws {
        try await TestDatabase.withClient { client, _ in
            let alpha = try await LedgerFixture.make(client, team: "alpha")
            let beta = try await LedgerFixture.make(client, team: "beta")
            let (budget, _) = try await alpha.budgets.set(
                try BudgetSpecification(
                    scope: .tag(key: "project", value: "launch", teamID: nil),
                    limit: alpha.price480.amount(for: 20),
                    period: .month
                ),
                logger: alpha.logger
            )
            try await Self.admit(alpha, tags: Self.launch)
            await #expect {
                try await Self.admit(beta, tags: Self.launch)
            } throws: { error in
                guard case DomainError.budgetExceeded(let message) = error else { return false }
                return message.hasPrefix("The gateway-wide budget \(budget.id) of tag project=launch")
                    && !message.contains("remains")
            }
        }
    }

    @discardableResult
    static func admit(_ fixture: LedgerFixture, tags: CostTags) async throws -> AdmittedTask {
        try await fixture.metering.admitGeneration(
            caller: fixture.caller,
            teamID: fixture.team.id,
            model: fixture.generation,
            price: fixture.price480,
            requestBody: "{}",
            tags: tags,
            logger: fixture.logger
        )
    }

    static func strings(_ client: StoreClient, _ sql: String) async throws -> [String] {
        var result: [String] = []
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) {
            result.append(value)
        }
        return result
    }
}
