import DashScopeSimulator
import Foundation
import NIOHTTP1
import S2VCore
import Testing

/// `/v1/budgets` for admin keys, and budgets refusing DashScope calls over HTTP before anything goes upstream.
@Suite struct BudgetAdminAPITests {
    @Test func adminKeysManageBudgetsAndTeamKeysCannot() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let teamKey = try await harness.makeTeamKey("acme")

        let denied = try await harness.send(.GET, "/v1/budgets", key: teamKey)
        #expect(denied.status == 403)
        #expect(denied.json["code"] as? String == "AccessDenied")
        #expect(try await harness.send(.GET, "/v1/budgets", key: nil).status == 401)

        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.001", "period": "month", "timezone": "Asia/Shanghai",
                 "alert_thresholds": [50, 100], "webhook_url": "https://hooks.example.com/b", "webhook_format": "slack"}
                """
        )
        #expect(created.status == 201, "\(created.text)")
        let budget = try #require(created.json["budget"] as? [String: Any])
        let id = try #require(budget["id"] as? Int)
        #expect(budget["limit"] as? String == "0.001")
        #expect(budget["team"] as? String == "acme")
        #expect(budget["timezone"] as? String == "Asia/Shanghai")
        #expect((budget["period_start"] as? String)?.hasSuffix("+08:00") == true)
        #expect(budget["alert_thresholds"] as? [String] == ["50", "100"])

        // The same scope, period and zone changes the budget in place.
        let changed = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": 0.0011, "period": "month", "timezone": "Asia/Shanghai"}
                """
        )
        #expect(changed.status == 200)
        #expect((changed.json["budget"] as? [String: Any])?["id"] as? Int == id)
        #expect((changed.json["budget"] as? [String: Any])?["limit"] as? String == "0.0011")

        // One image fits (0.000574), the second does not: 403 before anything is sent upstream.
        #expect(try await harness.detect(key: teamKey).status == 200)
        let refused = try await harness.detect(key: teamKey)
        #expect(refused.status == 403)
        #expect(refused.json["code"] as? String == "BudgetExceeded")
        #expect((refused.json["message"] as? String)?.contains("Budget \(id) of team acme") == true, "\(refused.text)")
        #expect(
            (refused.json["message"] as? String)?.contains("0.000526 of 0.0011 USD remains") == true,
            "\(refused.text)"
        )
        #expect(refused.json["request_id"] is String)
        #expect(await harness.simulator.simulator.bill().total.images == 1)
        let submitted = try await harness.submit(key: teamKey)
        #expect(submitted.status == 403)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 0)

        let status = try await harness.send(.GET, "/v1/budgets/\(id)", key: admin)
        #expect((status.json["budget"] as? [String: Any])?["spent"] as? String == "0.000574")
        #expect((status.json["budget"] as? [String: Any])?["remaining"] as? String == "0.000526")
        #expect((try await harness.send(.GET, "/v1/budgets", key: admin).json["budgets"] as? [Any])?.count == 1)

        #expect(try await harness.send(.DELETE, "/v1/budgets/\(id)", key: admin).status == 200)
        #expect(try await harness.send(.GET, "/v1/budgets/\(id)", key: admin).status == 404)
        #expect(try await harness.detect(key: teamKey).status == 200, "a deleted budget refuses nothing")
        await harness.stop()
    }

    @Test func badBudgetRequestsGetClearErrorsAndWriteNothing() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        _ = try await harness.makeTeamKey("acme")
        let cases: [(String, String)] = [
            ("not json", "The body must be JSON"),
            (#"{"scope": "team", "team": "nobody", "limit": "1", "period": "month"}"#, "no team named 'nobody'"),
            (#"{"scope": "team", "team": "acme", "limit": "1e3", "period": "month"}"#, "plain decimal"),
            (#"{"scope": "team", "team": "acme", "limit": "-1", "period": "month"}"#, "cannot be negative"),
            (#"{"scope": "team", "team": "acme", "limit": "1", "period": "fortnight"}"#, "period must be one of"),
            (#"{"scope": "galaxy", "limit": "1", "period": "day"}"#, "scope must be global, team, key or tag"),
            (#"{"scope": "global", "limit": "1", "period": "day", "timezone": "Mars/Base"}"#, "not an IANA time zone"),
            (#"{"scope": "global", "limit": "1", "period": "day", "alert_thresholds": [0]}"#, "alert thresholds"),
            (#"{"scope": "global", "limit": "1", "period": "day", "webhook_url": "ftp://x"}"#, "http(s) URL"),
        ]
        for (body, message) in cases {
            let reply = try await harness.send(.POST, "/v1/budgets", key: admin, body: body)
            #expect(reply.status == 400, "\(body)")
            #expect(reply.json["code"] as? String == "InvalidParameter")
            #expect((reply.json["message"] as? String)?.contains(message) == true, "\(body): \(reply.text)")
        }
        #expect(try await harness.scalar("SELECT count(*) FROM budgets", as: Int.self) == 0)
        await harness.stop()
    }
}
