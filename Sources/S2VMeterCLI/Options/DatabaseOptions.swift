import ArgumentParser
import Foundation
import S2VStore

/// Where the data lives, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"),
            help: "PostgreSQL URL, e.g. postgres://user:password@host:5432/s2v_meter. Default: $DATABASE_URL, else the embedded cluster in --data-dir.")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"),
            help: "Folder of the embedded PostgreSQL cluster, used when no database URL is given.")
    var dataDirectory: String = "./.s2v-meter"

    @Option(name: .customLong("sql-dir"),
            help: "Folder of the numbered migration files. Default: $S2V_METER_SQL_DIR, else sql/ found beside the working directory, the executable or the source tree.")
    var sqlDirectory: String?

    var location: DatabaseLocation {
        .resolve(databaseURL: self.databaseURL, environment: ProcessInfo.processInfo.environment,
                 dataDirectory: self.dataDirectory)
    }

    func loadMigrations() throws -> [Migration] {
        try MigrationDirectory.locate(explicit: self.sqlDirectory).load()
    }
}
