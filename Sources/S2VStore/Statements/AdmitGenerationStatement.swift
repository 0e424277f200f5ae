import Foundation
import PostgresNIO
import S2VCore

/// An admission in one statement (`admit_generation`, sql/0016), with the call's log row in the same commit
/// when the gateway gives it.
struct AdmitGenerationStatement: PostgresPreparedStatement {
    static let sql = """
        WITH logged AS (\(CallLogColumns.insert(from: 13)))
        SELECT admit_generation($1::uuid, $2::bigint, $3::bigint, $4::text, $5::text, $6::bigint, $7::numeric,
                                $8::numeric, $9::numeric, $10::text, $11::text, $12::jsonb)
        """

    typealias Row = Date

    var taskID: UUID
    var teamID: Int64
    var keyID: Int64
    var price: Price
    var maxSeconds: Decimal
    var hold: Decimal
    var requestBody: String
    var tags: CostTags
    var callRecord: CallRecord?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 25)
        bindings.append(self.taskID)
        bindings.append(self.teamID)
        bindings.append(self.keyID)
        bindings.append(self.price.model)
        bindings.append(self.price.tier)
        bindings.append(self.price.id)
        try bindings.append(self.price.unitPrice)
        try bindings.append(self.maxSeconds)
        try bindings.append(self.hold)
        bindings.append(self.price.currency)
        bindings.append(self.requestBody)
        bindings.append(self.tags.jsonText)
        try CallLogColumns.append(self.callRecord, to: &bindings)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Date {
        try row.decode(Date.self)
    }
}
