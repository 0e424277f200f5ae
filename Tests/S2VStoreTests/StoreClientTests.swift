import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Synchronization
import Testing

/// The store client replaces a pool that stopped answering, so that recovery after a long outage takes seconds
/// instead of PostgresNIO's backoff of up to a minute; and leaves a busy pool alone.
@Suite(.serialized) struct StoreClientTests {
    /// Warnings only: the pool logs every failed connection attempt of an outage at info.
    static let logger: Logger = {
        var logger = Logger(label: "test.store-client")
        logger.logLevel = .warning
        return logger
    }()

    @Test(.sharesTheMachine(.timing), .timeLimit(.minutes(10)))
    func aPoolThatStoppedAnsweringIsReplacedAndServesSoonAfterTheDatabaseReturns() async throws {
        let cluster = try await FreezableCluster.start()
        let client = StoreClient(configuration: cluster.embedded.clientConfiguration(), backgroundLogger: Self.logger)
        do {
            try await client.whileRunning { client in
                #expect(await Self.answers(client))
                try await cluster.stopImmediately()
                let stopped = ContinuousClock.now
                // 40 s of asking, as the gateway's rounds and requests do: long enough for PostgresNIO's backoff
                // alone to reach 8 s between attempts (100 ms × 1.25ⁿ).
                while ContinuousClock.now - stopped < .seconds(40) {
                    #expect(!(await Self.answers(client)))
                    try await Task.sleep(for: .milliseconds(500))
                }
                try await cluster.restart()
                let restarted = ContinuousClock.now
                while !(await Self.answers(client)) {
                    guard ContinuousClock.now - restarted < .seconds(90) else { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                let recovery = ContinuousClock.now - restarted
                print(
                    "StoreClientTests: answered \(recovery) after PostgreSQL restarted, pool replaced \(client.renewals) times"
                )
                #expect(client.renewals >= 1, "the pool that stopped answering was replaced")
                // The newest pool is at most 5 s old, so its next attempt is at most about a second away.
                #expect(recovery <= .seconds(5), "served again within seconds of the database's return")
            }
        } catch {
            await cluster.remove()
            throw error
        }
        await cluster.remove()
    }

    @Test(.sharesTheMachine(.timing), .timeLimit(.minutes(10)))
    func aBusyPoolIsNotReplaced() async throws {
        let database = try await TestDatabase.make()
        var configuration = database.configuration
        configuration.options.maximumConnections = 2
        let client = StoreClient(configuration: configuration, backgroundLogger: Self.logger)
        try await client.whileRunning { client in
            // 40 clients on two connections for 5 s: operations queue for the pool all along, but it answers.
            try await withThrowingTaskGroup(of: Void.self) { group in
                let until = ContinuousClock.now + .seconds(5)
                for _ in 0..<40 {
                    group.addTask {
                        while ContinuousClock.now < until {
                            try await client.query("SELECT pg_sleep(0.01)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(client.renewals == 0)
        }
        try? await database.cluster.dropDatabase(database.name)
    }

    /// Whether `client` answers a `SELECT 1` within a second.
    static func answers(_ client: StoreClient) async -> Bool {
        let answered = Atomic(false)
        let query = Task {
            guard (try? await client.query("SELECT 1")) != nil else { return }
            answered.store(true, ordering: .relaxed)
        }
        if !(await TaskDeadline.wait(for: query, atMost: .seconds(1))) { query.cancel() }
        return answered.load(ordering: .relaxed)
    }
}
