import Logging
import S2VStore
import ServiceLifecycle

/// Listens on PostgreSQL's `s2v_changes` channel (fed by triggers on keys, teams, models and prices, sql/0013)
/// and drops what this instance cached from a table as soon as a change to it commits anywhere. While it is not
/// listening (starting, PostgreSQL restarting) the caches' one-second lifetime is the bound, and everything is
/// dropped again once it listens, for the changes it may have missed.
///
/// It listens over a connection of its own (``ChangeListener``), never one of the pool's.
struct ChangeFeed: Service {
    static let channel = "s2v_changes"

    let listener: ChangeListener
    let lookups: CachedLookups
    let logger: Logger

    init(client: StoreClient, lookups: CachedLookups, logger: Logger) {
        self.listener = client.changeListener(channel: Self.channel)
        self.lookups = lookups
        self.logger = logger
    }

    func run() async {
        let lookups = self.lookups
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    try await self.listener.listen(
                        onListening: { lookups.invalidateAll() },
                        onNotification: { lookups.invalidate(table: $0) }
                    )
                }
            } catch {
                if !Task.isShuttingDownGracefully, !Task.isCancelled {
                    self.logger.notice(
                        "not listening for changes to keys and prices; cached ones expire within a second",
                        metadata: ["error": "\(String(reflecting: error))"]
                    )
                }
            }
            lookups.invalidateAll()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}
