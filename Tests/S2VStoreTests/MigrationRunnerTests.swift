import Foundation
import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

@Suite struct MigrationRunnerTests {
    let logger = Logger(label: "test.migrations")

    func projectMigrations() throws -> [Migration] {
        try MigrationDirectory.locate().load()
    }

    @Test func projectMigrationsAreNumberedFromOne() throws {
        let migrations = try self.projectMigrations()
        #expect(migrations.first?.version == 1)
        #expect(migrations.map(\.version) == Array(1...migrations.count))
    }

    @Test func applyingTwiceChangesNothing() async throws {
        let migrations = try self.projectMigrations()
        try await TestDatabase.withClient(migrated: false) { client, _ in
            let runner = MigrationRunner(client: client, migrations: migrations, logger: self.logger)
            let first = try await runner.apply()
            #expect(first.map(\.version) == migrations.map(\.version))
            let before = try await Self.schemaFingerprint(client)
            let second = try await runner.apply()
            #expect(second.isEmpty)
            #expect(try await Self.schemaFingerprint(client) == before)
            #expect(try await runner.status().isCurrent)
        }
    }

    @Test func concurrentMigratorsApplyEachFileOnce() async throws {
        let migrations = try self.projectMigrations()
        let database = try await TestDatabase.make(migrated: false)
        // Four independent clients (as four instances would have) race to migrate the same database.
        let appliedCounts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await database.withClient { client in
                        try await MigrationRunner(client: client, migrations: migrations, logger: self.logger).apply()
                            .count
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(appliedCounts.sorted() == [0, 0, 0, migrations.count])
        try await database.withClient { client in
            let rows = try await client.query("SELECT count(*) FROM schema_migrations")
            for try await count in rows.decode(Int.self) { #expect(count == migrations.count) }
        }
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func editedAppliedFileIsRefused() async throws {
        let original = Migration(version: 1, name: "widgets", sql: "CREATE TABLE widgets (id int);")
        let edited = Migration(version: 1, name: "widgets", sql: "CREATE TABLE widgets (id bigint);")
        try await TestDatabase.withClient(migrated: false) { client, _ in
            try await MigrationRunner(client: client, migrations: [original], logger: self.logger).apply()
            let runner = MigrationRunner(client: client, migrations: [edited], logger: self.logger)
            await #expect(throws: MigrationError.changedAfterApply(version: 1, name: "widgets")) {
                try await runner.apply()
            }
            await #expect(throws: MigrationError.changedAfterApply(version: 1, name: "widgets")) {
                try await runner.status()
            }
        }
    }

    @Test func failingFileLeavesNothingBehind() async throws {
        let broken = Migration(
            version: 1,
            name: "broken",
            sql: "CREATE TABLE half (id int);\nSELECT no_such_function();"
        )
        try await TestDatabase.withClient(migrated: false) { client, _ in
            let runner = MigrationRunner(client: client, migrations: [broken], logger: self.logger)
            await #expect(throws: MigrationError.self) { try await runner.apply() }
            let rows = try await client.query(
                "SELECT to_regclass('half') IS NULL, (SELECT count(*) FROM schema_migrations)"
            )
            for try await (absent, applied) in rows.decode((Bool, Int).self) {
                #expect(absent)
                #expect(applied == 0)
            }
        }
    }

    @Test func databaseNewerThanBuildIsRefused() async throws {
        let one = Migration(version: 1, name: "one", sql: "SELECT 1;")
        let two = Migration(version: 2, name: "two", sql: "SELECT 2;")
        try await TestDatabase.withClient(migrated: false) { client, _ in
            try await MigrationRunner(client: client, migrations: [one, two], logger: self.logger).apply()
            await #expect(throws: MigrationError.unknownApplied(version: 2, name: "two")) {
                try await MigrationRunner(client: client, migrations: [one], logger: self.logger).apply()
            }
        }
    }

    @Test func migrationFileNamesAreParsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 2;".write(to: folder.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let migrations = try MigrationDirectory.locate(explicit: folder.path).load()
        #expect(migrations.map(\.version) == [1, 2])
        #expect(migrations.map(\.name) == ["first", "second"])
        try "SELECT 3;".write(to: folder.appendingPathComponent("0002_again.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.duplicateVersion(2)) { try MigrationDirectory(path: folder.path).load() }
    }

    /// Tables, columns and the migrations ledger, as text.
    static func schemaFingerprint(_ client: StoreClient) async throws -> String {
        let rows = try await client.query(
            """
            SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name)
                || '|' || (SELECT string_agg(version || checksum || applied_at::text, ',' ORDER BY version) FROM schema_migrations)
            FROM information_schema.columns WHERE table_schema = 'public'
            """
        )
        var fingerprint = ""
        for try await value in rows.decode(String.self) { fingerprint = value }
        return fingerprint
    }
}
