import PostgresNIO
import S2VCore

/// The account lane's next slot (`reserve_upstream_slot`, sql/0004): the wait in microseconds, or null (nothing
/// reserved) when that is longer than the patience.
struct ReserveUpstreamSlotStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT (extract(epoch FROM reserve_upstream_slot($1::text, $2::text, $3::bigint * interval '1 microsecond',
                                                         $4::bigint * interval '1 microsecond')) * 1000000)::bigint
        """

    typealias Row = Int64?

    var account: String
    var lane: AccountLane
    var spacing: Duration
    var maxWait: Duration

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        try bindings.append(self.account)
        try bindings.append(self.lane.description)
        bindings.append(self.spacing.wholeMicroseconds)
        bindings.append(self.maxWait.wholeMicroseconds)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Int64?.self)
    }
}
