import PostgresNIO
import S2VCore

// The state columns are text in PostgreSQL and enums in Swift: PostgresNIO encodes and decodes them by their raw
// values.
extension TaskPhase: PostgresCodable {}
extension TaskStatus: PostgresCodable {}
extension LedgerEntryKind: PostgresCodable {}
extension UpstreamCallState: PostgresCodable {}

extension PostgresQuery.StringInterpolation {
    /// A state as an SQL literal, `'settled'`: spelled by its enum, and a literal rather than a bind, so that the
    /// planner matches the partial indexes whose predicates are written with literals.
    mutating func appendInterpolation<State: RawRepresentable<String> & CaseIterable>(literal state: State) {
        self.appendInterpolation(unescaped: "'\(state.rawValue)'")
    }

    /// A list of states as an SQL list of literals, `('submitted', 'running')`, for `IN`.
    mutating func appendInterpolation<State: RawRepresentable<String> & CaseIterable>(literals states: [State]) {
        self.appendInterpolation(unescaped: "(" + states.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")")
    }
}
