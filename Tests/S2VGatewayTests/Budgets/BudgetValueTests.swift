import Foundation
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// A budget's values are bounded and well defined: a limit of at most 10^12 with at most 8 decimals, a
/// canonical IANA zone, and a `percent_used` that is never NaN.
@Suite struct BudgetValueTests {
    @Test func limitsBeyondTheBoundsAreRefused() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        // 1e127 is refused whoever refuses it first (the JSON reader holds numbers up to 10^90 exactly).
        let huge = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: #"{"scope": "global", "limit": 1e127, "period": "day"}"#
        )
        #expect(huge.status == 400, "\(huge.text)")
        #expect(huge.json["code"] as? String == "InvalidParameter")
        let cases: [(String, String)] = [
            ("1e20", "at most 1000000000000"),
            ("1E+13", "at most 1000000000000"),
            (#""1000000000000.00000001""#, "at most 1000000000000"),
            ("1000000000001", "at most 1000000000000"),
            (#""0.000000001""#, "at most 8 decimal places"),
            ("12.123456789", "at most 8 decimal places"),
        ]
        for (limit, message) in cases {
            let reply = try await harness.send(
                .POST,
                "/v1/budgets",
                key: admin,
                body: """
                    {"scope": "global", "limit": \(limit), "period": "day"}
                    """
            )
            #expect(reply.status == 400, "\(limit): \(reply.text)")
            #expect(reply.json["code"] as? String == "InvalidParameter")
            #expect((reply.json["message"] as? String)?.contains(message) == true, "\(limit): \(reply.text)")
        }
        #expect(try await harness.scalar("SELECT count(*) FROM budgets", as: Int.self) == 0)
        for (limit, period) in [(#""1000000000000""#, "day"), (#""0.00000001""#, "month"), ("12.10000000000", "week")] {
            let reply = try await harness.send(
                .POST,
                "/v1/budgets",
                key: admin,
                body: """
                    {"scope": "global", "limit": \(limit), "period": "\(period)"}
                    """
            )
            #expect(reply.status == 201, "\(limit): \(reply.text)")
        }
        await harness.stop()
    }

    @Test func onlyCanonicalZoneNamesAreAccepted() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        for zone in [
            "localtime", "posixrules", "Factory", "posix/Asia/Shanghai", "right/UTC", "EST5EDT", "UTC+8", "<+08>-8",
            "US/Eastern", "Etc/GMT-8", "GMT", "PRC", "asia/shanghai", "Asia/Nowhere", "Asia/../UTC", "",
        ] {
            let reply = try await harness.send(
                .POST,
                "/v1/budgets",
                key: admin,
                body: """
                    {"scope": "global", "limit": "1", "period": "day", "timezone": "\(zone)"}
                    """
            )
            #expect(reply.status == 400, "\(zone): \(reply.text)")
            #expect(
                (reply.json["message"] as? String)?.contains("is not an IANA time zone name") == true,
                "\(zone): \(reply.text)"
            )
        }
        #expect(try await harness.scalar("SELECT count(*) FROM budgets", as: Int.self) == 0)
        for zone in [
            "UTC", "Etc/UTC", "Asia/Kolkata", "America/Argentina/Salta", "America/Port-au-Prince", "Europe/Kyiv",
        ] {
            let reply = try await harness.send(
                .POST,
                "/v1/budgets",
                key: admin,
                body: """
                    {"scope": "global", "limit": "1", "period": "day", "timezone": "\(zone)"}
                    """
            )
            #expect(reply.status == 201, "\(zone): \(reply.text)")
        }
        await harness.stop()
    }

    /// The largest accepted limit, the smallest, a zero one, and a 1e127 one written before limits were bounded:
    /// `percent_used` is a number or null, never NaN, in the API and in `/metrics`.
    @Test func percentUsedIsNeverNaN() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("acme")
        for body in [
            #"{"scope": "team", "team": "acme", "limit": "1000000000000", "period": "day"}"#,
            #"{"scope": "team", "team": "acme", "limit": "0.00000001", "period": "lifetime"}"#,
            #"{"scope": "global", "limit": "0", "period": "week"}"#,
        ] {
            #expect(try await harness.send(.POST, "/v1/budgets", key: admin, body: body).status == 201)
        }
        // Spend under the limits: one call's charge, counted by a budget at the old, unbounded scale.
        try await harness.database.withClient { client in
            _ = try await client.query(
                """
                INSERT INTO budgets (scope, limit_amount, currency, period, timezone)
                VALUES ('global', 1e127, 'USD', 'month', 'UTC')
                """
            )
            _ = try await client.query(
                """
                INSERT INTO budget_usage (budget_id, period_start, spent, held)
                SELECT id, budget_period_start('month', 'UTC', now()), 0.36, 0.000574 FROM budgets WHERE limit_amount = 1e127
                """
            )
        }
        #expect(try await harness.detect(key: key).status == 403, "the zero and the tiny budgets refuse")

        let listing = try await harness.send(.GET, "/v1/budgets", key: admin)
        #expect(listing.status == 200, "\(listing.text)")
        #expect(!listing.text.lowercased().contains("nan"), "\(listing.text)")
        let budgets = try #require(listing.json["budgets"] as? [[String: Any]])
        let percents = budgets.map { "\($0["limit"] ?? "?"): \($0["percent_used"].map { "\($0)" } ?? "nil")" }
        #expect(budgets.count == 4)
        let zero = try #require(budgets.first { $0["limit"] as? String == "0" })
        #expect(
            zero["percent_used"] == nil || zero["percent_used"] is NSNull,
            "no percentage of a zero limit: \(percents)"
        )
        #expect(
            budgets.first { ($0["limit"] as? String)?.count == 128 }?["percent_used"] as? String == "0",
            "\(percents)"
        )

        let metrics = try await harness.send(.GET, "/metrics", key: admin)
        let utilisation = metrics.text.split(separator: "\n").filter { $0.hasPrefix("s2v_budget_utilisation_ratio{") }
        #expect(utilisation.count == 3, "no ratio for the zero limit: \(utilisation)")
        #expect(!utilisation.contains { $0.lowercased().contains("nan") }, "\(utilisation)")
        await harness.stop()
    }
}
