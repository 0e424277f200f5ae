import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// Issue 14, defect 3: a request that needs the store gets its 503 within the store deadline whether
/// PostgreSQL is hung, stopped or slow, the call-log write included; and it serves again soon after.
@Suite(.serialized) struct StoreDeadlineTests {
    /// The production default, `--store-deadline 3`.
    static let deadline: Duration = .seconds(3)
    /// What the acceptance allows: the deadline plus one second.
    static let bound: Duration = deadline + .seconds(1)

    @Test(.sharesTheMachine(.timing), .timeLimit(.minutes(30)))
    func hungStoreAnswers503WithinTheDeadline() async throws {
        try await Self.withGateway { harness, cluster in
            let key = try await harness.makeTeamKey()
            let admin = try await harness.makeAdminKey()
            let created = try await harness.submit(key: key)
            let taskID = try #require(created.output["task_id"] as? String)
            try await harness.waitUntilAllSettled()
            let before = await Self.upstreamCalls(harness)
            let callLogBefore = try await harness.scalar("SELECT count(*) FROM call_log", as: Int.self) ?? 0

            try cluster.freeze()
            defer { cluster.thaw() }
            // All at once, then again: the second round finds every pooled connection stuck in a query.
            for round in 1...2 {
                let replies = try await Self.requestsOfEveryKind(harness, key: key, taskID: taskID)
                print(
                    "StoreDeadlineTests: hung store, round \(round): slowest 503 after \(replies.map(\.2).max() ?? .zero)"
                )
                for (kind, reply, elapsed) in replies {
                    #expect(reply.status == 503, "round \(round), \(kind): \(reply.status) \(reply.text)")
                    #expect(reply.json["code"] as? String == "ServiceUnavailable", "round \(round), \(kind)")
                    #expect(elapsed <= Self.bound, "round \(round), \(kind) took \(elapsed)")
                }
            }
            #expect(await Self.upstreamCalls(harness) == before, "nothing reached the upstream while the store hung")
            cluster.thaw()

            let recovery = try await Self.timeUntilServing(harness, key: key)
            print("StoreDeadlineTests: served again \(recovery) after the store was resumed")
            #expect(recovery <= .seconds(20), "the gateway serves again within seconds of the store's return")
            // The call-log writes the 503s did not wait for land once the store answers again.
            try await Self.waitUntil("the hung requests reach the call log") {
                try await harness.scalar("SELECT count(*) FROM call_log WHERE http_status = 503", as: Int.self) ?? 0
                    >= 10
            }
            #expect(try await harness.scalar("SELECT count(*) FROM call_log", as: Int.self) ?? 0 > callLogBefore)
            let metrics = try await harness.send(.GET, "/metrics", key: admin).text
            #expect(metrics.contains(#"s2v_store_deadline_passed_total{stage="request"}"#))
            #expect(metrics.contains(#"s2v_store_deadline_passed_total{stage="call_log"}"#))
        }
    }

    @Test(.sharesTheMachine(.timing), .timeLimit(.minutes(30)))
    func stoppedStoreAnswers503WithinTheDeadlineAndRecovers() async throws {
        try await Self.withGateway { harness, cluster in
            let key = try await harness.makeTeamKey()
            let created = try await harness.submit(key: key)
            let taskID = try #require(created.output["task_id"] as? String)
            try await harness.waitUntilAllSettled()

            try await cluster.stopImmediately()
            let stopped = ContinuousClock.now
            // Past the pool's 60 s circuit breaker: an outage long enough for its connection backoff to grow.
            var rounds = 0
            while ContinuousClock.now - stopped < .seconds(65) || rounds < 2 {
                rounds += 1
                for (kind, reply, elapsed) in try await Self.requestsOfEveryKind(harness, key: key, taskID: taskID) {
                    #expect(reply.status == 503, "round \(rounds), \(kind): \(reply.status) \(reply.text)")
                    #expect(elapsed <= Self.bound, "round \(rounds), \(kind) took \(elapsed)")
                }
                try await Task.sleep(for: .seconds(5))
            }
            try await cluster.restart()
            let recovery = try await Self.timeUntilServing(harness, key: key)
            let outage = ContinuousClock.now - stopped
            print("StoreDeadlineTests: served again \(recovery) after PostgreSQL restarted (outage \(outage))")
            // PostgresNIO's pool alone would back off 13-17 s between connection attempts by now (100 ms × 1.25ⁿ):
            // the gateway's store client replaced it while it did not answer, so the newest pool is at most 5 s
            // old and retries within about a second.
            #expect(harness.client.renewals >= 1, "the pool that stopped answering was replaced")
            #expect(recovery <= .seconds(10), "the gateway serves again within seconds of the store's return")
        }
    }

