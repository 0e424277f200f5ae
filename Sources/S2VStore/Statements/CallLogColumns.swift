import Foundation
import PostgresNIO

/// A call-log row as the parameters of a prepared statement, for the statements that write it along with what
/// the request commits (``CallRecord``), or alone.
enum CallLogColumns {
    /// The columns, in the order ``append(_:to:)`` binds them, with their types.
    static let columns: [(name: String, type: String)] = {
        let names = """
            request_id at key_id team_id method endpoint model tier upstream_request_id task_id http_status \
            error_code latency_us cost
            """
        let types = """
            uuid timestamptz bigint bigint text text text text text uuid integer text bigint numeric
            """
        return zip(names.split(separator: " "), types.split(separator: " ")).map { (String($0), String($1)) }
    }()

    /// An `INSERT` of the row bound from `$first`, or of none when `$first` (the request id) is NULL.
    ///
    /// - Parameter computed: for a column whose value the same statement computes, the expression that gives it,
    ///   made from the bound parameter (such as `coalesce((SELECT amount FROM charged), $23::numeric)`).
    static func insert(from first: Int, computed: [String: (String) -> String] = [:]) -> String {
        let values = Self.columns.enumerated().map { offset, column in
            let parameter = "$\(first + offset)::\(column.type)"
            return computed[column.name].map { $0(parameter) } ?? parameter
        }
        return """
            INSERT INTO call_log (\(Self.columns.map(\.name).joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) WHERE $\(first)::uuid IS NOT NULL
            """
    }

    /// Binds `record`'s columns, or NULLs for none.
    static func append(_ record: CallRecord?, to bindings: inout PostgresBindings) throws {
        let record = record?.storable
        let attribution = record?.attribution
        bindings.append(record?.requestID)
        bindings.append(record?.at)
        bindings.append(attribution?.keyID)
        bindings.append(attribution?.teamID)
        bindings.append(record?.method)
        bindings.append(record?.endpoint)
        bindings.append(attribution?.model)
        bindings.append(attribution?.tier)
        bindings.append(attribution?.upstreamRequestID)
        bindings.append(attribution?.taskID)
        bindings.append(record.map { Int32(clamping: $0.httpStatus) })
        bindings.append(record?.errorCode)
        bindings.append(record?.latencyMicroseconds)
        try bindings.append(attribution?.cost)
    }
}
