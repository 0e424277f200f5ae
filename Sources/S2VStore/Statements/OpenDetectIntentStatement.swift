import Foundation
import PostgresNIO
import S2VCore

/// A face-detect call's intent in one statement (`open_detect_intent`, sql/0016): the call, the client limits,
/// the hold and an account's submission slot.
struct OpenDetectIntentStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT call_id, account, (extract(epoch FROM wait) * 1000000)::bigint
        FROM open_detect_intent($1::bigint, $2::bigint, $3::text, $4::text, $5::bigint, $6::numeric, $7::text,
                                $8::text, $9::text[], $10::bigint[], $11::bigint, $12::jsonb)
        """

    typealias Row = (Int64, String, Int64)

    var teamID: Int64
    var keyID: Int64
    var price: Price
    var lane: AccountLane
    var accounts: [PacedAccount]
    var maxWait: Duration
    var tags: CostTags

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 12)
        bindings.append(self.teamID)
        bindings.append(self.keyID)
        bindings.append(self.price.model)
        bindings.append(self.price.tier)
        bindings.append(self.price.id)
        try bindings.append(self.price.unitPrice)
        bindings.append(self.price.currency)
        bindings.append(self.lane.description)
        bindings.append(self.accounts.map(\.name))
        bindings.append(self.accounts.map { self.lane.spacing($0.limits).wholeMicroseconds })
        bindings.append(self.maxWait.wholeMicroseconds)
        bindings.append(self.tags.jsonText)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
