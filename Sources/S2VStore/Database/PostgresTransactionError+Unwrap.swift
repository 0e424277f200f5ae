import PostgresNIO

extension PostgresTransactionError {
    /// The error that made the transaction fail: the closure's own error first, else begin or commit.
    public var underlying: any Error {
        self.closureError ?? self.beginError ?? self.commitError ?? self
    }
}

extension StoreClient {
    /// `withTransaction`, rethrowing the closure's own error (a domain error, say) instead of the wrapper.
    public func withUnwrappedTransaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await self.withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            throw error.underlying
        }
    }
}
