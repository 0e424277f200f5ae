import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Records the intent of a paid face-detect call, before it is sent.
    public func openDetectIntent(caller: Caller, teamID: Int64, price: Price, account: String, logger: Logger) async throws -> Int64 {
        let rows = try await self.client.query("""
            INSERT INTO upstream_calls (kind, team_id, key_id, account, model, tier, price_id)
            VALUES ('detect', \(teamID), \(caller.keyID), \(account), \(price.model), \(price.tier), \(price.id))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw ServiceError.serviceUnavailable()
    }

    /// Charges a detect call the upstream answered (also when the check failed): one ledger row, the rollup and
    /// the call's outcome, in one transaction. Idempotent per call.
    ///
    /// - Parameters:
    ///   - conservative: the outcome is unknown (no answer, or an intent a crash left open) and the image is
    ///     charged so that spend is never under-counted; flagged for review.
    /// - Returns: the amount charged.
    @discardableResult
    public func chargeDetect(callID: Int64, imageCount: Int, upstreamRequestID: String?, conservative: Bool,
                             logger: Logger) async throws -> Decimal {
        try await self.client.withUnwrappedTransaction(logger: logger) { connection in
            let rows = try await connection.query("""
                SELECT c.team_id, c.key_id, c.model, c.tier, p.id, p.unit_price, p.currency, c.started_at, c.state
                FROM upstream_calls c JOIN prices p ON p.id = c.price_id
                WHERE c.id = \(callID) AND c.kind = 'detect' FOR UPDATE OF c
                """, logger: logger)
            var found: (Int64, Int64, String, String, Int64, Decimal, String, Date, String)?
            for try await row in rows.decode((Int64, Int64, String, String, Int64, Decimal, String, Date, String).self) {
                found = row
            }
            guard let (teamID, keyID, model, tier, priceID, unitPrice, currency, startedAt, state) = found else {
                throw ServiceError.invalidParameter("No such detect call \(callID).")
            }
            guard state == "intent" || state == "unknown" else { return Decimal(0) }
            let quantity = Decimal(imageCount)
            let amount = quantity * unitPrice
            try await connection.query("""
                INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                            unit_price, amount, held, currency, attributed_at, conservative)
                VALUES ('charge', \(teamID), \(keyID), \(callID), \(model), \(tier), \(priceID), \(quantity),
                        \(unitPrice), \(amount), 0, \(currency), \(startedAt), \(conservative))
                """, logger: logger)
            let finalState = conservative ? "resolved" : "succeeded"
            try await connection.query("""
                UPDATE upstream_calls SET state = \(finalState), upstream_request_id = \(upstreamRequestID),
                    http_status = CASE WHEN \(conservative) THEN http_status ELSE 200 END, finished_at = now()
                WHERE id = \(callID)
                """, logger: logger)
            try await UsageDelta(calls: 1, images: Int64(imageCount), cost: amount).apply(
                on: connection, attributedAt: startedAt, teamID: teamID, keyID: keyID, model: model, tier: tier,
                logger: logger)
            return amount
        }
    }

    /// Records an upstream refusal of a detect call: not billed upstream, so nothing is charged.
    public func failDetect(callID: Int64, httpStatus: Int, errorCode: String?, upstreamRequestID: String?,
                           logger: Logger) async throws {
        try await self.client.query("""
            UPDATE upstream_calls SET state = 'failed', http_status = \(httpStatus), error_code = \(errorCode),
                upstream_request_id = \(upstreamRequestID), finished_at = now()
            WHERE id = \(callID) AND state IN ('intent', 'unknown')
            """, logger: logger)
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
}
