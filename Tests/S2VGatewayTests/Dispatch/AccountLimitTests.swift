import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VGateway
import S2VStore
import S2VTestSupport
import Synchronization
import Testing

/// The upstream account's limits (5 submissions per second per model, one task in flight, 20 queries per
/// second), kept by the gateway for every team and every instance, against a simulator enforcing them.
@Suite struct AccountLimitTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing))
    func aBurstFromThreeTeamsStaysInsideTheAccountAndTeamsTakeTurns() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .milliseconds(300))
        )
        let keys = [
            try await harness.makeTeamKey("alpha"), try await harness.makeTeamKey("beta"),
            try await harness.makeTeamKey("gamma"),
        ]
        let replies = try await withThrowingTaskGroup(of: (Int, GatewayHarness.Reply).self) { group in
            for index in 0..<100 {
                group.addTask { (index % 3, try await harness.submit(key: keys[index % 3], seconds: "3")) }
            }
            var replies: [(Int, GatewayHarness.Reply)] = []
            for try await reply in group { replies.append(reply) }
            return replies
        }
        #expect(replies.allSatisfy { $0.1.status == 200 }, "no client sees a 429: \(Set(replies.map(\.1.status)))")
        try await harness.waitUntilAllSettled(timeout: .seconds(240))

        let stats = await harness.simulator.simulator.stats().total
        #expect(stats.maxUnfinishedTasks == 1, "one task in flight at most")
        #expect(stats.maxSubmissionAttemptsPerSecond[.synthesis] ?? 99 <= 5)
        #expect(stats.throttled[.videoSynthesis] == 0, "the upstream never had to refuse")
        #expect(stats.acceptedSubmissions[.synthesis] == 100)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE status = 'SUCCEEDED'", as: Int.self) == 100)

        // Each team's first task finished before any team's fifth.
        let ranks = try await harness.database.withClient { client in
            var finished: [String: [Date]] = [:]
            let rows = try await client.query(
                """
                SELECT te.name, t.finished_at FROM tasks t JOIN teams te ON te.id = t.team_id ORDER BY t.finished_at
                """
            )
            for try await (team, at) in rows.decode((String, Date).self) { finished[team, default: []].append(at) }
            return finished
        }
        let firsts = try #require(ranks.values.map { $0[0] }.max())
        let fifths = try #require(ranks.values.map { $0[4] }.min())
        #expect(firsts < fifths, "\(ranks.mapValues { $0.prefix(5) })")
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing)) func twoInstancesKeepTheLimitsTogether() async throws {
        let first = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .milliseconds(100)
            ),
            gateway: { $0.detectSlotWait = .seconds(10) }
        )
        let second = try await GatewayHarness.start(
            gateway: { $0.detectSlotWait = .seconds(10) },
            database: first.database,
            sharing: first
        )
        let key = try await first.makeTeamKey("shared")
        let instances = [first, second]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let reply = try await instances[index % 2].submit(key: key, seconds: "2")
                    #expect(reply.status == 200)
                }
                group.addTask {
                    // Face-detect calls wait for a slot of the account's detect rate instead of reaching a 429.
                    let reply = try await instances[index % 2].detect(key: key)
                    #expect(reply.status == 200, "\(reply.text)")
                }
            }
            try await group.waitForAll()
        }
        try await first.waitUntilAllSettled(timeout: .seconds(180))
        let stats = await first.simulator.simulator.stats().total
        #expect(stats.maxUnfinishedTasks == 1)
        #expect(stats.maxSubmissionAttemptsPerSecond[.synthesis] ?? 99 <= 5)
        #expect(stats.maxSubmissionAttemptsPerSecond[.detect] ?? 99 <= 5)
        #expect(stats.throttled.values.reduce(0, +) == 0, "\(stats.throttled)")
        #expect(stats.acceptedSubmissions[.synthesis] == 24)
        #expect(stats.acceptedSubmissions[.detect] == 24)
        await second.stop(dropDatabase: false)
        await first.stop()
    }

    @Test func aDetectThatCannotGetASlotInTimeIsThrottledAndCostsNothing() async throws {
        let harness = try await GatewayHarness.start(gateway: {
            $0.detectSlotWait = .milliseconds(500)
            $0.accountLimits = AccountLimits(submissionsPerSecond: 2)
        })
        let key = try await harness.makeTeamKey("busy")
        // Another instance reserved the account's detect slots for the next hour.
        _ = try await harness.database.withClient { client in
            try await client.query(
                """
                INSERT INTO upstream_pacing (account, lane, next_at) VALUES ('default', 'submit:wan2.2-s2v-detect', now() + interval '1 hour')
                """
            )
        }
        let refusal = try await harness.detect(key: key)
        #expect(refusal.status == 429, "\(refusal.text)")
        #expect(refusal.json["code"] as? String == "Throttling.RateQuota")
        #expect(refusal.headers["Retry-After"].first == "1")
        // The refused call wrote nothing, held nothing and reached nothing.
        #expect(try await harness.scalar("SELECT count(*) FROM upstream_calls", as: Int.self) == 0)
        #expect(try await harness.scalar("SELECT count(*) FROM ledger_entries", as: Int.self) == 0)
        #expect(await harness.simulator.simulator.stats().total.submissionAttempts[.detect] == 0)

        // A slot a moment away is waited for instead of refused.
        try await harness.database.withClient { client in
            _ = try await client.query(
                "UPDATE upstream_pacing SET next_at = clock_timestamp() + interval '300 milliseconds'"
            )
        }
        let waited = try await harness.detect(key: key)
        #expect(waited.status == 200, "\(waited.text)")
        #expect(await harness.simulator.simulator.stats().total.throttled.values.reduce(0, +) == 0)
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(5))) func aPoolOfThreeAccountsRunsThreeTasksAtOnce() async throws {
        let keys = ["sk-pool-a", "sk-pool-b", "sk-pool-c"]
        let harness = try await GatewayHarness.start(
            // Each task runs long enough upstream that the three accounts' tasks overlap even on a loaded machine.
            simulator: SimulatorConfiguration(apiKeys: keys, generationTime: .seconds(10)),
            gateway: { $0.upstreamAPIKey = nil },
            environment: ["POOL_A": keys[0], "POOL_B": keys[1], "POOL_C": keys[2]],
            beforeStart: { client in
                let accounts = AccountRepository(client: client)
                for (name, variable) in [("a", "POOL_A"), ("b", "POOL_B"), ("c", "POOL_C")] {
                    _ = try await accounts.add(
                        name: name,
                        keySource: .environment(variable),
                        limits: AccountLimits(),
                        logger: Logger(label: "test")
                    )
                }
            }
        )
        let key = try await harness.makeTeamKey("pool")
        let peak = Mutex<Int>(0)
        let sampling = Atomic<Bool>(true)
        let sampler = Task {
            try await harness.database.withClient { client in
                while sampling.load(ordering: .relaxed) {
                    let rows = try await client.query(
                        "SELECT count(*)::int FROM tasks WHERE phase IN ('submitting', 'submitted', 'running')"
                    )
                    for try await inFlight in rows.decode(Int.self) { peak.withLock { $0 = max($0, inFlight) } }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
        }
        for _ in 0..<6 {
            #expect(try await harness.submit(key: key, seconds: "2").status == 200)
        }
        try await harness.waitUntilAllSettled(timeout: .seconds(180))
        sampling.store(false, ordering: .relaxed)
        try await sampler.value

        let stats = await harness.simulator.simulator.stats()
        for key in keys {
            let account = try #require(stats.accounts[key])
            #expect(account.acceptedSubmissions[.synthesis, default: 0] >= 1, "every account got work")
            #expect(account.maxUnfinishedTasks <= 1, "each account keeps its one running task")
            #expect(account.throttled.values.reduce(0, +) == 0)
        }
        #expect(stats.total.acceptedSubmissions[.synthesis] == 6)
        #expect(peak.withLock { $0 } == 3, "three tasks in flight at once, one per account")
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(5))) func aRestartInTheMiddleOfABacklogLosesAndRepeatsNothing() async throws {
        let first = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .milliseconds(200))
        )
        let key = try await first.makeTeamKey("restart")
        for _ in 0..<20 {
            #expect(try await first.submit(key: key, seconds: "2").status == 200)
        }
        // Some have finished, most are still queued.
        let deadline = ContinuousClock.now + .seconds(60)
        while try await first.scalar("SELECT count(*) FROM tasks WHERE phase = 'settled'", as: Int.self) ?? 0 < 4,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        await first.stopGatewayOnly()
        let second = try await GatewayHarness.start(database: first.database, sharing: first)
        try await second.waitUntilAllSettled(timeout: .seconds(180))

        let stats = await first.simulator.simulator.stats().total
        #expect(stats.acceptedSubmissions[.synthesis] == 20, "every task submitted exactly once")
        #expect(try await second.scalar("SELECT count(*) FROM tasks WHERE status = 'SUCCEEDED'", as: Int.self) == 20)
        #expect(try await second.scalar("SELECT count(DISTINCT upstream_task_id) FROM tasks", as: Int.self) == 20)
        await second.stop(dropDatabase: false)
        await first.stop()
    }
}
