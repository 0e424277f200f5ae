import Logging
import PostgresNIO
import S2VStore
import Synchronization

/// The database half of `/ready`: PostgreSQL answers and the schema is current. Answers within its deadline
/// whatever PostgreSQL does (stopped, hung, slow), and never piles up waits on the pool.
///
/// One check runs at a time and concurrent callers share it: a check that PostgreSQL leaves unanswered holds a
/// pooled connection, or waits for one, until it ends, and probes every few seconds must not add one each. A
/// check older than ``staleAfter`` is given up (a query sent on a connection that died never returns) and the
/// next caller starts a new one.
final class DatabaseReadinessCheck: Sendable {
    enum Outcome: Sendable, Equatable {
        case current
        case pendingMigrations([String])
        /// PostgreSQL refused the check, or the applied migrations differ from this build's.
        case failed
        /// No answer within the deadline.
        case timedOut
    }

    private struct Running {
        var id: Int
        var check: Task<Outcome, Never>
        var started: ContinuousClock.Instant
    }

    private struct State {
        var running: Running?
        var started = 0
    }

    static let staleAfter: Duration = .seconds(10)

    private let client: StoreClient
    private let migrations: [Migration]
    private let deadline: Duration
    private let state = Mutex(State())

    init(client: StoreClient, migrations: [Migration], deadline: Duration) {
        self.client = client
        self.migrations = migrations
        self.deadline = deadline
    }

    func check(logger: Logger) async -> Outcome {
        let check = self.runningCheck(logger: logger)
        do {
            return try await StoreDeadline.wait(atMost: self.deadline, { await check.value }, whenLate: { _ in })
        } catch {
            return .timedOut
        }
    }

    /// The check in progress, or a new one.
    private func runningCheck(logger: Logger) -> Task<Outcome, Never> {
        self.state.withLock { state in
            if let current = state.running {
                if ContinuousClock.now - current.started < Self.staleAfter { return current.check }
                // Given up: it stops waiting for a pooled connection, if that is where it is.
                current.check.cancel()
            }
            state.started += 1
            let id = state.started
            // Created under the lock, so that it cannot clear the slot before it is stored there.
            let check = Task { () -> Outcome in
                let outcome = await self.read(logger: logger)
                self.state.withLock { state in
                    if state.running?.id == id { state.running = nil }
                }
                return outcome
            }
            state.running = Running(id: id, check: check, started: .now)
            return check
        }
    }

    private func read(logger: Logger) async -> Outcome {
        do {
            let status = try await MigrationRunner(client: self.client, migrations: self.migrations, logger: logger)
                .status()
            guard status.isCurrent else { return .pendingMigrations(status.pending.map { "\($0.version)_\($0.name)" }) }
            return .current
        } catch {
            logger.warning("readiness: database check failed", metadata: ["error": "\(String(reflecting: error))"])
            return .failed
        }
    }
}
