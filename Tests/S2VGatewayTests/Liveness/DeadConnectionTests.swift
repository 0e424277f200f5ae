import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

@testable import S2VGateway

/// In PostgresNIO 1.x a query written to a connection that died never returns, cancelled or not: the cause of
/// a dispatcher that stopped for good after a PostgreSQL restart (it unlocked its account on the dead lock
/// connection). The account lock sends nothing on a closed connection, and a round deadline ends any such wait.
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

    /// A pooled connection whose server process was terminated, once PostgresNIO has seen it close.
    private func withDeadConnection(_ body: @Sendable (PostgresConnection) async throws -> Void) async throws {
        let logger = self.logger
        try await TestDatabase.withClient { client, database in
            try await client.withConnection { connection in
                var backend: Int32 = 0
                for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(
                    Int32.self
                ) {
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
                try await body(connection)
            }
        }
    }
}