    @Test(.sharesTheMachine(.timing), .timeLimit(.minutes(30)))
    func slowStoreRefusesInTimeAndWithdrawsLateWrites() async throws {
        // A task that runs for the whole test holds the account's running place, so the late admission can
        // only be withdrawn, never dispatched, whatever the order of events.
        let simulator = SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .seconds(600))
        try await Self.withGateway(simulator: simulator) { harness, _ in
            let key = try await harness.makeTeamKey()
            let occupier = try await harness.submit(key: key)
            let occupierID = try #require(occupier.output["task_id"] as? String)
            try await Self.waitUntil("the first task runs upstream") {
                try await harness.scalar(
                    "SELECT count(*) FROM tasks WHERE id = '\(occupierID)' AND phase IN ('submitted', 'running')",
                    as: Int.self
                ) == 1
            }
            let detectsBefore = await harness.simulator.simulator.bill().total.images

            // The intent's and the admission's inserts wait on these locks, as on a store that is slow to write.
            let (locked, lockedSink) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseSink) = AsyncStream.makeStream(of: Void.self)
            let holder = Task {
                try await harness.database.withClient { client in
                    try await client.withTransaction(logger: Logger(label: "test.lock")) { connection in
                        try await connection.query(
                            "LOCK TABLE upstream_calls IN SHARE ROW EXCLUSIVE MODE",
                            logger: Logger(label: "test.lock")
                        )
                        try await connection.query(
                            "LOCK TABLE dispatch_queue IN SHARE ROW EXCLUSIVE MODE",
                            logger: Logger(label: "test.lock")
                        )
                        lockedSink.finish()
                        for await _ in release {}
                    }
                }
            }
            defer { releaseSink.finish() }
            for await _ in locked {}

