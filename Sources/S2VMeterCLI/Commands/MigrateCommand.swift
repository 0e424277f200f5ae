import ArgumentParser
import Foundation
import S2VStore

/// `s2v-meter migrate`: applies the numbered SQL files of `sql/` in order.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations (sql/*.sql) that are not applied yet.",
        discussion: """
            Each file runs in one transaction, under an advisory lock, so instances starting together apply \
            each file once. Applied files are recorded with a checksum; a file changed after it was applied is \
            refused. `serve` also applies migrations at startup.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(name: .customLong("status"), help: "Only show which migrations are applied and which are pending.")
    var statusOnly = false

    func run() async throws {
        let logger = try await self.logging.bootstrap(label: "s2v-meter.migrate", configFile: self.database.configFile)
        let settings = try await self.database.resolve()
        let migrations = try settings.loadMigrations()
        let opened = try await Database.open(settings.location, maximumConnections: 2, logger: logger)
        let statusOnly = self.statusOnly
        let lines = try await opened.withRunningClient { client in
            let runner = MigrationRunner(client: client, migrations: migrations, logger: logger)
            if statusOnly {
                let status = try await runner.status()
                let applied = migrations.filter { status.appliedVersions.contains($0.version) }
                return applied.map { "applied  \($0.fileName)" } + status.pending.map { "pending  \($0.fileName)" }
            }
            let applied = try await runner.apply()
            if applied.isEmpty { return ["schema is current (\(migrations.count) migrations applied)"] }
            return applied.map { "applied  \($0.fileName)" }
        }
        for line in lines { print(line) }
    }

}
