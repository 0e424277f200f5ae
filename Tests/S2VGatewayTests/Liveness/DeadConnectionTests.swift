import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

@testable import S2VGateway

/// In PostgresNIO 1.x a query written to a connection that died never returns, cancelled or not: the cause of
/// a dispatcher that stopped for good after a PostgreSQL restart (it unlocked its account on the dead lock
/// connection), and of one that stopped for minutes when the connection closed between the check and the write.
/// The account lock sends nothing on a closed connection, the store client gives up on a connection that
/// closed, and a round deadline ends any other such wait.
@Suite struct DeadConnectionTests {
    let logger = Logger(label: "test.dead-connection")

    @Test func theAccountLockNeverWaitsOnAConnectionThatDied() async throws {
        try await self.withDeadConnection { connection in
            let settled = try await StoreDeadline.wait(
                atMost: .seconds(30),
                {
                    try await AccountLock.unlock("default", on: connection, logger: self.logger)
                    return try await AccountLock.tryLock("default", on: connection, logger: self.logger)
                },
                whenLate: { _ in }
            )
            #expect(settled == false, "a dead connection holds no lock")
        }
    }

    @Test func aRoundWaitingOnAConnectionThatDiedEndsAtItsDeadline() async throws {
        try await self.withDeadConnection { connection in
            let started = ContinuousClock.now
            await #expect(throws: RoundDeadlineExceeded.self) {
                try await RoundDeadline.run(within: .milliseconds(500)) {
                    try await connection.query("SELECT 1", logger: self.logger)
                    return true
                }
            }
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    /// A statement written to a leased connection just after it closed never gets an answer from PostgresNIO;
    /// the store client stops waiting for it soon after the close, with ``StoreConnectionClosed``, instead of
    /// leaving its caller (a dispatch round holding its account, say) waiting for ever.
    @Test func theStoreClientGivesUpOnAStatementWrittenToAConnectionThatClosed() async throws {
        let logger = self.logger
        try await TestDatabase.withClient { client, database in
            let started = ContinuousClock.now
            let outcome = try await StoreDeadline.wait(
                atMost: .seconds(60),
                {
                    do {
                        try await client.withConnection { connection in
                            try await Self.terminate(connection, from: database, logger: logger)
                            try await connection.query("SELECT 1", logger: logger)
                        }
                        return "answered"
                    } catch is StoreConnectionClosed {
                        return "closed"
                    }
                },
                whenLate: { _ in }
            )
            #expect(outcome == "closed")
            #expect(ContinuousClock.now - started < .seconds(30))
            // The client goes on serving on its other connections.
            #expect(try await client.query("SELECT 1").rows.count == 1)
        }
    }

    /// A pooled connection (PostgresNIO's own pool, not the store client's) whose server process was terminated,
    /// once PostgresNIO has seen it close.
    private func withDeadConnection(_ body: @Sendable (PostgresConnection) async throws -> Void) async throws {
        let logger = self.logger
        let database = try await TestDatabase.make()
        defer { Task { try? await database.cluster.dropDatabase(database.name) } }
        let pool = PostgresClient(configuration: database.configuration, backgroundLogger: logger)
        let running = Task { await pool.run() }
        defer { running.cancel() }
        try await pool.withConnection { connection in
            try await Self.terminate(connection, from: database, logger: logger)
            try await body(connection)
        }
    }

    /// Terminates `connection`'s server process from another connection, and returns once PostgresNIO has seen
    /// it close.
    static func terminate(_ connection: PostgresConnection, from database: TestDatabase, logger: Logger) async throws {
        var backend: Int32 = 0
        for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(Int32.self) {
            backend = pid
        }
        let target = backend
        try await database.withClient { other in
            try await other.query("SELECT pg_terminate_backend(\(target))", logger: logger)
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while !connection.isClosed, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(connection.isClosed)
        // PostgresNIO takes its handlers off the channel just after marking it closed.
        try await Task.sleep(for: .milliseconds(200))
    }
}
