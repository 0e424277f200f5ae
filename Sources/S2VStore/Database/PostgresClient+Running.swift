import PostgresNIO

extension PostgresClient {
    /// Runs the client for the duration of `body`: queries may start as soon as `body` does, since the client's
    /// run loop has started by then.
    public func whileRunning<Result: Sendable>(_ body: @Sendable (PostgresClient) async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (started, signal) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                signal.finish()
                await self.run()
            }
            for await _ in started {}
            defer { group.cancelAll() }
            return try await body(self)
        }
    }
}
