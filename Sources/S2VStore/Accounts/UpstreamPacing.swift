import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Spaces the calls of each account lane across all instances: each call reserves the lane's next slot in
/// PostgreSQL and waits until it comes. Slots are `rateWindow / limit` apart, so no second ever holds more calls
/// than the account allows, whichever instances send them.
public struct UpstreamPacing: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Reserves the next slot of `lane` on `account`; returns the wait before sending, or nil (nothing
    /// reserved) when that is longer than `maxWait`.
    public func reserve(
        account: String,
        lane: AccountLane,
        limits: AccountLimits,
        maxWait: Duration,
        logger: Logger
    ) async throws -> Duration? {
        try await Self.reserve(account: account, lane: lane, limits: limits, maxWait: maxWait, logger: logger) {
            try await self.client.query($0, logger: logger)
        }
    }

    /// The same, inside the caller's transaction: the reservation is kept only if the transaction commits.
    static func reserve(
        account: String,
        lane: AccountLane,
        limits: AccountLimits,
        maxWait: Duration,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Duration? {
        try await Self.reserve(account: account, lane: lane, limits: limits, maxWait: maxWait, logger: logger) {
            StoreRows(try await connection.query($0, logger: logger).collect())
        }
    }

    private static func reserve(
        account: String,
        lane: AccountLane,
        limits: AccountLimits,
        maxWait: Duration,
        logger: Logger,
        run: (PostgresQuery) async throws -> StoreRows
    ) async throws -> Duration? {
        let spacing = lane.spacing(limits).wholeMicroseconds
        let rows = try await run(
            """
            SELECT (extract(epoch FROM reserve_upstream_slot(\(account), \(lane.description),
                        \(spacing) * interval '1 microsecond', \(maxWait.wholeMicroseconds) * interval '1 microsecond'))
                    * 1000000)::bigint
            """
        )
        for try await wait in rows.decode(Int64?.self) {
            return wait.map { .microseconds($0) }
        }
        return nil
    }
}
