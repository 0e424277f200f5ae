import Logging
import PostgresNIO
import S2VStore
import ServiceLifecycle

/// Runs a `PostgresClient` in a service group until graceful shutdown, with a bounded shutdown (see
/// `PostgresClient.run(until:logger:)`): use it instead of adding the client itself to a group.
public struct DatabaseClientService: Service {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func run() async {
        await self.client.run(until: { try? await gracefulShutdown() }, logger: self.logger)
    }
}
