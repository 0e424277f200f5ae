import PostgresNIO

extension PostgresTransactionError {
    /// The error that made the transaction fail: the closure's own error first, else begin or commit.
    public var underlying: any Error {
        self.closureError ?? self.beginError ?? self.commitError ?? self
    }
}
