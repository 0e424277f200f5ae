import Logging
import PostgresNIO

/// A session-level PostgreSQL advisory lock per upstream account: whoever holds it is the only submitter to
/// that account, whatever the number of instances. A crashed holder's connection ends and frees it.
///
/// A connection that died (PostgreSQL restarted) took its session, and so the lock, with it. Nothing is sent on
/// it then: in PostgresNIO 1.x a query written to a closed connection never returns, cancelled or not, and the
/// dispatcher would wait for it forever.
enum AccountLock {
    /// Takes the lock if nobody holds it; false if another session does, or the connection is closed.
    static func tryLock(_ account: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard !connection.isClosed else { return false }
        let rows = try await connection.query(
            "SELECT pg_try_advisory_lock(hashtext(\("s2v-meter:dispatch:" + account)))",
            logger: logger
        )
        for try await locked in rows.decode(Bool.self) { return locked }
        return false
    }

    /// Releases the lock; nothing to do when the connection is closed, since its session ended with the lock.
    static func unlock(_ account: String, on connection: PostgresConnection, logger: Logger) async throws {
        guard !connection.isClosed else { return }
        try await connection.query(
            "SELECT pg_advisory_unlock(hashtext(\("s2v-meter:dispatch:" + account)))",
            logger: logger
        )
    }
}
