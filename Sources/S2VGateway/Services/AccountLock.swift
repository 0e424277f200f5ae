import Logging
import PostgresNIO

/// A session-level PostgreSQL advisory lock per upstream account: whoever holds it is the only submitter to
/// that account, whatever the number of instances. A crashed holder's connection ends and frees it.
enum AccountLock {
    static func tryLock(_ account: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT pg_try_advisory_lock(hashtext(\("s2v-meter:dispatch:" + account)))", logger: logger)
        for try await locked in rows.decode(Bool.self) { return locked }
        return false
    }

    static func unlock(_ account: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT pg_advisory_unlock(hashtext(\("s2v-meter:dispatch:" + account)))", logger: logger)
    }
}
