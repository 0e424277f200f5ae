import Foundation
import Logging
import PostgresNIO

/// The call log: every client request, metered or refused.
public struct CallLogRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Writes `record` in one statement. Text PostgreSQL cannot hold (U+0000 from a client's path or body) is
    /// stored replaced, so that every request is recorded whatever it contained.
    ///
    /// - Parameter durable: whether the commit waits for the WAL flush, as every paid call's record does. A
    ///   record that is not durable survives a crash of the gateway once this returns, but not a crash of
    ///   PostgreSQL within about 3 × `wal_writer_delay` (600 ms by default) of its commit.
    public func insert(_ record: CallRecord, durable: Bool = true, logger: Logger) async throws {
        try await self.client.execute(InsertCallLogStatement(record: record, durable: durable), logger: logger)
    }
}
