import AsyncHTTPClient
import DashScopeSimulator
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM while a submission is in flight: `serve` exits within the shutdown grace plus 5 s, every time, even
/// with its database hung; the submissions it cut off are resolved at the next start, metered as billed.
///
/// `serve` runs on its own embedded cluster, as on one machine: it starts the cluster and, as its last user,
/// stops it when it stops. Half the rounds hang that cluster (SIGSTOP) during the stop, which must not hang the
/// rest of the suite, hence a cluster of its own.
@Suite struct BoundedStopTests {
    static let grace: Duration = .seconds(2)
    static let exitBound: Duration = Self.grace + .seconds(5)
    static let rounds = 10
    static let upstreamKey = "sk-bounded-stop"

    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing))
    func sigtermWithASubmissionInFlightExitsWithinTheGrace() async throws {
        let logger = Logger(label: "bounded-stop-test")
        let directory = "/tmp/s2v-stop-\(UUID().uuidString.prefix(8))"
        // Where serve will put its cluster; preparing starts nothing and does not count as a user of it.
        let cluster = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: logger)
        let simulator = try await RunningSimulator.start(
            configuration: SimulatorConfiguration(
                apiKeys: [Self.upstreamKey],
                generationTime: .milliseconds(200),
                // A `lost` answer is held back this long: far past the stop, so the submission is in flight.
                faults: FaultInjection(timeoutDelay: .seconds(900))
            ),
            logger: logger
        )
        do {
            try await Self.rounds(directory: directory, cluster: cluster, simulator: simulator, logger: logger)
        } catch {
            await Self.tearDown(cluster: cluster, simulator: simulator, directory: directory)
            throw error
        }
        await Self.tearDown(cluster: cluster, simulator: simulator, directory: directory)
    }

    private static func rounds(
        directory: String,
        cluster: EmbeddedPostgres,
        simulator: RunningSimulator,
        logger: Logger
    ) async throws {
        // A client runs once: a fresh one for each visit. It connects without registering as a cluster user.
        func withClient<T: Sendable>(_ body: @Sendable (StoreClient) async throws -> T) async throws -> T {
            try await StoreClient(configuration: cluster.clientConfiguration(), backgroundLogger: logger).whileRunning(
                body
            )
        }
        var environment = ProcessInfo.processInfo.environment
        environment["DASHSCOPE_API_KEY"] = Self.upstreamKey
        environment.removeValue(forKey: "DATABASE_URL")
        func serve(port: Int) throws -> CommandLineProcess {
            try CommandLineProcess.start(
                [
                    "serve", "--port", "\(port)", "--upstream-url", simulator.baseURL + "/api/v1", "--data-dir",
                    directory,
                    "--shutdown-grace", "\(Self.grace.components.seconds)", "--upstream-timeout", "600",
                    "--poll-interval", "0.2",
                    "--not-created-grace", "1", "--log-level", "info",
                ],
                environment: environment
            )
        }
        func startReady() async throws -> (CommandLineProcess, Int) {
            let port = try CommandLineProcess.freePort()
            let gateway = try serve(port: port)
            let ready =
                try await Self.waitUntil(.seconds(120), every: .milliseconds(100)) {
                    try await CommandLineTests.status(of: "http://127.0.0.1:\(port)/ready") == 200
                        || !gateway.child.isRunning
                } && gateway.child.isRunning
            if !ready { gateway.child.signal(SIGKILL) }
            try #require(ready, "serve never became ready: \(gateway.child.output)")
            return (gateway, port)
        }

        var key: String?
        for round in 0..<Self.rounds {
            let hangDatabase = round % 2 == 1
            let (gateway, port) = try await startReady()
            var freeze = try ClusterFreeze(pgData: cluster.layout.pgData)
            defer {
                freeze.thaw()
                if gateway.child.isRunning { gateway.child.signal(SIGKILL) }
            }
            if key == nil {
                // serve created and migrated the cluster: the key can be made now.
                key = try await withClient { client in
                    let team = try await TeamRepository(client: client).create(name: "stopping", logger: logger)
                    return try await APIKeyRepository(client: client).create(
                        teamID: team.id,
                        isAdmin: false,
                        name: "",
                        logger: logger
                    ).1.value
                }
            }

            let attemptsBefore = await Self.submissionAttempts(simulator)
            let admitted = try await Self.submitHeldTask(port: port, key: try #require(key))
            try #require(
                admitted == 200,
                "round \(round): the submission was not admitted (\(String(describing: admitted)))"
            )
            // In flight for real: the simulator has the call and is holding its answer back.
            let reached = try await Self.waitUntil(.seconds(120)) {
                await Self.submissionAttempts(simulator) > attemptsBefore
            }
            try #require(reached, "round \(round): the submission never reached the upstream: \(gateway.child.output)")

            if hangDatabase { freeze.freeze() }
            let signalled = ContinuousClock.now
            gateway.child.signal(SIGTERM)
            let exited = try await Self.waitUntil(Self.exitBound + .seconds(60)) { !gateway.child.isRunning }
            let took = ContinuousClock.now - signalled
            freeze.thaw()
            #expect(
                exited && took <= Self.exitBound,
                "round \(round) (database \(hangDatabase ? "hung" : "up")): exited after \(took), bound \(Self.exitBound): \(gateway.child.output.suffix(4000))"
            )
            if gateway.child.isRunning { gateway.child.signal(SIGKILL) }
            // A stop that had to abandon its cluster leaves it running, or shutting down once thawed: stop it,
            // so that the next round starts from a stopped cluster as the others do.
            _ = try await cluster.stopIfUnused()
        }

        // The next start resolves every cut-off submission from the upstream's task list; each is then settled
        // once, at what the upstream billed.
        let (gateway, _) = try await startReady()
        defer { if gateway.child.isRunning { gateway.child.signal(SIGKILL) } }
        let settled = try await withClient { client in
            try await Self.waitUntil(.seconds(240), every: .milliseconds(250)) {
                (try? await Self.count("SELECT count(*)::int FROM tasks WHERE phase <> 'settled'", client)) == 0
            }
        }
        #expect(settled, "every cut-off submission is resolved and settled: \(gateway.child.output.suffix(4000))")
        let (tasks, settlements, held, captured) = try await withClient { client in
            let rows = try await client.query(
                """
                SELECT (SELECT count(*) FROM tasks)::int,
                       count(*) FILTER (WHERE kind IN ('capture', 'release'))::int,
                       coalesce(sum(held), 0), coalesce(sum(amount) FILTER (WHERE kind = 'capture'), 0)
                FROM ledger_entries
                """
            )
            for try await row in rows.decode((Int, Int, Decimal, Decimal).self) { return row }
            return (0, 0, Decimal(0), Decimal(0))
        }
        let billed = await simulator.simulator.bill().total.amount
        #expect(tasks == Self.rounds)
        #expect(settlements == tasks, "each task settled exactly once")
        #expect(held == 0, "no hold left behind")
        #expect(captured == billed, "metered \(captured), upstream billed \(billed)")
        let status = try await gateway.stopGracefully()
        #expect(status == 0, "a stop with nothing in flight is clean: \(gateway.child.output.suffix(2000))")
    }

    /// A generation task whose submission the simulator processes but answers only after its long delay.
    private static func submitHeldTask(port: Int, key: String) async throws -> Int? {
        var request = HTTPClientRequest(
            url: "http://127.0.0.1:\(port)/api/v1/services/aigc/image2video/video-synthesis"
        )
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "X-DashScope-Async", value: "enable")
        request.body = .bytes(
            ByteBuffer(
                string:
                    #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/v.mp3?duration=3.25&sim_fail=lost"},"parameters":{"resolution":"480P"}}"#
            )
        )
        for _ in 0..<20 {
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                return Int(response.status.code)
            } catch {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        return nil
    }

    private static func submissionAttempts(_ simulator: RunningSimulator) async -> Int {
        await simulator.simulator.stats().total.submissionAttempts[.synthesis] ?? 0
    }

    private static func count(_ sql: String, _ client: StoreClient) async throws -> Int {
        for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { return value }
        return 0
    }

    private static func waitUntil(
        _ limit: Duration,
        every pause: Duration = .milliseconds(20),
        _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: pause)
        }
        return try await condition()
    }

    private static func tearDown(cluster: EmbeddedPostgres, simulator: RunningSimulator, directory: String) async {
        await simulator.stop()
        _ = try? await cluster.stopIfUnused()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
