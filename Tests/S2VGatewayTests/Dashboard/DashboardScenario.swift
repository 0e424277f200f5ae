import Foundation
import Logging
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Two teams with usage, budgets and calls, plus a gateway-wide budget and an admin key: what the dashboard's
/// isolation and browser tests look at.
struct DashboardScenario {
    struct Member {
        var name: String
        var key: String
        /// The key's prefix, as the call log's listing shows it.
        var prefix: String
        var budgetID: Int64
    }

    let alpha: Member
    let beta: Member
    let adminKey: String
    let globalBudgetID: Int64

    /// alpha: one 5 s 480P task (0.358385); beta: one 7.31 s 720P task (0.94312158) and one face detection
    /// (0.000574), settled. Budgets: alpha 55.55, beta 77.77, global 999.99 a month.
    static func make(on harness: GatewayHarness) async throws -> DashboardScenario {
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let alphaName = "dash-alpha-\(suffix)"
        let betaName = "dash-beta-\(suffix)"
        let alphaKey = try await harness.makeTeamKey(alphaName)
        let betaKey = try await harness.makeTeamKey(betaName)
        let adminKey = try await harness.makeAdminKey()

        #expect(try await harness.submit(key: alphaKey, seconds: "5", resolution: "480P").status == 200)
        #expect(try await harness.submit(key: betaKey, seconds: "7.31", resolution: "720P").status == 200)
        #expect(try await harness.detect(key: betaKey).status == 200)
        try await harness.waitUntilAllSettled()

        let logger = Logger(label: "test.dashboard")
        let (alphaBudget, betaBudget, globalBudget) = try await harness.database.withClient { client in
            let teams = TeamRepository(client: client)
            let budgets = BudgetRepository(client: client)
            let alphaTeam = try #require(try await teams.find(name: alphaName, logger: logger))
            let betaTeam = try #require(try await teams.find(name: betaName, logger: logger))
            let alpha = try await budgets.set(
                BudgetSpecification(scope: .team(id: alphaTeam.id), limit: Decimal(string: "55.55")!, period: .month),
                logger: logger
            ).0
            let beta = try await budgets.set(
                BudgetSpecification(scope: .team(id: betaTeam.id), limit: Decimal(string: "77.77")!, period: .month),
                logger: logger
            ).0
            let global = try await budgets.set(
                BudgetSpecification(scope: .global, limit: Decimal(string: "999.99")!, period: .month),
                logger: logger
            ).0
            return (alpha.id, beta.id, global.id)
        }
        return DashboardScenario(
            alpha: Member(
                name: alphaName,
                key: alphaKey,
                prefix: APIKeySecret(value: alphaKey).displayPrefix,
                budgetID: alphaBudget
            ),
            beta: Member(
                name: betaName,
                key: betaKey,
                prefix: APIKeySecret(value: betaKey).displayPrefix,
                budgetID: betaBudget
            ),
            adminKey: adminKey,
            globalBudgetID: globalBudget
        )
    }
}
