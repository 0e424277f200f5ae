import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Records the intent of a paid face-detect call before it is sent, in one transaction: the client limits
    /// of its team and key, the call with a hold of one image's price, and a submission slot on the first of
    /// `accounts` that has one within `maxWait` (a free slot now preferred over a wait). A client limit refuses
    /// with 429, a budget with 403, and accounts without a slot with 429 `Throttling.RateQuota` (Retry-After 1);
    /// in each case nothing is written or taken.
    public func openDetectIntent(
        caller: Caller,
        teamID: Int64,
        price: Price,
        accounts: [PacedAccount],
        maxWait: Duration,
        logger: Logger
    ) async throws -> DetectIntent {
        try await self.refusingOverLimits(caller: caller, logger: logger) {
            try await self.client.withUnwrappedTransaction(logger: logger) { connection in
                guard let tentative = accounts.first?.name else { throw ServiceError.serviceUnavailable() }
                let rows = try await connection.query(
                    """
                    INSERT INTO upstream_calls (kind, team_id, key_id, account, model, tier, price_id, started_at)
                    VALUES ('detect', \(teamID), \(caller.keyID), \(tentative), \(price.model), \(price.tier), \(price.id),
                            clock_timestamp())
                    RETURNING id, started_at
                    """,
                    logger: logger
                )
                var opened: (Int64, Date)?
                for try await row in rows.decode((Int64, Date).self) { opened = row }
                guard let (callID, startedAt) = opened else { throw ServiceError.serviceUnavailable() }
                // The rows the whole team shares (its request-rate buckets, then its budget counters through the
                // hold's trigger) are locked after the call's own row, so they are held for as little as possible.
                let limited = try await connection.query(
                    "SELECT client_limits_take(\(teamID), \(caller.keyID), false)",
                    logger: logger
                )
                for try await _ in limited {}  // a refusal arrives with the rows
                try await connection.query(
                    """
                    INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                                unit_price, amount, held, currency, attributed_at)
                    VALUES (\(literal: LedgerEntryKind.hold), \(teamID), \(caller.keyID), \(callID), \(price.model), \(price.tier), \(price.id),
                            1, \(price.unitPrice), 0, \(price.unitPrice), \(price.currency), \(startedAt))
                    """,
                    logger: logger
                )
                // The slot is reserved last, right before the commit, so the call leaves as close to it as it can.
                guard
                    let (account, wait) = try await Self.reserveDetectSlot(
                        model: price.model,
                        accounts: accounts,
                        maxWait: maxWait,
                        on: connection,
                        logger: logger
                    )
                else {
                    throw ServiceError.throttled(
                        "The upstream account's face-detect rate is fully used; retry in a moment.",
                        retryAfterSeconds: 1
                    )
                }
                if account != tentative {
                    try await connection.query(
                        "UPDATE upstream_calls SET account = \(account) WHERE id = \(callID)",
                        logger: logger
                    )
                }
                return DetectIntent(callID: callID, account: account, wait: wait)
            }
        }
    }

    /// The first account with a free slot now, else the first with one within `maxWait`.
    private static func reserveDetectSlot(
        model: String,
        accounts: [PacedAccount],
        maxWait: Duration,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> (String, Duration)? {
        for patience in [Duration.zero, maxWait] {
            for account in accounts {
                if let wait = try await UpstreamPacing.reserve(
                    account: account.name,
                    lane: .submit(model: model),
                    limits: account.limits,
                    maxWait: patience,
                    on: connection,
                    logger: logger
                ) {
                    return (account.name, wait)
                }
            }
            if maxWait == .zero { break }
        }
        return nil
    }

    /// Charges a detect call the upstream answered (also when the check failed): the capture of its hold, the
    /// rollup and the call's outcome, in one statement and so one transaction (`settle_detect`, sql/0009).
    /// Idempotent per call.
    ///
    /// - Parameters:
    ///   - conservative: the outcome is unknown (no answer, or an intent a crash left open) and the image is
    ///     charged so that spend is never under-counted; flagged for review.
    /// - Returns: the amount charged (0 when the call was settled already).
    @discardableResult
    public func chargeDetect(
        callID: Int64,
        upstreamRequestID: String?,
        conservative: Bool,
        logger: Logger
    ) async throws -> Decimal {
        try await self.settleDetect(
            callID: callID,
            outcome: "capture",
            conservative: conservative,
            upstreamRequestID: upstreamRequestID,
            httpStatus: nil,
            errorCode: nil,
            logger: logger
        )
    }

    /// Records an upstream refusal of a detect call: not billed upstream, so its hold is released.
    public func failDetect(
        callID: Int64,
        httpStatus: Int,
        errorCode: String?,
        upstreamRequestID: String?,
        logger: Logger
    ) async throws {
        try await self.settleDetect(
            callID: callID,
            outcome: "release",
            conservative: false,
            upstreamRequestID: upstreamRequestID,
            httpStatus: httpStatus,
            errorCode: errorCode,
            logger: logger
        )
    }

    @discardableResult
    private func settleDetect(
        callID: Int64,
        outcome: String,
        conservative: Bool,
        upstreamRequestID: String?,
        httpStatus: Int?,
        errorCode: String?,
        logger: Logger
    ) async throws -> Decimal {
        let rows = try await self.client.query(
            """
            SELECT settle_detect(\(callID), \(outcome), \(conservative), \(upstreamRequestID), \(httpStatus), \(errorCode))
            """,
            logger: logger
        )
        var charged: Decimal?
        for try await value in rows.decode(Decimal?.self) { charged = value }
        guard let charged else { throw ServiceError.invalidParameter("No such detect call \(callID).") }
        return charged
    }

    /// Detect intents a crash left open for longer than `age`: their outcome cannot be known any more.
    public func abandonedDetectIntents(olderThan age: Duration, logger: Logger) async throws -> [Int64] {
        let rows = try await self.client.query(
            """
            SELECT id FROM upstream_calls
            WHERE kind = 'detect' AND state = \(literal: UpstreamCallState.intent) AND started_at < now() - \(age.wholeMilliseconds) * interval '1 millisecond'
            ORDER BY id LIMIT 100
            """,
            logger: logger
        )
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }
}
