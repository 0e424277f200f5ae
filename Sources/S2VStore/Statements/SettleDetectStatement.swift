import Foundation
import PostgresNIO
import S2VCore

/// A detect call's settlement in one statement: the call's outcome, the capture or release of its hold, and
/// the request's call-log row (charged what the ledger row charges) when the gateway gives it.
///
/// `h.task_id IS NULL` matches the hold's partial unique index (`ledger_one_hold_per_call`), so the hold is
/// found by index, not by a scan of the ledger. The call's row is updated only while it is open, and the ledger
/// row is written only for a row updated: a second settlement waits for the first's row lock, then finds the
/// call closed and writes nothing.
struct SettleDetectStatement: PostgresPreparedStatement {
    static let sql = """
        WITH settled AS (
            UPDATE upstream_calls
            SET state = $2::text, upstream_request_id = $3::text,
                http_status = coalesce($4::int, http_status), error_code = $5::text, finished_at = now()
            WHERE id = $1::bigint AND kind = 'detect' AND state IN ('intent', 'unknown')
            RETURNING id
        ), charged AS (
            INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                        unit_price, amount, held, currency, attributed_at, conservative, tags)
            SELECT $6::text, h.team_id, h.key_id, h.upstream_call_id, h.model, h.tier, h.price_id, $7::numeric,
                   h.unit_price, $8::numeric, -h.held, h.currency, h.attributed_at, $9::boolean, h.tags
            FROM settled
            JOIN ledger_entries h ON h.upstream_call_id = settled.id AND h.kind = 'hold' AND h.task_id IS NULL
            RETURNING amount
        ), logged AS (\(CallLogColumns.insert(from: 10, computed: ["cost": { "coalesce((SELECT amount FROM charged), \($0))" }])))
        SELECT amount FROM charged
        """

    typealias Row = Decimal

    var callID: Int64
    var outcome: DetectOutcome
    var settlement: Settlement
    var callRecord: CallRecord?

    func makeBindings() throws -> PostgresBindings {
        let (upstreamStatus, errorCode, upstreamRequestID): (Int?, String?, String?) =
            switch self.outcome {
            case .checked(let requestID): (200, nil, requestID)
            case .unanswered: (nil, nil, nil)
            case .refused(let status, let code, let requestID): (status, code, requestID)
            }
        var bindings = PostgresBindings(capacity: 23)
        bindings.append(self.callID)
        bindings.append(self.outcome.callState.rawValue)
        bindings.append(upstreamRequestID)
        bindings.append(upstreamStatus.map { Int32(clamping: $0) })
        bindings.append(errorCode)
        bindings.append(self.settlement.kind.rawValue)
        try bindings.append(self.settlement.quantity)
        try bindings.append(self.settlement.amount)
        bindings.append(self.settlement.conservative)
        try CallLogColumns.append(self.callRecord, to: &bindings)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Decimal {
        try row.decode(Decimal.self)
    }
}
