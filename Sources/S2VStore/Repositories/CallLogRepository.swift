import Foundation
import Logging
import PostgresNIO

/// The call log: every client request, metered or refused.
public struct CallLogRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Writes `record`; text PostgreSQL cannot hold (U+0000 from a client's path or body) is stored replaced, so
    /// that every request is recorded whatever it contained.
    public func insert(_ record: CallRecord, logger: Logger) async throws {
        let record = record.storable
        let attribution = record.attribution
        try await self.client.query(
            """
            INSERT INTO call_log (request_id, at, key_id, team_id, method, endpoint, model, tier, upstream_request_id,
                                  task_id, http_status, error_code, latency_us, cost)
            VALUES (\(record.requestID), \(record.at), \(attribution.keyID), \(attribution.teamID), \(record.method),
                    \(record.endpoint), \(attribution.model), \(attribution.tier), \(attribution.upstreamRequestID),
                    \(attribution.taskID), \(record.httpStatus), \(record.errorCode), \(record.latencyMicroseconds),
                    \(attribution.cost))
            """,
            logger: logger
        )
    }
}
