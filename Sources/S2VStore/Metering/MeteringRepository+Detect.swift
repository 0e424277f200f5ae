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
    public func openDetectIntent(caller: Caller, teamID: Int64, price: Price, accounts: [PacedAccount],
                                 maxWait: Duration, logger: Logger) async throws -> DetectIntent {
        try await self.refusingOverLimits(caller: caller, logger: logger) {
            try await self.client.withUnwrappedTransaction(logger: logger) { connection in
                guard let tentative = accounts.first?.name else { throw ServiceError.serviceUnavailable() }
                let rows = try await connection.query("""
                    INSERT INTO upstream_calls (kind, team_id, key_id, account, model, tier, price_id, started_at)
                    VALUES ('detect', \(teamID), \(caller.keyID), \(tentative), \(price.model), \(price.tier), \(price.id),
                            clock_timestamp())
                    RETURNING id, started_at
                    """, logger: logger)
                var opened: (Int64, Date)?
                for try await row in rows.decode((Int64, Date).self) { opened = row }
                guard let (callID, startedAt) = opened else { throw ServiceError.serviceUnavailable() }
                // The rows the whole team shares (its request-rate buckets, then its budget counters through the
                // hold's trigger) are locked after the call's own row, so they are held for as little as possible.
                let limited = try await connection.query(
                    "SELECT client_limits_take(\(teamID), \(caller.keyID), false)", logger: logger)
                for try await _ in limited {}  // a refusal arrives with the rows
                try await connection.query("""
                    INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                                unit_price, amount, held, currency, attributed_at)
                    VALUES ('hold', \(teamID), \(caller.keyID), \(callID), \(price.model), \(price.tier), \(price.id),
                            1, \(price.unitPrice), 0, \(price.unitPrice), \(price.currency), \(startedAt))
                    """, logger: logger)
                // The slot is reserved last, right before the commit, so the call leaves as close to it as it can.
                guard let (account, wait) = try await Self.reserveDetectSlot(
                    model: price.model, accounts: accounts, maxWait: maxWait, on: connection, logger: logger)
                else {
                    throw ServiceError.throttled(
                        "The upstream account's face-detect rate is fully used; retry in a moment.", retryAfterSeconds: 1)
                }
                if account != tentative {
                    try await connection.query(
                        "UPDATE upstream_calls SET account = \(account) WHERE id = \(callID)", logger: logger)
                }
                return DetectIntent(callID: callID, account: account, wait: wait)
            }
        }
    }

    /// The first account with a free slot now, else the first with one within `maxWait`.
    private static func reserveDetectSlot(model: String, accounts: [PacedAccount], maxWait: Duration,
                                          on connection: PostgresConnection, logger: Logger) async throws -> (String, Duration)? {
        for patience in [Duration.zero, maxWait] {
            for account in accounts {
                if let wait = try await UpstreamPacing.reserve(
                    account: account.name, lane: .submit(model: model), limits: account.limits, maxWait: patience,
                    on: connection, logger: logger) {
                    return (account.name, wait)
                }
            }
            if maxWait == .zero { break }
        }
        return nil
    }

    /// Charges a detect call the upstream answered (also when the check failed): the capture of its hold, the
    /// rollup and the call's outcome, in one transaction. Idempotent per call.
    ///
    /// - Parameters:
    ///   - conservative: the outcome is unknown (no answer, or an intent a crash left open) and the image is
    ///     charged so that spend is never under-counted; flagged for review.
    /// - Returns: the amount charged.
    @discardableResult
    public func chargeDetect(callID: Int64, upstreamRequestID: String?, conservative: Bool, logger: Logger) async throws -> Decimal {
        try await self.client.withUnwrappedTransaction(logger: logger) { connection in
            guard let hold = try await Self.openDetectHold(callID: callID, on: connection, logger: logger) else {
                return Decimal(0)
            }
            let finalState = conservative ? "resolved" : "succeeded"
            try await connection.query("""
                UPDATE upstream_calls SET state = \(finalState), upstream_request_id = \(upstreamRequestID),
                    http_status = CASE WHEN \(conservative) THEN http_status ELSE 200 END, finished_at = now()
                WHERE id = \(callID)
                """, logger: logger)
            try await UsageDelta(calls: 1, images: 1, cost: hold.held).apply(
                on: connection, attributedAt: hold.attributedAt, teamID: hold.teamID, keyID: hold.keyID,
                model: hold.model, tier: hold.tier, logger: logger)
            // The ledger row last: its triggers lock the team's budget counters and billing line, which every
            // detect of the team needs, so they are held only until the commit.
            try await hold.settle(kind: "capture", amount: hold.held, conservative: conservative, on: connection, logger: logger)
            return hold.held
        }
    }

    /// Records an upstream refusal of a detect call: not billed upstream, so its hold is released.
    public func failDetect(callID: Int64, httpStatus: Int, errorCode: String?, upstreamRequestID: String?,
                           logger: Logger) async throws {
        try await self.client.withUnwrappedTransaction(logger: logger) { connection in
            guard let hold = try await Self.openDetectHold(callID: callID, on: connection, logger: logger) else { return }
            try await connection.query("""
                UPDATE upstream_calls SET state = 'failed', http_status = \(httpStatus), error_code = \(errorCode),
                    upstream_request_id = \(upstreamRequestID), finished_at = now()
                WHERE id = \(callID)
                """, logger: logger)
            try await hold.settle(kind: "release", amount: 0, conservative: false, on: connection, logger: logger)
        }
    }

    /// Detect intents a crash left open for longer than `age`: their outcome cannot be known any more.
    public func abandonedDetectIntents(olderThan age: Duration, logger: Logger) async throws -> [Int64] {
        let rows = try await self.client.query("""
            SELECT id FROM upstream_calls
            WHERE kind = 'detect' AND state = 'intent' AND started_at < now() - \(age.wholeMilliseconds) * interval '1 millisecond'
            ORDER BY id LIMIT 100
            """, logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// The hold of a detect call still open, with the call's row locked; nil once the call is settled.
    private static func openDetectHold(callID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> DetectHold? {
        let rows = try await connection.query("""
            SELECT c.state, h.team_id, h.key_id, h.model, h.tier, h.price_id, h.unit_price, h.held, h.currency,
                   h.attributed_at
            FROM upstream_calls c JOIN ledger_entries h ON h.upstream_call_id = c.id AND h.kind = 'hold' AND h.task_id IS NULL
            WHERE c.id = \(callID) AND c.kind = 'detect' FOR UPDATE OF c
            """, logger: logger)
        var found: DetectHold?
        var state = ""
        for try await (callState, teamID, keyID, model, tier, priceID, unitPrice, held, currency, attributedAt)
            in rows.decode((String, Int64, Int64, String, String, Int64, Decimal, Decimal, String, Date).self) {
            state = callState
            found = DetectHold(callID: callID, teamID: teamID, keyID: keyID, model: model, tier: tier, priceID: priceID,
                               unitPrice: unitPrice, held: held, currency: currency, attributedAt: attributedAt)
        }
        guard let found else { throw ServiceError.invalidParameter("No such detect call \(callID).") }
        return state == "intent" || state == "unknown" ? found : nil
    }
}
