/// Bounds one background round. Past its deadline the round is cancelled and its service stops waiting for it,
/// even if it does not end: a query already sent on a connection that died, or to a hung server, never returns
/// in PostgresNIO 1.x, cancelled or not. The round goes on alone until its I/O ends, if it ever does.
enum RoundDeadline {
    /// Runs `round` and waits at most `deadline` for it.
    ///
    /// - Parameters:
    ///   - whenLeftRunning: gets the round, already cancelled, when the wait ended (the deadline passed, or the
    ///     waiting task was cancelled) while it still ran.
    /// - Throws: ``RoundDeadlineExceeded`` when the deadline passed; `CancellationError` when the waiting task
    ///   was cancelled; otherwise what the round threw.
    static func run<Value: Sendable>(
        within deadline: Duration,
        whenLeftRunning: @escaping @Sendable (Task<Value, any Error>) -> Void = { _ in },
        _ round: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        do {
            return try await StoreDeadline.wait(atMost: deadline, round) { running in
                running.cancel()
                whenLeftRunning(running)
            }
        } catch StoreDeadline.Ending.deadlinePassed {
            throw RoundDeadlineExceeded(deadline: deadline)
        } catch StoreDeadline.Ending.waiterCancelled {
            throw CancellationError()
        }
    }
}

/// A background round ran past its deadline: it was cancelled, and its service went on without it.
struct RoundDeadlineExceeded: Error, CustomStringConvertible {
    let deadline: Duration

    var description: String { "the round ran past its deadline of \(self.deadline)" }
}
