import Foundation
import Logging
import NIOHTTP1
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Signing in to `/dashboard` over HTTP: the form, a session in PostgreSQL behind an HttpOnly cookie, a bad key,
/// a revoked key, signing out, and a gateway key in `Authorization: Bearer`.
@Suite struct DashboardSignInTests {
    @Test func aKeyPostedToTheFormOpensASessionThatShowsThePage() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let team = "dash-signin-\(UUID().uuidString.prefix(6).lowercased())"
        let key = try await harness.makeTeamKey(team)

        let form = try await browser.get()
        #expect(form.status == 200)
        #expect(form.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
        #expect(form.text.contains(#"<form class="sign-in" method="post" action="/dashboard/login">"#))
        #expect(form.text.contains(#"type="password""#))
        #expect(!form.text.contains("Spend per day"))

        let login = try await browser.post("/dashboard/login", fields: [("key", key)])
        #expect(login.status == 303)
        #expect(login.headers.first(name: "Location") == "/dashboard")
        let setCookie = try #require(login.setCookie)
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(setCookie.contains("Path=/dashboard"))
        #expect(!setCookie.contains("Secure"), "plain HTTP: a Secure cookie would not come back")
        #expect(!setCookie.contains(key))
        let cookie = try #require(login.sessionCookie)

        let page = try await browser.get(cookie: cookie)
        #expect(page.status == 200)
        #expect(page.text.contains("Spend per day"))
        #expect(page.text.contains(#"id="daily-chart""#))
        #expect(page.text.contains("team \(team)"))

        // Only the token's SHA-256 is stored, never the token or the key.
        let stored = try await harness.scalar(
            "SELECT encode(token_hash, 'hex') FROM dashboard_sessions",
            as: String.self
        )
        let expected = DashboardSessionToken(value: cookie).hash.map { String(format: "%02x", $0) }.joined()
        #expect(stored == expected)
        #expect(stored != cookie)
        #expect(
            try await harness.scalar(
                "SELECT count(*) FROM dashboard_sessions WHERE expires_at BETWEEN now() + interval '11 hours' AND now() + interval '13 hours'",
                as: Int.self
            ) == 1
        )

        // curl's way: the key in the Authorization header, no session.
        let bearer = try await browser.get(bearer: key)
        #expect(bearer.status == 200)
        #expect(bearer.text.contains("team \(team)"))
        await harness.stop()
    }

    @Test func aWrongKeyGetsTheFormAgainWith401AndNoSession() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let wrong = APIKeySecret.generate().value

        let login = try await browser.post("/dashboard/login", fields: [("key", wrong)])
        #expect(login.status == 401)
        #expect(login.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
        #expect(login.text.contains("That key is unknown or revoked."))
        #expect(login.text.contains(#"action="/dashboard/login""#))
        #expect(!login.text.contains("request_id"))
        #expect(login.sessionCookie == nil)

        let empty = try await browser.post("/dashboard/login", fields: [])
        #expect(empty.status == 401)
        #expect(empty.text.contains("Enter a gateway key."))

        let bearer = try await browser.get(bearer: wrong)
        #expect(bearer.status == 401)
        #expect(bearer.text.contains(#"action="/dashboard/login""#))
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 0)
        await harness.stop()
    }

    @Test func revokingTheKeyEndsItsSessionAtOnce() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let key = try await harness.makeTeamKey()
        let cookie = try #require(try await browser.signIn(key: key))
        #expect(try await browser.get(cookie: cookie).status == 200)

        try await harness.database.withClient { client in
            let keys = APIKeyRepository(client: client)
            let caller = try #require(
                try await keys.authenticate(APIKeySecret(value: key), logger: Logger(label: "test"))
            )
            #expect(try await keys.revoke(id: caller.keyID, logger: Logger(label: "test")))
        }
        let after = try await browser.get(cookie: cookie)
        #expect(after.status == 401)
        #expect(after.text.contains("sign in again"))
        #expect(!after.text.contains("Spend per day"))
        #expect(try await browser.get(bearer: key).status == 401)
        #expect(try await browser.post("/dashboard/login", fields: [("key", key)]).status == 401)
        await harness.stop()
    }

    @Test func signingOutDeletesTheSession() async throws {
        let harness = try await GatewayHarness.start()
        let browser = DashboardClient(baseURL: harness.baseURL)
        let key = try await harness.makeAdminKey()
        let cookie = try #require(try await browser.signIn(key: key))
        let other = try #require(try await browser.signIn(key: key))
        #expect(try await browser.get(cookie: cookie).text.contains("Signed in with an admin key"))

        let logout = try await browser.post("/dashboard/logout", cookie: cookie)
        #expect(logout.status == 303)
        #expect(logout.headers.first(name: "Location") == "/dashboard")
        #expect(logout.setCookie?.contains("Max-Age=0") == true)
        #expect(try await browser.get(cookie: cookie).status == 401)
        // Another session of the same key is another browser: it stays.
        #expect(try await browser.get(cookie: other).status == 200)
        #expect(try await harness.scalar("SELECT count(*) FROM dashboard_sessions", as: Int.self) == 1)
        await harness.stop()
    }
}
