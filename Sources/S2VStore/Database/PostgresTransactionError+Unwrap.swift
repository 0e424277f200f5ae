import PostgresNIO

extension PostgresTransactionError {
    /// The error that made the transaction fail: the closure's own error first, else begin or commit.
    public var underlying: any Error {
        self.closureError ?? self.beginError ?? self.commitError ?? self
    }
}

extension StoreClient {
    /// A transaction that rethrows the closure's own error (a domain error, say) as it is: the store's
    /// ``withTransaction(logger:file:line:isolation:_:)`` does, unlike PostgresNIO's, which wraps it.
    public func withUnwrappedTransaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await self.withTransaction(logger: logger, isolation: isolation, body)
    }
}
