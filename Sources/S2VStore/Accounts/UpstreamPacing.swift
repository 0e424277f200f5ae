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

    /// Reserves the next slot of `lane` on `account`; nil (nothing reserved) when it is further away than
    /// `maxWait`.
    ///
    /// The rows are read in the caller's own task, not in one its cancellation cannot reach as
    /// ``StoreClient/execute(_:logger:file:line:)`` reads them: a reservation answered late costs only a slot, and
    /// the background rounds that reserve must end when they are cancelled at their deadline.
    public func reserve(
        account: String,
        lane: AccountLane,
        limits: AccountLimits,
        maxWait: Duration,
        logger: Logger
    ) async throws -> ReservedSlot? {
        let statement = ReserveUpstreamSlotStatement(
            account: account,
            lane: lane,
            spacing: lane.spacing(limits),
            maxWait: maxWait
        )
        let (waits, sentAt) = try await self.client.withConnection { connection in
            // Sent once the connection is leased: a wait for the pool does not count against the slot.
            let sentAt = ContinuousClock.now
            var waits: [Int64?] = []
            for try await wait in try await connection.execute(statement, logger: logger) { waits.append(wait) }
            return (waits, sentAt)
        }
        guard let wait = waits.first ?? nil else { return nil }
        return ReservedSlot(wait: .microseconds(wait), sentAt: sentAt)
    }
}
