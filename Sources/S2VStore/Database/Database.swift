import Foundation
import Logging
import PostgresNIO

/// An open database: a `StoreClient` and, when embedded, the cluster it runs on.
///
/// The client must be run (`client.run()`, or as a service of a `ServiceGroup`) for queries to go through.
public final class Database: Sendable {
    public let client: StoreClient
    public let embedded: EmbeddedPostgres?
    public let logger: Logger

    private init(client: StoreClient, embedded: EmbeddedPostgres?, logger: Logger) {
        self.client = client
        self.embedded = embedded
        self.logger = logger
    }

    /// Prepares the client; for an embedded location this creates and starts the cluster if needed.
    ///
    /// - Parameter actor: who is acting, recorded with every admin change this client makes (the session's
    ///   `s2v.actor` setting, read by the `admin_changes` triggers); nil for the gateway, whose admin API names
    ///   the calling key per transaction instead.
    public static func open(
        _ location: DatabaseLocation,
        maximumConnections: Int = 20,
        actor: String? = nil,
        logger: Logger
    ) async throws -> Database {
        // The pool's own warnings include one for a query made in the instant before its run loop starts, which
        // is harmless and would land in the middle of a command's output; its errors still show.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        return try await Self.open(
            location,
            maximumConnections: maximumConnections,
            actor: actor,
            poolLogger: poolLogger,
            logger: logger
        )
    }

    private static func open(
        _ location: DatabaseLocation,
        maximumConnections: Int,
        actor: String?,
        poolLogger: Logger,
        logger: Logger
    ) async throws -> Database {
        switch location {
        case .url(let url):
            var configuration = try DatabaseURL.configuration(from: url)
            configuration.options.maximumConnections = maximumConnections
            configuration.options.additionalStartupParameters += AdminActor.startupParameters(actor)
            return Database(
                client: StoreClient(configuration: configuration, backgroundLogger: poolLogger, logger: logger),
                embedded: nil,
                logger: logger
            )
        case .embedded(let dataDirectory):
            let embedded = try await EmbeddedPostgres.prepare(dataDirectory: dataDirectory, logger: logger)
            try await embedded.start()
            var configuration = embedded.clientConfiguration()
            configuration.options.maximumConnections = maximumConnections
            configuration.options.additionalStartupParameters += AdminActor.startupParameters(actor)
            return Database(
                client: StoreClient(configuration: configuration, backgroundLogger: poolLogger, logger: logger),
                embedded: embedded,
                logger: logger
            )
        }
    }

    /// Lets go of an embedded cluster: the last process using it stops it. Call after the client stopped running.
    public func close() async {
        guard let embedded = self.embedded else { return }
        do {
            try await embedded.stopIfUnused()
        } catch {
            self.logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Runs the client for the duration of `body`, then closes the database. For short commands.
    public func withRunningClient<Result: Sendable>(
        _ body: @Sendable (StoreClient) async throws -> Result
    ) async throws -> Result {
        let result: Result
        do {
            result = try await self.client.whileRunning(body)
        } catch {
            await self.close()
            throw error
        }
        await self.close()
        return result
    }
}
