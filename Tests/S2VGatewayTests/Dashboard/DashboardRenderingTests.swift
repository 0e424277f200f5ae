import Foundation
import NIOHTTP1
import Testing

/// What the page renders: every text from the database escaped, and the range of `?days=`.
@Suite struct DashboardRenderingTests {
    @Test func textFromTheCallLogIsEscapedAndTheRangeFollowsDays() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let admin = try await harness.makeAdminKey()
        // An unauthenticated request's path lands in the call log as sent: hostile text must stay text.
        _ = try await harness.scalar(
            """
            INSERT INTO call_log (request_id, method, endpoint, http_status, error_code, latency_us)
            VALUES (gen_random_uuid(), 'GET', '/api/v1/<script>alert("x")</script>', 401, 'Bad&<b>', 1)
            RETURNING id
            """,
            as: Int.self
        )

        let page = try await browser.get("/dashboard?days=7", bearer: admin)
        #expect(page.status == 200)
        #expect(page.text.contains("/api/v1/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(page.text.contains("Bad&amp;&lt;b&gt;"))
        #expect(!page.text.contains("<script"))
        #expect(!page.text.contains("<b>"))
        #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(Self.bars(in: page.text) == 7)

        #expect(Self.bars(in: try await browser.get("/dashboard", bearer: admin).text) == 30)
        #expect(Self.bars(in: try await browser.get("/dashboard?days=5000", bearer: admin).text) == 366)
        #expect(Self.bars(in: try await browser.get("/dashboard?days=0", bearer: admin).text) == 1)
        await harness.stop()
    }

    /// The bars of the spend-per-day chart.
    static func bars(in page: String) -> Int {
        guard let chart = DashboardBrowserTests.element(#"<svg class="chart" id="daily-chart""#, in: page) else {
            return -1
        }
        return chart.components(separatedBy: #"<rect class="bar""#).count - 1
    }
}
