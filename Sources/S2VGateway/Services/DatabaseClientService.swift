import PostgresNIO
import S2VStore
import ServiceLifecycle

/// Runs a `StoreClient` in a service group until graceful shutdown, with a bounded shutdown (see
/// `StoreClient.run(until:)`): use it instead of adding the client itself to a group.
public struct DatabaseClientService: Service {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    public func run() async {
        await self.client.run(until: { try? await gracefulShutdown() })
    }
}
