import Hummingbird
import Logging
import S2VCore

extension GatewayRequestContext {
    /// The request's store allowance; a fresh one with the default deadline where no middleware set one.
    var storeAllowance: StoreAllowance {
        StoreAllowance.current ?? StoreAllowance(deadline: StoreDeadline.default, metrics: nil)
    }

    /// Runs a store operation that comes before any upstream call within the request's store deadline; 503 when
    /// the store does not answer in time (see ``StoreAllowance/fetch(undoingLate:_:)``).
    func withStore<Value: Sendable>(
        undoingLate undoLate: (@Sendable (Value) async -> Void)? = nil,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await self.storeAllowance.fetch(undoingLate: undoLate, operation)
    }

    /// Records the outcome of an upstream call already made; the client waits for it within the request's store
    /// deadline, the write goes on regardless (see ``StoreAllowance/settle(otherwise:logger:_:)``).
    func settleInStore<Value: Sendable>(
        otherwise failure: ServiceError = .outcomeNotRecordedInTime,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await self.storeAllowance.settle(otherwise: failure, logger: self.logger, operation)
    }
}
