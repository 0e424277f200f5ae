import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19: the dashboard shows spend by a chosen tag (a team key its own team only), and `/metrics` reports
/// spend by the configured tag keys only.
@Suite struct TagSpendViewsTests {
    @Test func theDashboardShowsSpendByAChosenTagWithinTheCallersTeam() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let admin = try await harness.makeAdminKey()
        let alpha = try await harness.makeTeamKey("dash-alpha", tags: try CostTags(["project": "launch"]))
        let beta = try await harness.makeTeamKey("dash-beta")
        #expect(try await harness.detect(key: alpha).status == 200)
        #expect(try await harness.detect(key: alpha).status == 200)
        let tagged = try await harness.detect(
            key: beta,
            headers: [("X-S2V-Tags", "project=<atlas>")]
        )
        #expect(tagged.status == 400, "a value outside the rules never reaches a page")
        #expect(
            try await harness.detect(
                key: beta,
                headers: [("X-S2V-Tags", "project=atlas")]
            ).status == 200
        )
        #expect(try await harness.detect(key: beta).status == 200)

        let all = try await browser.get("/dashboard?days=7&tag=project", bearer: admin)
        #expect(all.status == 200)
        let table = try #require(Self.table(in: all.text), "\(all.text)")
        #expect(
            table.contains("<td>launch</td><td class=\"number\">2</td><td class=\"number\">0.0011</td>"),
            "\(table)"
        )
        #expect(table.contains("<td>atlas</td><td class=\"number\">1</td>"), "\(table)")
        #expect(table.contains("<em>(untagged)</em>"), "\(table)")
        #expect(all.text.contains(#"href="/dashboard?days=7&amp;tag=project""#), "the tag keys in use are links")

        let own = try await browser.get("/dashboard?days=7&tag=project", bearer: beta)
        let ownTable = try #require(Self.table(in: own.text))
        #expect(!ownTable.contains("launch"), "a team key sees its own team's tags only")
        #expect(ownTable.contains("atlas"))

        let none = try await browser.get("/dashboard?days=7", bearer: admin)
        #expect(none.text.contains("Choose a tag to see spend by its values."))
        let bad = try await browser.get("/dashboard?tag=Project", bearer: admin)
        #expect(bad.status == 400)
        await harness.stop()
    }

    @Test func metricsReportSpendByTheConfiguredTagKeysOnly() async throws {
        let harness = try await GatewayHarness.start(gateway: { $0.metricsTagKeys = ["project"] })
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("metric-tags", tags: try CostTags(["project": "launch"]))
        let reply = try await harness.detect(
            key: key,
            headers: [("X-S2V-Tags", "customer=acme")]
        )
        #expect(reply.status == 200, "\(reply.text)")
        #expect(try await harness.detect(key: try await harness.makeTeamKey("metric-plain")).status == 200)
        let metrics = try await harness.send(.GET, "/metrics", key: admin)
        #expect(metrics.status == 200)
        let lines = metrics.text.split(separator: "\n").filter { $0.hasPrefix("s2v_tag_spend_usd{") }
        #expect(
            Set(lines.map { String($0) }) == [
                #"s2v_tag_spend_usd{team="metric-tags",tag_key="project",tag_value="launch"} 0.000574"#,
                #"s2v_tag_spend_usd{team="metric-plain",tag_key="project",tag_value=""} 0.000574"#,
            ],
            "\(lines)"
        )
        #expect(!metrics.text.contains("customer"), "a key not configured makes no series")
        await harness.stop()
    }

    /// The spend-by-tag table of a page.
    static func table(in page: String) -> String? {
        guard let start = page.range(of: #"<table id="tag-spend""#),
            let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }
}
