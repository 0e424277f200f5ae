import Logging
import PostgresNIO
import Synchronization

/// Listens on a PostgreSQL notification channel over a connection of its own, outside ``StoreClient``'s pool,
/// so that a listener never holds one of the pool's connections and a pool replacement never waits for it.
///
/// A listening connection only reads, so a database that went away without closing it would never be noticed:
/// the listener asks it a `SELECT 1` every ``probeInterval`` and gives up on it when the answer takes longer
/// than ``probeDeadline``.
public struct ChangeListener: Sendable {
    public static let probeInterval: Duration = .seconds(1)
    public static let probeDeadline: Duration = .seconds(2)

    let configuration: PostgresClient.Configuration
    let channel: String
    let logger: Logger

    /// - Parameter configuration: the store's; the listener opens a single connection with it.
    public init(configuration: PostgresClient.Configuration, channel: String, logger: Logger) {
        var own = configuration
        own.options.minimumConnections = 0
        own.options.maximumConnections = 1
        self.configuration = own
        self.channel = channel
        self.logger = logger
    }

    /// Listens until the connection is lost, stops answering, or the calling task is cancelled; then returns or
    /// throws. `onListening` is called once the server has registered the listener, `onNotification` with each
    /// notification's payload.
    public func listen(
        onListening: @escaping @Sendable () -> Void,
        onNotification: @escaping @Sendable (String) -> Void
    ) async throws {
        let client = PostgresClient(configuration: self.configuration, backgroundLogger: self.logger)
        let pool = Task { await client.run() }
        defer { pool.cancel() }
        let channel = self.channel
        let session = Task {
            try await client.withConnection { connection in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await connection.listen(on: channel) { notifications in
                            onListening()
                            for try await notification in notifications {
                                onNotification(notification.payload)
                            }
                        }
                    }
                    group.addTask { try await Self.watch(connection) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
        try await withTaskCancellationHandler {
            try await session.value
        } onCancel: {
            session.cancel()
        }
    }

    /// Returns only by throwing: when `connection` does not answer a `SELECT 1` within ``probeDeadline``, it is
    /// closed (which ends its listener too) and ``ListenerConnectionLost`` is thrown.
    private static func watch(_ connection: PostgresConnection) async throws {
        while true {
            try await Task.sleep(for: Self.probeInterval)
            let answered = Atomic(false)
            let probe = Task {
                guard !connection.isClosed, (try? await connection.query("SELECT 1", logger: StoreClient.silent)) != nil
                else { return }
                answered.store(true, ordering: .relaxed)
            }
            let ended = await TaskDeadline.wait(for: probe, atMost: Self.probeDeadline)
            guard ended, answered.load(ordering: .relaxed) else {
                probe.cancel()
                try? await connection.close()
                throw ListenerConnectionLost()
            }
        }
    }
}

/// The listening connection closed or stopped answering.
public struct ListenerConnectionLost: Error, CustomStringConvertible {
    public var description: String { "the listening connection closed or stopped answering" }
}
