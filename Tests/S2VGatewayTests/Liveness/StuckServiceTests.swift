import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// A background service whose rounds hang is not silent: each round is cancelled at its deadline and counted,
/// `/ready` answers 503 naming the stuck service with its stale heartbeat, and all of it recovers by itself
/// once the rounds can run again.
@Suite struct StuckServiceTests {
    @Test(.timeLimit(.minutes(10)))
    func hungRoundsTurnReadyTo503UntilTheyRunAgain() async throws {
        let harness = try await GatewayHarness.start(gateway: {
            // Short deadlines: dispatch 3 s (twice the 1 s upstream timeout plus the 0.5 s detect wait), poll 2.2 s.
            $0.roundDeadline = .seconds(2)
            $0.upstreamTimeout = .seconds(1)
            $0.detectSlotWait = .milliseconds(500)
            $0.metricsPublic = true
        })
        let key = try await harness.makeTeamKey()
        #expect(try await harness.submit(key: key).status == 200)
        try await harness.waitUntilAllSettled()
        let healthy = try await harness.send(.GET, "/ready", key: nil)
        #expect(healthy.status == 200, "\(healthy.text)")
        let listed = Set((healthy.json["services"] as? [String: Any] ?? [:]).keys)
        #expect(listed == ["dispatch", "poll", "alert_delivery", "detect_intent_recovery"], "\(healthy.text)")

        // Every query on `tasks` waits behind the test's lock: dispatch and poll rounds hang inside PostgreSQL,
        // while /ready's own database check (on `schema_migrations`) still answers. Each poll round hangs (a
        // dispatch round may instead find its account locked by the round left running, and skip it).
        let lock = try await TableLock.take("tasks", in: harness.database)
        do {
            let stuck = try await Self.waitForReady(harness, "poll stuck") { reply in
                reply.status == 503 && Self.service("poll", in: reply)?["state"] as? String == "stuck"
            }
            #expect(stuck.json["database"] as? String == "ok", "\(stuck.text)")
            #expect((stuck.json["detail"] as? String)?.contains("poll") == true, "\(stuck.text)")
            let poll = try #require(Self.service("poll", in: stuck))
            let without = try #require(poll["seconds_without_success"] as? Double)
            let bound = try #require(poll["bound_seconds"] as? Double)
            #expect(without > bound, "\(poll)")
            #expect(poll["last_success"] is String, "\(poll)")
            #expect(Self.service("alert_delivery", in: stuck)?["state"] as? String == "ok", "\(stuck.text)")

            let metrics = try PrometheusExposition(parsing: try await harness.send(.GET, "/metrics", key: nil).text)
            for service in ["dispatch", "poll"] {
                let cancelled = metrics.samples.first {
                    $0.name == "s2v_background_round_failures_total"
                        && $0.labels == ["service": service, "cause": "deadline"]
                }
                #expect((cancelled?.double ?? 0) >= 1, "\(service) rounds cancelled at their deadline are counted")
            }
            let lastSuccess = metrics.samples.first {
                $0.name == "s2v_background_last_success_timestamp_seconds" && $0.labels == ["service": "poll"]
            }
            let age = Date().timeIntervalSince1970 - (lastSuccess?.double ?? 0)
            #expect(age > bound && age < 600, "last success \(lastSuccess?.value ?? "missing"), \(age) s ago")
        } catch {
            await lock.release()
            await harness.stop()
            throw error
        }
        await lock.release()

        // The rounds left running end, the next ones succeed: ready again, and dispatching.
        _ = try await Self.waitForReady(harness, "ready again") { reply in
            reply.status == 200
                && (reply.json["services"] as? [String: [String: Any]] ?? [:]).values.allSatisfy {
                    $0["state"] as? String == "ok"
                }
        }
        #expect(try await harness.submit(key: key).status == 200)
        try await harness.waitUntilAllSettled()
        let deadline = ContinuousClock.now + .seconds(120)
        var leftRunning: Double? = 1
        while ContinuousClock.now < deadline, leftRunning != 0 {
            let metrics = try PrometheusExposition(parsing: try await harness.send(.GET, "/metrics", key: nil).text)
            leftRunning = metrics.samples.filter { $0.name == "s2v_background_rounds_left_running" }
                .compactMap(\.double).reduce(0, +)
            if leftRunning != 0 { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(leftRunning == 0, "every round left running past its deadline ended once the lock was gone")
        await harness.stop()
    }

    static func service(_ name: String, in reply: GatewayHarness.Reply) -> [String: Any]? {
        (reply.json["services"] as? [String: Any])?[name] as? [String: Any]
    }

    /// Polls `/ready` until `condition` holds; returns that answer.
    static func waitForReady(
        _ harness: GatewayHarness,
        _ what: String,
        within limit: Duration = .seconds(120),
        _ condition: (GatewayHarness.Reply) -> Bool
    ) async throws -> GatewayHarness.Reply {
        let deadline = ContinuousClock.now + limit
        var last: GatewayHarness.Reply?
        while ContinuousClock.now < deadline {
            let reply = try await harness.send(.GET, "/ready", key: nil)
            if condition(reply) { return reply }
            last = reply
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("timed out waiting for /ready: \(what); last answer \(last?.status ?? 0) \(last?.text ?? "")")
        throw CancellationError()
    }
}

/// An `ACCESS EXCLUSIVE` lock on a table, held in an open transaction until released: every other query on
/// the table waits, as behind a long migration.
struct TableLock {
    private let holder: Task<Void, any Error>
    private let release: AsyncStream<Void>.Continuation

    static func take(_ table: String, in database: TestDatabase) async throws -> TableLock {
        let (released, release) = AsyncStream<Void>.makeStream()
        let (taken, tell) = AsyncStream<Void>.makeStream()
        let holder = Task {
            defer { tell.finish() }
            try await database.withClient { client in
                try await client.withTransaction(logger: Logger(label: "test.lock")) { connection in
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE"),
                        logger: Logger(label: "test.lock")
                    )
                    tell.yield()
                    for await _ in released {}
                }
            }
        }
        for await _ in taken { return TableLock(holder: holder, release: release) }
        release.finish()
        try await holder.value
        throw CancellationError()
    }

    /// Commits the transaction, which lets the waiting queries through.
    func release() async {
        self.release.finish()
        _ = try? await self.holder.value
    }
}
