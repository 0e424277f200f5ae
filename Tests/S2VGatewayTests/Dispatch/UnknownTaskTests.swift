import DashScopeSimulator
import Foundation
import S2VGateway
import Testing

/// A task the upstream reports UNKNOWN (forgotten: its id expired or is not known) frees its account's running
/// place at once, so the queue behind it moves, while the task itself stays unsettled, with its hold, for review.
@Suite struct UnknownTaskTests {
    @Test(.timeLimit(.minutes(10))) func aForgottenTaskFreesItsAccountAtOnce() async throws {
        // Each task runs for an hour, but the upstream forgets it 3 s after its submission: the first one holds
        // the account's only place (max in flight 1) until the upstream answers UNKNOWN for it.
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .seconds(3600),
                taskTTL: .seconds(3)
            ),
            gateway: { $0.forgottenAfter = .seconds(86_400) }
        )
        let key = try await harness.makeTeamKey()
        let forgotten = try #require(try await harness.submit(key: key).output["task_id"] as? String)
        #expect(try await Self.waitUntilSubmitted(forgotten, harness), "the first task reaches the upstream")
        let queued = try #require(try await harness.submit(key: key).output["task_id"] as? String)

        // The second task goes as soon as the first is reported UNKNOWN, not after the forgotten-task expiry.
        #expect(
            try await Self.waitUntilSubmitted(queued, harness),
            "the task queued behind the forgotten one is dispatched"
        )
        let accepted = await harness.simulator.simulator.stats().total.acceptedSubmissions[.synthesis]
        #expect(accepted == 2)

        // The forgotten task stays unsettled, with its hold, flagged for review; the client sees UNKNOWN.
        let state = try await harness.scalar(
            """
            SELECT phase || ' ' || status || ' ' || needs_review::text FROM tasks WHERE id = '\(forgotten)'
            """,
            as: String.self
        )
        #expect(state == "running UNKNOWN true" || state == "submitted UNKNOWN true", "\(state ?? "no task")")
        let held = try await harness.scalar(
            "SELECT sum(held) = (SELECT hold_amount FROM tasks WHERE id = '\(forgotten)') FROM ledger_entries WHERE task_id = '\(forgotten)'",
            as: Bool.self
        )
        #expect(held == true, "its hold stays taken")
        let settlements = try await harness.scalar(
            "SELECT count(*)::int FROM ledger_entries WHERE task_id = '\(forgotten)' AND kind IN ('capture', 'release')",
            as: Int.self
        )
        #expect(settlements == 0, "not settled: it waits for review or its expiry")
        let seen = try await harness.task(forgotten, key: key)
        #expect(seen.output["task_status"] as? String == "UNKNOWN", "\(seen.text)")
        await harness.stop()
    }

    /// Waits until the gateway has recorded the upstream's task id for `taskID`.
    private static func waitUntilSubmitted(_ taskID: String, _ harness: GatewayHarness) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let submitted = try await harness.scalar(
                "SELECT upstream_task_id IS NOT NULL FROM tasks WHERE id = '\(taskID)'",
                as: Bool.self
            )
            if submitted == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
