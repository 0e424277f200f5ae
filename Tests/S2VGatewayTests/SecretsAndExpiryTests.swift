import DashScopeSimulator
import Foundation
import NIOHTTP1
import S2VGateway
import Testing

@Suite struct SecretsAndExpiryTests {
    /// The upstream key goes into upstream requests only: never into a response or a database row.
    @Test func theUpstreamKeyNeverReachesAResponseOrTheDatabase() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        var bodies: [String] = []
        bodies.append(try await harness.detect(key: key).text)
        bodies.append(try await harness.detect(key: key, imageURL: "https://e.com/a.jpg?sim_fail=error").text)
        let created = try await harness.submit(key: key)
        bodies.append(created.text)
        try await harness.waitUntilAllSettled()
        bodies.append(try await harness.task(created.output["task_id"] as? String ?? "", key: key).text)
        bodies.append(try await harness.send(.GET, "/api/v1/tasks", key: key).text)
        for body in bodies { #expect(!body.contains(GatewayHarness.upstreamKey)) }

        let rowsWithKey = try await harness.scalar(
            """
            SELECT count(*)::int FROM (
                SELECT row_to_json(x)::text AS row FROM teams x UNION ALL SELECT row_to_json(x)::text FROM api_keys x
                UNION ALL SELECT row_to_json(x)::text FROM tasks x UNION ALL SELECT row_to_json(x)::text FROM upstream_calls x
                UNION ALL SELECT row_to_json(x)::text FROM ledger_entries x UNION ALL SELECT row_to_json(x)::text FROM call_log x
            ) everything WHERE row LIKE '%\(GatewayHarness.upstreamKey)%'
            """,
            as: Int.self
        )
        #expect(rowsWithKey == 0)
        #expect(!"\(UpstreamAPIKey(secret: GatewayHarness.upstreamKey))".contains(GatewayHarness.upstreamKey))
        await harness.stop()
    }

    /// A task the upstream forgets before it ends (UNKNOWN after its 24 h) is charged its full hold,
    /// conservatively, and flagged for review; never lost, never charged twice.
    @Test func aForgottenTaskIsChargedItsHoldAndFlagged() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .seconds(60),
                taskTTL: .milliseconds(400)
            ),
            gateway: { $0.forgottenAfter = .milliseconds(200) }
        )
        let key = try await harness.makeTeamKey()
        let taskID = try #require(try await harness.submit(key: key, resolution: "720P").output["task_id"] as? String)
        try await harness.waitUntilAllSettled(timeout: .seconds(60))

        let done = try await harness.task(taskID, key: key)
        #expect(done.output["task_status"] as? String == "UNKNOWN")
        #expect(done.output["code"] as? String == "UpstreamTaskExpired")
        let captured = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE kind = 'capture' AND conservative",
            as: Decimal.self
        )
        #expect(captured == Decimal(string: "2.58036"), "20 s × 0.129018")
        #expect(try await harness.scalar("SELECT count(*)::int FROM tasks WHERE needs_review", as: Int.self) == 1)
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0)
        await harness.stop()
    }
}
