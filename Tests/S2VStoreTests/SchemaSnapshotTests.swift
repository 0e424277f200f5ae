import Foundation
import S2VStore
import S2VTestSupport
import Testing

/// `sql/schema.sql` is the schema the migrations build, in one file for readers: this test dumps a freshly
/// migrated database and fails when the two disagree. `scripts/update-schema-snapshot.sh` rewrites the file.
@Suite struct SchemaSnapshotTests {
    static let snapshotName = "schema.sql"

    @Test func theSnapshotIsTheSchemaTheMigrationsBuild() async throws {
        let database = try await TestDatabase.make()
        let dumped = try await Self.dump(database)
        try? await database.cluster.dropDatabase(database.name)
        let path = try MigrationDirectory.locate().path + "/" + Self.snapshotName
        if ProcessInfo.processInfo.environment["S2V_UPDATE_SCHEMA_SNAPSHOT"] == "1" {
            try Data(dumped.utf8).write(to: URL(fileURLWithPath: path))
        }
        let snapshot = try String(contentsOfFile: path, encoding: .utf8)
        let firstDifference = zip(
            snapshot.split(separator: "\n", omittingEmptySubsequences: false),
            dumped.split(separator: "\n", omittingEmptySubsequences: false)
        )
        .enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            snapshot == dumped,
            """
            sql/schema.sql differs from the migrated schema\
            \(firstDifference.map { " at line \($0.offset + 1): \"\($0.element.0)\" in the file, \"\($0.element.1)\" migrated" } ?? " in length");
            run scripts/update-schema-snapshot.sh and commit the result
            """
        )
    }

    /// What differs between two dumps of one schema: the server's and the tool's versions, and the random key of
    /// `\restrict` (pg_dump 15.14 and later).
    static let varyingLinePrefixes = ["-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict"]

    /// `pg_dump --schema-only` of `database`, without the lines that vary from one dump to the next.
    static func dump(_ database: TestDatabase) async throws -> String {
        let cluster = database.cluster
        // pg_dump is installed beside the real initdb, which may be reached through a link elsewhere.
        let serverBinaries = URL(fileURLWithPath: cluster.binaries.initdb).resolvingSymlinksInPath()
            .deletingLastPathComponent().path
        let outcome = try await ProcessRunner(user: nil).run(
            serverBinaries + "/pg_dump",
            [
                "--schema-only", "--no-owner", "--no-privileges",
                "--host", cluster.layout.socketDirectory, "--port", "\(ClusterLayout.port)",
                "--username", EmbeddedPostgres.databaseUser, "--dbname", database.name,
            ]
        )
        try #require(outcome.succeeded, "pg_dump: \(outcome.output)")
        let header =
            "-- s2v-meter schema: what sql/0001… build, dumped by scripts/update-schema-snapshot.sh. Do not edit;\n"
            + "-- change the schema with a new numbered migration.\n"
        return header
            + outcome.output.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !Self.varyingLinePrefixes.contains(where: $0.hasPrefix) }
            .joined(separator: "\n")
    }
}
