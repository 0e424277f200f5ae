import S2VCore

/// Bounds how long a request waits for the store. An unreachable PostgreSQL makes the pool queue requests
/// while it retries, and a hung one (SIGSTOP, a dead network path) never answers a query already sent; the
/// gateway answers 503 instead of hanging, and calls nothing upstream.
///
/// The operation runs in a task of its own and the caller waits for the first of its result and the deadline.
/// That is what makes the bound hold: PostgresNIO gives up a connection lease when its task is cancelled, but
/// not a query already on the wire, so a wait that also waited for the cancelled operation to end (a task
/// group does) would last as long as PostgreSQL stays silent.
enum StoreDeadline {
    /// How long a request waits for the store when the configuration says nothing else.
    static let `default`: Duration = .seconds(3)

    /// Why a wait ended before its operation did.
    enum Ending: Error {
        /// The deadline passed.
        case deadlinePassed
        /// The waiting task was cancelled.
        case waiterCancelled
    }

    /// Runs `operation` and waits at most `deadline` for it; past that, refuses with 503 and cancels it.
    static func run<Result: Sendable>(
        within deadline: Duration,
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        do {
            return try await self.wait(atMost: deadline, operation, whenLate: { $0.cancel() })
        } catch Ending.deadlinePassed {
            throw ServiceError.serviceUnavailable()
        } catch Ending.waiterCancelled {
            throw CancellationError()
        }
    }

    /// Runs `operation` in a task of its own and waits at most `limit` for it. When the limit passes, or the
    /// waiting task is cancelled, first, the wait ends at once with ``Ending`` and `whenLate` gets the still
    /// running operation, to cancel it, to let it finish, or to undo what it did once it finishes.
    static func wait<Value: Sendable>(
        atMost limit: Duration,
        _ operation: @escaping @Sendable () async throws -> Value,
        whenLate: @escaping @Sendable (Task<Value, any Error>) -> Void
    ) async throws -> Value {
        let outcome = FirstOutcome<Value>()
        let timer = Task {
            // Cancelled once the operation ended: then there is nothing to offer.
            guard (try? await Task.sleep(for: limit)) != nil else { return }
            outcome.offer(.failure(Ending.deadlinePassed))
        }
        let work = Task {
            defer { timer.cancel() }
            do {
                let value = try await operation()
                outcome.offer(.success(value))
                return value
            } catch {
                outcome.offer(.failure(error))
                throw error
            }
        }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { outcome.install($0) }
            } onCancel: {
                outcome.offer(.failure(Ending.waiterCancelled))
            }
        } catch let ending as Ending {
            timer.cancel()
            whenLate(work)
            throw ending
        }
    }
}