            async let detect = Self.timed("detect") { try await harness.detect(key: key) }
            async let submission = Self.timed("submission") { try await harness.submit(key: key) }
            for (kind, reply, elapsed) in try await [detect, submission] {
                #expect(reply.status == 503, "\(kind): \(reply.status) \(reply.text)")
                #expect(
                    reply.json["message"] as? String
                        == "The metering store did not answer in time; no call was made, please retry.",
                    "\(kind)"
                )
                #expect(elapsed <= Self.bound, "\(kind) took \(elapsed)")
            }
            releaseSink.finish()
            try await holder.value

            // A write whose statement was already sent goes on once the locks go. The admission commits, and the
            // gateway withdraws it, since the client was told no call was made: the task is cancelled before it is
            // dispatched. The intent either rolls back (its transaction sees the cancellation while it reads its
            // row) or commits and is released as not sent; it is never left open for the recovery to charge.
            try await Self.waitUntil("the late admission is cancelled") {
                try await harness.scalar(
                    "SELECT count(*) FROM tasks WHERE status = 'CANCELED' AND phase = 'settled'",
                    as: Int.self
                ) == 1
            }
            try await Self.waitUntil("no detect intent is left open") {
                try await harness.scalar(
                    "SELECT count(*) FROM upstream_calls WHERE kind = 'detect' AND state <> 'failed'",
                    as: Int.self
                ) == 0
            }
            #expect(
                try await harness.scalar(
                    "SELECT count(*) FROM upstream_calls WHERE kind = 'detect' AND error_code IS DISTINCT FROM 'NotSent'",
                    as: Int.self
                ) == 0
            )
            #expect(
                try await harness.scalar(
                    "SELECT count(*) FROM ledger_entries WHERE kind IN ('charge', 'capture')",
                    as: Int.self
                ) == 0,
                "nothing was charged"
            )
            #expect(try await harness.scalar("SELECT count(*) FROM dispatch_queue", as: Int.self) == 0)
            #expect(await harness.simulator.simulator.bill().total.images == detectsBefore)
        }
    }

    // MARK: Support

    /// A gateway with the production store deadline on a private cluster, both removed afterwards, whatever
    /// the test did to the cluster.
    private static func withGateway(
        simulator: SimulatorConfiguration = SimulatorConfiguration(
            apiKeys: [GatewayHarness.upstreamKey],
            generationTime: .milliseconds(150)
        ),
        _ body: (GatewayHarness, FreezableCluster) async throws -> Void
    ) async throws {
        let cluster = try await FreezableCluster.start()
        let harness: GatewayHarness
        do {
            harness = try await GatewayHarness.start(
                simulator: simulator,
                gateway: { $0.storeDeadline = Self.deadline },
                database: cluster.database
            )
        } catch {
            await cluster.remove()
            throw error
        }
        do {
            try await body(harness, cluster)
        } catch {
            cluster.thaw()
            await harness.stop(dropDatabase: false)
            await cluster.remove()
            throw error
        }
        cluster.thaw()
        await harness.stop(dropDatabase: false)
        await cluster.remove()
    }

    /// One request of each kind that needs the store, sent at once: a submission, a task query, a task list, a
    /// report, an audit page, a detect, and a key the store must look up to refuse.
    private static func requestsOfEveryKind(
        _ harness: GatewayHarness,
        key: String,
        taskID: String
    ) async throws -> [(String, GatewayHarness.Reply, Duration)] {
        async let submission = Self.timed("submission") { try await harness.submit(key: key) }
        async let query = Self.timed("task query") { try await harness.task(taskID, key: key) }
        async let list = Self.timed("task list") { try await harness.send(.GET, "/api/v1/tasks", key: key) }
        async let report = Self.timed("report") { try await harness.send(.GET, "/v1/reports/usage?by=model", key: key) }
        async let audit = Self.timed("audit") { try await harness.send(.GET, "/v1/audit", key: key) }
        async let detect = Self.timed("detect") { try await harness.detect(key: key) }
        async let unknownKey = Self.timed("unknown key") {
            try await harness.task(taskID, key: "sk-unknown-\(UUID().uuidString)")
        }
        return try await [submission, query, list, report, audit, detect, unknownKey]
    }

    private static func timed(
        _ kind: String,
        _ request: () async throws -> GatewayHarness.Reply
    ) async throws -> (String, GatewayHarness.Reply, Duration) {
        let started = ContinuousClock.now
        let reply = try await request()
        return (kind, reply, ContinuousClock.now - started)
    }

    /// How long until a detect succeeds again, polling every 250 ms for up to 120 s.
    private static func timeUntilServing(_ harness: GatewayHarness, key: String) async throws -> Duration {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(120) {
            if try await harness.detect(key: key).status == 200 { return ContinuousClock.now - started }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("the gateway did not serve again within 120 s")
        return ContinuousClock.now - started
    }

    private static func upstreamCalls(_ harness: GatewayHarness) async -> Int {
        let stats = await harness.simulator.simulator.stats().total
        return stats.submissionAttempts.values.reduce(0, +) + (await harness.simulator.simulator.bill().total.images)
    }

    private static func waitUntil(
        _ what: String,
        within limit: Duration = .seconds(60),
        _ condition: () async throws -> Bool
    ) async throws {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < limit {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting until \(what)")
    }
}
