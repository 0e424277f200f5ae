import Foundation
import NIOHTTP1
import Testing

/// Sign-in and sign-out refuse posts another site made the browser send (login CSRF), with a 403 page, no
/// cookie and no session; the dashboard's own form still signs in.
@Suite struct DashboardCrossSiteTests {
    @Test func aSignInFromAnotherSiteIsRefused() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let key = try await harness.makeTeamKey()
        let attempts: [[(String, String)]] = [
            [("Origin", "https://evil.example")],
            [("Sec-Fetch-Site", "cross-site")],
            [("Sec-Fetch-Site", "same-site"), ("Origin", "http://127.0.0.1:1")],
            [("Origin", "null")],
            [("Origin", "http://127.0.0.1:\(harness.port + 1)")],
            [("Origin", "http://evil.example:\(harness.port)")],
            [("Origin", harness.baseURL), ("Sec-Fetch-Site", "cross-site")],
            [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "same-origin")],
        ]
        for headers in attempts {
            let login = try await browser.post("/dashboard/login", fields: [("key", key)], headers: headers)
            #expect(login.status == 403, "\(headers)")
            #expect(login.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
            #expect(login.text.contains("came from another site"), "\(headers): \(login.text)")
            #expect(login.headers[canonicalForm: "set-cookie"].isEmpty, "\(headers)")
        }
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 0)

        // The dashboard's own form, as a browser posts it: same origin.
        let own = try await browser.post(
            "/dashboard/login",
            fields: [("key", key)],
            headers: [("Origin", harness.baseURL), ("Sec-Fetch-Site", "same-origin")]
        )
        #expect(own.status == 303)
        #expect(own.sessionCookie != nil)
        // Behind a proxy that names the public host in X-Forwarded-Host.
        let proxied = try await browser.post(
            "/dashboard/login",
            fields: [("key", key)],
            headers: [
                ("Origin", "https://meter.example.com"), ("X-Forwarded-Host", "meter.example.com"),
                ("Sec-Fetch-Site", "same-origin"),
            ]
        )
        #expect(proxied.status == 303)
        // Typed into the address bar, or sent by curl: no Origin at all.
        #expect(
            try await browser.post("/dashboard/login", fields: [("key", key)], headers: [("Sec-Fetch-Site", "none")])
                .status == 303
        )
        #expect(try await browser.post("/dashboard/login", fields: [("key", key)]).status == 303)
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 4)
        await harness.stop()
    }

    /// Through a front on another port that passes `Host` on (deploy/nginx.conf does), the browser's origin is
    /// the front's, and the form it serves signs in. The headless-Chromium test signs in the same way.
    @Test func theFormSignsInThroughAFrontThatPassesTheHost() async throws {
        let harness = try await GatewayHarness.start()
        let launcher = SignInLauncher()
        let key = try await harness.makeTeamKey()
        try await launcher.start(gatewayURL: harness.baseURL, key: key)
        let front = DashboardClient(baseURL: String(launcher.url.dropLast()))
        let origin = [("Origin", String(launcher.url.dropLast())), ("Sec-Fetch-Site", "same-origin")]

        let form = try await front.get("/")
        #expect(form.text.contains(#"action="/dashboard/login""#))
        let login = try await front.post("/dashboard/login", fields: [("key", key)], headers: origin)
        #expect(login.status == 303, "\(login.text)")
        let cookie = try #require(login.sessionCookie)
        #expect(try await front.get(cookie: cookie).text.contains("Spend per day"))
        // The gateway's own address is another origin than the front's.
        let direct = try await DashboardClient(baseURL: harness.baseURL).post(
            "/dashboard/login",
            fields: [("key", key)],
            headers: [("Origin", String(launcher.url.dropLast()))]
        )
        #expect(direct.status == 403)
        await launcher.stop()
        await harness.stop()
    }

    @Test func aSignOutFromAnotherSiteIsRefusedAndTheSessionStays() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let cookie = try #require(try await browser.signIn(key: try await harness.makeAdminKey()))

        let forged = try await browser.post(
            "/dashboard/logout",
            cookie: cookie,
            headers: [("Origin", "https://evil.example")]
        )
        #expect(forged.status == 403)
        #expect(forged.headers[canonicalForm: "set-cookie"].isEmpty)
        let sniffed = try await browser.post(
            "/dashboard/logout",
            cookie: cookie,
            headers: [("Sec-Fetch-Site", "cross-site")]
        )
        #expect(sniffed.status == 403)
        #expect(try await browser.get(cookie: cookie).status == 200)
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 1)

        let own = try await browser.post("/dashboard/logout", cookie: cookie, headers: [("Origin", harness.baseURL)])
        #expect(own.status == 303)
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 0)
        await harness.stop()
    }
}
