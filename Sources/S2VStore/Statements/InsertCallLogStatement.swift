import Foundation
import PostgresNIO

/// A call-log row on its own, for a request whose commit did not record it: one statement, committed durably
/// (the server's `synchronous_commit`) or, for a request that wrote nothing paid, without waiting for the WAL
/// flush (`synchronous_commit = off` for this transaction alone).
struct InsertCallLogStatement: PostgresPreparedStatement {
    static let sql = """
        WITH logged AS (\(CallLogColumns.insert(from: 1)) RETURNING 1)
        SELECT set_config('synchronous_commit',
                          CASE WHEN $15::boolean THEN current_setting('synchronous_commit') ELSE 'off' END, true)
        FROM logged
        """

    typealias Row = String

    var record: CallRecord
    var durable: Bool

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 15)
        try CallLogColumns.append(self.record, to: &bindings)
        bindings.append(self.durable)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> String {
        try row.decode(String.self)
    }
}
