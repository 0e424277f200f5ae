import Logging
import PostgresNIO
import S2VStore

extension DatabaseOptions {
    /// Opens the database (starting the embedded cluster if needed), brings the schema up to date, runs `body`
    /// with a running client, and lets go of the cluster afterwards. Admin changes made through the client are
    /// recorded as made by this command's user and host.
    func withMigratedClient<Result: Sendable>(
        logger: Logger,
        _ body: @Sendable (StoreClient) async throws -> Result
    ) async throws -> Result {
        let settings = try await self.resolve()
        let migrations = try settings.loadMigrations()
        let database = try await Database.open(
            settings.location,
            maximumConnections: 4,
            actor: AdminActor.commandLine,
            logger: logger
        )
        return try await database.withRunningClient { client in
            try await MigrationRunner(client: client, migrations: migrations, logger: logger).apply()
            return try await body(client)
        }
    }
}
