import Logging
import S2VCore
import S2VStore
import Synchronization

/// One request's store time: the store deadline (`--store-deadline`) is a budget for the time the request
/// spends waiting for PostgreSQL, shared by all of its store operations, the call-log write included.
///
/// Each operation waits at most what is left of the budget, and the time it waited is taken from it. Time the
/// request spends elsewhere (reading the body, waiting for an upstream slot, the upstream call itself,
/// scheduling on a loaded machine between operations) is not counted, so a slow upstream never turns into a
/// spurious 503, and a silent store cannot hold a request longer than the deadline in total.
///
/// Set for each request by ``StoreAllowanceMiddleware`` as a task-local value; see ``current``.
final class StoreAllowance: Sendable {
    /// The current request's allowance, set by ``StoreAllowanceMiddleware``.
    @TaskLocal static var current: StoreAllowance?

    /// The least time the call-log write is waited for when the request's store operations all answered: a
    /// request that used its budget to the last millisecond still gets its call recorded before it is answered.
    static let callLogFloor: Duration = .milliseconds(250)

    /// How long a call-log write the response did not wait for may go on in the background.
    static let backgroundCallLogLimit: Duration = .seconds(30)

    let deadline: Duration
    private let metrics: GatewayMetrics?
    private let account = Mutex(Account())

    private struct Account {
        var spent: Duration = .zero
        /// Whether an operation of this request already waited to the deadline: the store is not answering.
        var passed = false
    }

    init(deadline: Duration, metrics: GatewayMetrics?) {
        self.deadline = deadline
        self.metrics = metrics
    }

    /// What is left of the budget.
    var remaining: Duration {
        self.account.withLock { max(.zero, self.deadline - $0.spent) }
    }

    /// Whether the deadline passed for this request.
    var hasPassed: Bool {
        self.account.withLock { $0.passed }
    }

    /// A store operation before any upstream call: a read, an admission, an intent. When the budget runs out
    /// first, the request is refused with 503 (nothing was called upstream) and the operation is cancelled.
    ///
    /// - Parameter undoLate: for a write that may still commit after the refusal (a query already sent cannot
    ///   be taken back): called with its result if it does, to withdraw what the refused request left behind.
    func fetch<Value: Sendable>(
        undoingLate undoLate: (@Sendable (Value) async -> Void)? = nil,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        // A store that already missed this request's deadline is not asked again.
        guard !self.hasPassed else { throw ServiceError.storeDeadlinePassed }
        return try await self.spend(operation, failure: .storeDeadlinePassed, stage: .request) { late in
            late.cancel()
            guard let undoLate else { return }
            Task {
                guard let value = try? await late.value else { return }
                await undoLate(value)
            }
        }
    }

    /// Records the outcome of an upstream call already made: a charge or a release. The client waits at most
    /// what is left of the budget, then gets 503; the write itself is never cut, so no charge is lost to the
    /// deadline. Should it fail, the call's durable record settles it later (detect intent recovery, the poller).
    ///
    /// - Parameter failure: the 503 the client gets when the budget runs out first.
    func settle<Value: Sendable>(
        otherwise failure: ServiceError = .outcomeNotRecordedInTime,
        logger: Logger,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await self.spend(operation, failure: failure, stage: .settlement) { late in
            Task {
                do {
                    _ = try await late.value
                    logger.notice("outcome recorded after the request's store deadline")
                } catch {
                    logger.error(
                        "outcome not recorded; the call's record settles it later",
                        metadata: ["error": "\(String(reflecting: error))"]
                    )
                }
            }
        }
    }

    /// Writes the call log. The response waits at most what is left of the budget (at least ``callLogFloor``,
    /// and not at all once the store missed this request's deadline); a write still running then goes on in the
    /// background for up to ``backgroundCallLogLimit``. Returns whether the write finished before the response.
    @discardableResult
    func record(logger: Logger, _ operation: @escaping @Sendable () async throws -> Void) async -> Bool {
        let limit = self.hasPassed ? .zero : max(self.remaining, Self.callLogFloor)
        let started = ContinuousClock.now
        defer { self.take(ContinuousClock.now - started) }
        let metrics = self.metrics
        do {
            try await StoreDeadline.wait(atMost: limit, operation) { late in
                metrics?.recordStoreDeadlinePassed(.callLog)
                Task {
                    let ended = await TaskDeadline.wait(
                        for: Task { _ = try? await late.value },
                        atMost: Self.backgroundCallLogLimit
                    )
                    if !ended {
                        late.cancel()
                    } else if (try? await late.value) != nil {
                        return
                    }
                    metrics?.recordCallLogLost()
                    logger.error(
                        "call not recorded in the call log after its response went out",
                        metadata: [
                            "reason":
                                "\(ended ? "the store refused the write" : "no answer within \(Self.backgroundCallLogLimit)")"
                        ]
                    )
                }
            }
            return true
        } catch let ending as StoreDeadline.Ending {
            logger.warning("answered without waiting for the call log", metadata: ["reason": "\(ending)"])
            return false
        } catch {
            metrics?.recordCallLogLost()
            logger.error("call not recorded in the call log", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
    }

    private func spend<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Value,
        failure: ServiceError,
        stage: StoreDeadlineStage,
        whenLate: @escaping @Sendable (Task<Value, any Error>) -> Void
    ) async throws -> Value {
        let started = ContinuousClock.now
        defer { self.take(ContinuousClock.now - started) }
        do {
            return try await StoreDeadline.wait(atMost: self.remaining, operation, whenLate: whenLate)
        } catch StoreDeadline.Ending.deadlinePassed {
            self.account.withLock { $0.passed = true }
            self.metrics?.recordStoreDeadlinePassed(stage)
            throw failure
        } catch StoreDeadline.Ending.waiterCancelled {
            throw CancellationError()
        }
    }

    private func take(_ elapsed: Duration) {
        self.account.withLock { $0.spent += elapsed }
    }
}
