import Foundation
import Testing

/// The dashboard in a real browser: headless Chromium (Debian's `chromium`) signs in through a form post, follows
/// the redirect with its session cookie, and renders the page with its SVG charts.
@Suite struct DashboardBrowserTests {
    /// CI installs Chromium (`.ci/run`), so there the test must run and fails without it; elsewhere it is skipped.
    static let enabled = ProcessInfo.processInfo.environment["CI"] != nil || HeadlessChromium.path != nil

    @Test(.enabled(if: enabled, "needs Chromium: apt-get install chromium"))
    func theDashboardRendersItsChartsInHeadlessChromium() async throws {
        let executable = try #require(
            HeadlessChromium.path,
            "Chromium is not installed (/usr/bin/chromium): apt-get install chromium"
        )
        let chromium = HeadlessChromium(executable: executable)
        let harness = try await GatewayHarness.start()
        let scenario = try await DashboardScenario.make(on: harness)
        let launcher = SignInLauncher()
        try await launcher.start(gatewayURL: harness.baseURL, key: scenario.adminKey)

        let (status, dom) = try await chromium.dumpDOM(of: launcher.url)
        #expect(status == 0, "chromium exited with \(status)")
        #expect(dom.contains("Signed in with an admin key"), "not signed in; the browser shows: \(dom.prefix(2000))")
        let daily = try #require(Self.element(#"<svg class="chart" id="daily-chart""#, in: dom), "no daily chart")
        // One bar per day of the default 30-day range, each with its title.
        #expect(daily.components(separatedBy: #"<rect class="bar""#).count - 1 == 30)
        #expect(daily.components(separatedBy: "<title>").count - 1 == 30)
        #expect(daily.contains("1.3021"), "today's value above its bar")
        let teams = try #require(Self.element(#"<svg class="chart" id="team-chart""#, in: dom), "no team chart")
        #expect(teams.components(separatedBy: #"<rect class="bar""#).count - 1 == 2)
        #expect(teams.contains(scenario.alpha.name))
        #expect(teams.contains(scenario.beta.name))
        #expect(dom.contains(#"class="gauge-bar""#))
        #expect(dom.contains(#"<table class="calls">"#))
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 1)

        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dashboard-\(UUID().uuidString).png"
        ).path
        defer { try? FileManager.default.removeItem(atPath: screenshot) }
        let shot = try await chromium.screenshot(of: launcher.url, to: screenshot)
        #expect(shot.status == 0, "chromium exited with \(shot.status)")
        let png = try #require(FileManager.default.contents(atPath: screenshot), "no screenshot written")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(png.count > 30_000, "a \(png.count)-byte screenshot is too small for a page with charts")

        await launcher.stop()
        await harness.stop()
    }

    /// The text of the element that starts with `opening`, up to its closing `</svg>`.
    static func element(_ opening: String, in dom: String) -> String? {
        guard let start = dom.range(of: opening),
            let end = dom.range(of: "</svg>", range: start.upperBound..<dom.endIndex)
        else { return nil }
        return String(dom[start.lowerBound..<end.upperBound])
    }
}
