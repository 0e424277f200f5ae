import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Records the intent of a paid face-detect call before it is sent, in one statement (`open_detect_intent`,
    /// sql/0015), so one round trip and one commit: the call, the client limits of its team and key, a hold of
    /// one image's price, and a submission slot on the first of `accounts` that has one within `maxWait` (a free
    /// slot now preferred over a wait). A client limit, a budget or accounts without a slot refuse
    /// (`DomainError`); in each case nothing is written or taken.
    public func openDetectIntent(
        caller: Caller,
        teamID: Int64,
        price: Price,
        accounts: [PacedAccount],
        maxWait: Duration,
        tags: CostTags = CostTags(),
        logger: Logger
    ) async throws -> DetectIntent {
        guard !accounts.isEmpty else {
            throw DomainError.unavailable("No upstream account is configured; nothing was charged.")
        }
        let statement = OpenDetectIntentStatement(
            teamID: teamID,
            keyID: caller.keyID,
            price: price,
            lane: .submit(model: price.model),
            accounts: accounts,
            maxWait: maxWait,
            tags: tags
        )
        return try await self.refusingOverLimits(caller: caller, logger: logger) {
            let rows: [OpenDetectIntentStatement.Row]
            let sentAt: ContinuousClock.Instant
            do {
                (rows, sentAt) = try await self.client.executeNotingSend(statement, logger: logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.noUpstreamSlotState {
                throw DomainError.noUpstreamSlot(
                    "The upstream account's face-detect rate is fully used; retry in a moment.",
                    retryAfterSeconds: 1
                )
            }
            guard let (callID, account, waitMicroseconds) = rows.first else {
                throw DomainError.unavailable("The call could not be recorded; nothing was charged, please retry.")
            }
            return DetectIntent(
                call: HeldDetectCall(id: callID, hold: price.unitPrice),
                account: account,
                slot: ReservedSlot(wait: .microseconds(waitMicroseconds), sentAt: sentAt)
            )
        }
    }

    /// The SQLSTATE `open_detect_intent` refuses with when no account has a slot in time.
    static let noUpstreamSlotState = "S2VS1"

    /// Settles a detect call in one statement, so in one transaction: the capture or release of its hold
    /// (`Settlement(detect:hold:)`), the call's outcome, and the request's call-log row when given. The ledger
    /// row's triggers derive the budget counters, the billing line and the daily usage from it. Idempotent per
    /// call: a call settled already is left alone.
    ///
    /// - Parameter callRecord: the request's call-log row, written in the same commit and charged what the
    ///   settlement charges.
    /// - Returns: the amount charged (0 when the call was settled already).
    @discardableResult
    public func settleDetect(
        _ call: HeldDetectCall,
        outcome: DetectOutcome,
        callRecord: CallRecord? = nil,
        logger: Logger
    ) async throws -> Decimal {
        let statement = SettleDetectStatement(
            callID: call.id,
            outcome: outcome,
            settlement: Settlement(detect: outcome, hold: call.hold),
            callRecord: callRecord
        )
        return try await self.client.execute(statement, logger: logger).first ?? 0
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
