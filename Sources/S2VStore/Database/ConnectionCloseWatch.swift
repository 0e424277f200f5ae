import PostgresNIO
import Synchronization

/// Ends the wait for work on a leased connection that closed under it.
///
/// PostgresNIO 1.33 writes a statement to its connection's channel without a promise: on a channel that closed
/// a moment before (a database restart, the close not yet seen when the connection was leased or when the
/// statement was sent), the write fails where nobody looks and the statement's answer never comes, cancelled or
/// not. A statement that did reach the connection is failed by PostgresNIO as soon as the connection closes.
///
/// So the work on a leased connection runs in a task of its own, and its caller waits for that task or, once the
/// connection has closed, for ``grace`` more, whichever ends first; then the caller gets
/// ``StoreConnectionClosed``. The task left behind waits for an answer that will not come, on a connection the
/// pool has already dropped. Each connection's close is watched once, however many leases it serves.
final class ConnectionCloseWatch: Sendable {
    /// How long past a connection's close its work may still end by itself: PostgresNIO fails what it had sent
    /// at once, so this only has to cover a starved machine.
    static let grace: Duration = .seconds(2)

    private struct State {
        /// For each connection whose close is watched: how to abandon each wait on it.
        var waits: [ObjectIdentifier: [Int: @Sendable () -> Void]] = [:]
        var nextWait = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `work` on `connection` and waits for it, or until `connection` has been closed for ``grace``.
    /// Cancelling the caller cancels the work.
    ///
    /// - Throws: ``StoreConnectionClosed`` when the wait was abandoned; otherwise what `work` threw.
    func run<Result: Sendable>(
        on connection: PostgresConnection,
        _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let worker = Task { try await work() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                let outcome = Mutex<CheckedContinuation<Result, any Error>?>(continuation)
                let wait = self.watch(connection) {
                    outcome.withLock { $0.take() }?.resume(throwing: StoreConnectionClosed())
                }
                Task {
                    let result = await worker.result
                    self.end(wait)
                    outcome.withLock { $0.take() }?.resume(with: result)
                }
            }
        } onCancel: {
            worker.cancel()
        }
    }

    private struct Wait {
        let connection: ObjectIdentifier
        let number: Int
    }

    /// Registers a wait on `connection`, and watches its close if nothing watches it yet.
    private func watch(_ connection: PostgresConnection, abandon: @escaping @Sendable () -> Void) -> Wait {
        let id = ObjectIdentifier(connection)
        let (wait, unwatched) = self.state.withLock { state in
            state.nextWait += 1
            let unwatched = state.waits[id] == nil
            state.waits[id, default: [:]][state.nextWait] = abandon
            return (Wait(connection: id, number: state.nextWait), unwatched)
        }
        if unwatched {
            // The callback holds the connection, so that its identifier is not reused before it runs.
            connection.closeFuture.whenComplete { _ in
                Task {
                    try? await Task.sleep(for: Self.grace)
                    self.abandonAll(on: connection)
                }
            }
        }
        return wait
    }

    /// Ends a wait that got its answer. The connection stays watched until it closes.
    private func end(_ wait: Wait) {
        self.state.withLock { state in
            _ = state.waits[wait.connection]?.removeValue(forKey: wait.number)
        }
    }

    /// Abandons every wait still open on a connection that closed, and stops watching it.
    private func abandonAll(on connection: PostgresConnection) {
        let abandoned = self.state.withLock { state in
            state.waits.removeValue(forKey: ObjectIdentifier(connection)) ?? [:]
        }
        for abandon in abandoned.values { abandon() }
    }
}
