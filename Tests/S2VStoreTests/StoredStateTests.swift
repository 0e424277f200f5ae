import Foundation
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// The state enums of S2VCore and the `CHECK`s of their columns list the same values, so that a state added on
/// one side only fails here rather than in production.
@Suite struct StoredStateTests {
    @Test func eachEnumListsExactlyWhatItsColumnAccepts() async throws {
        let accepted = try await TestDatabase.withClient { client, _ in
            [
                try await Self.accepted(by: "tasks", "phase", client),
                try await Self.accepted(by: "tasks", "status", client),
                try await Self.accepted(by: "ledger_entries", "kind", client),
                try await Self.accepted(by: "upstream_calls", "state", client),
            ]
        }
        #expect(accepted[0] == Self.values(of: TaskPhase.self))
        #expect(accepted[1] == Self.values(of: TaskStatus.self))
        #expect(accepted[2] == Self.values(of: LedgerEntryKind.self))
        #expect(accepted[3] == Self.values(of: UpstreamCallState.self))
    }

    @Test func aStateRoundTripsThroughItsColumn() async throws {
        try await TestDatabase.withClient { client, _ in
            for phase in TaskPhase.allCases {
                let rows = try await client.query("SELECT \(phase)::text")
                for try await read in rows.decode(TaskPhase.self) { #expect(read == phase) }
            }
            for status in TaskStatus.allCases {
                let rows = try await client.query("SELECT \(status)::text")
                for try await read in rows.decode(TaskStatus.self) { #expect(read == status) }
            }
        }
    }

    static func values<State: RawRepresentable<String> & CaseIterable>(of _: State.Type) -> Set<String> {
        Set(State.allCases.map(\.rawValue))
    }

    /// The values the single `CHECK (column IN (…))` of `table` accepts, read from the catalog.
    static func accepted(by table: String, _ column: String, _ client: StoreClient) async throws -> Set<String> {
        let rows = try await client.query(
            """
            SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = \(table) AND c.contype = 'c'
            """
        )
        var definitions: [String] = []
        for try await definition in rows.decode(String.self) where definition.contains("(\(column) = ANY") {
            definitions.append(definition)
        }
        try #require(definitions.count == 1, "one CHECK on \(table).\(column): \(definitions)")
        let quoted = try Regex(#"'([^']*)'::text"#)
        return Set(definitions[0].matches(of: quoted).compactMap { $0.output[1].substring.map(String.init) })
    }
}
