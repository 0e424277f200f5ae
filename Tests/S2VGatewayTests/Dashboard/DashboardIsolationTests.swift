import Foundation
import Testing

/// Over HTTP a team key's dashboard shows its own team only: no other team's name, figures, budgets or calls,
/// and not the gateway-wide budget (whose figures include every team). An admin key's shows everything.
@Suite struct DashboardIsolationTests {
    @Test func aTeamSeesOnlyItsOwnRowsAndTheAdminSeesEveryTeam() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let scenario = try await DashboardScenario.make(on: harness)
        let alpha = scenario.alpha
        let beta = scenario.beta

        let alphaCookie = try #require(try await browser.signIn(key: alpha.key))
        let alphaPage = try await browser.get(cookie: alphaCookie)
        #expect(alphaPage.status == 200)
        let own = alphaPage.text
        // Its own: name, key prefix, spend (0.358385, shown as 0.3584), its budget.
        #expect(own.contains(alpha.name))
        #expect(own.contains(alpha.prefix))
        #expect(own.contains(#"<strong id="range-total">0.3584 USD</strong>"#))
        #expect(own.contains(#"data-budget="\#(alpha.budgetID)""#))
        #expect(own.contains("55.5500"))
        // Nothing of beta's: name, key, spend (0.94369558), its detect call (endpoint, cost 0.000574), budget; nor
        // the global budget.
        for foreign in [
            beta.name, beta.prefix, "0.9437", "0.000574", "face-detect", "77.7700",
            #"data-budget="\#(beta.budgetID)""#, #"data-budget="\#(scenario.globalBudgetID)""#, "999.9900",
            "1.3021",
        ] {
            #expect(!own.contains(foreign), "team alpha's dashboard shows \(foreign)")
        }

        // The same through a Bearer key, without a session.
        let bearerPage = try await browser.get(bearer: beta.key)
        #expect(bearerPage.text.contains(beta.name))
        #expect(bearerPage.text.contains("0.9437"))
        for foreign in [alpha.name, alpha.prefix, "0.3584", "55.5500", #"data-budget="\#(scenario.globalBudgetID)""#] {
            #expect(!bearerPage.text.contains(foreign), "team beta's dashboard shows \(foreign)")
        }

        let adminCookie = try #require(try await browser.signIn(key: scenario.adminKey))
        let all = try await browser.get("/dashboard?days=7", cookie: adminCookie).text
        for expected in [
            alpha.name, beta.name, alpha.prefix, beta.prefix, "0.3584", "0.9437", "0.000574",
            "face-detect", #"<strong id="range-total">1.3021 USD</strong>"#,
            #"data-budget="\#(alpha.budgetID)""#, #"data-budget="\#(beta.budgetID)""#,
            #"data-budget="\#(scenario.globalBudgetID)""#, "999.9900",
        ] {
            #expect(all.contains(expected), "the admin's dashboard lacks \(expected)")
        }
        #expect(all.contains("last 7 UTC days"))
        await harness.stop()
    }
}
