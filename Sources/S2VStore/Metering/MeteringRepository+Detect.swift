import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Records the intent of a paid face-detect call before it is sent, in one transaction: the client limits
    /// of its team and key, the call with a hold of one image's price, and a submission slot on the first of
    /// `accounts` that has one within `maxWait` (a free slot now preferred over a wait). A client limit, a
    /// budget or accounts without a slot refuse (`DomainError`); in each case nothing is written or taken.
    public func openDetectIntent(
        caller: Caller,
        teamID: Int64,
        price: Price,
        accounts: [PacedAccount],
        maxWait: Duration,
        logger: Logger
    ) async throws -> DetectIntent {
        try await self.refusingOverLimits(caller: caller, logger: logger) {
            try await self.client.withTransaction(logger: logger) { connection in
                guard let tentative = accounts.first?.name else {
                    throw DomainError.unavailable("No upstream account is configured; nothing was charged.")
                }
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
                guard let (callID, startedAt) = opened else {
                    throw DomainError.unavailable("The call could not be recorded; nothing was charged, please retry.")
                }
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
                    throw DomainError.noUpstreamSlot(
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
                return DetectIntent(
                    call: HeldDetectCall(id: callID, hold: price.unitPrice),
                    account: account,
                    wait: wait
                )
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

    /// Settles a detect call in one statement, so in one transaction: the capture or release of its hold
    /// (`Settlement(detect:hold:)`) and the call's outcome. The ledger row's triggers derive the budget counters,
    /// the billing line and the daily usage from it. Idempotent per call: a call settled already is left alone.
    ///
    /// - Returns: the amount charged (0 when the call was settled already).
    @discardableResult
    public func settleDetect(_ call: HeldDetectCall, outcome: DetectOutcome, logger: Logger) async throws -> Decimal {
        let settlement = Settlement(detect: outcome, hold: call.hold)
        let (upstreamStatus, errorCode, upstreamRequestID): (Int?, String?, String?) =
            switch outcome {
            case .checked(let requestID): (200, nil, requestID)
            case .unanswered: (nil, nil, nil)
            case .refused(let status, let code, let requestID): (status, code, requestID)
            }
        // `h.task_id IS NULL` matches the hold's partial unique index (`ledger_one_hold_per_call`), so the hold is
        // found by index, not by a scan of the ledger. The call's row is updated only while it is open, and the ledger row is written only for a row updated:
        // a second settlement waits for the first's row lock, then finds the call closed and writes nothing.
        let rows = try await self.client.query(
            """
            WITH settled AS (
                UPDATE upstream_calls
                SET state = \(outcome.callState), upstream_request_id = \(upstreamRequestID),
                    http_status = coalesce(\(upstreamStatus)::int, http_status), error_code = \(errorCode),
                    finished_at = now()
                WHERE id = \(call.id) AND kind = 'detect'
                  AND state IN \(literals: [UpstreamCallState.intent, .unknown])
                RETURNING id
            )
            INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                        unit_price, amount, held, currency, attributed_at, conservative)
            SELECT \(settlement.kind), h.team_id, h.key_id, h.upstream_call_id, h.model, h.tier, h.price_id,
                   \(settlement.quantity), h.unit_price, \(settlement.amount), -h.held, h.currency, h.attributed_at,
                   \(settlement.conservative)
            FROM settled
            JOIN ledger_entries h ON h.upstream_call_id = settled.id AND h.kind = \(literal: LedgerEntryKind.hold)
                                 AND h.task_id IS NULL
            RETURNING amount
            """,
            logger: logger
        )
        var charged: Decimal = 0
        for try await amount in rows.decode(Decimal.self) { charged = amount }
        return charged
    }

    /// The detect call `id` if its hold is not settled yet.
    public func heldDetectCall(id: Int64, logger: Logger) async throws -> HeldDetectCall? {
        let rows = try await self.client.query(
            """
            SELECT c.id, h.held FROM upstream_calls c
            JOIN ledger_entries h ON h.upstream_call_id = c.id AND h.kind = \(literal: LedgerEntryKind.hold)
                                 AND h.task_id IS NULL
            WHERE c.id = \(id) AND c.kind = 'detect' AND c.state IN \(literals: [UpstreamCallState.intent, .unknown])
            """,
            logger: logger
        )
        for try await (id, hold) in rows.decode((Int64, Decimal).self) { return HeldDetectCall(id: id, hold: hold) }
        return nil
    }

    /// Detect intents a crash left open for longer than `age`: their outcome cannot be known any more.
    public func abandonedDetectIntents(olderThan age: Duration, logger: Logger) async throws -> [HeldDetectCall] {
        let rows = try await self.client.query(
            """
            SELECT c.id, h.held FROM upstream_calls c
            JOIN ledger_entries h ON h.upstream_call_id = c.id AND h.kind = \(literal: LedgerEntryKind.hold)
                                 AND h.task_id IS NULL
            WHERE c.kind = 'detect' AND c.state = \(literal: UpstreamCallState.intent)
              AND c.started_at < now() - \(age.wholeMilliseconds) * interval '1 millisecond'
            ORDER BY c.id LIMIT 100
            """,
            logger: logger
        )
        var calls: [HeldDetectCall] = []
        for try await (id, hold) in rows.decode((Int64, Decimal).self) {
            calls.append(HeldDetectCall(id: id, hold: hold))
        }
        return calls
    }
}
