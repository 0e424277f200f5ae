import Logging

extension StoreClient {
    /// Runs the client for the duration of `body`, then stops it (see ``run()``).
    public func whileRunning<Result: Sendable>(
        _ body: @Sendable (StoreClient) async throws -> Result
    ) async throws -> Result {
        let running = await self.startRunning()
        do {
            let result = try await body(self)
            running.cancel()
            await running.value
            return result
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }

    /// Runs the client until `stop` returns, then stops it (see ``run()``).
    public func run(until stop: @Sendable () async -> Void) async {
        let running = await self.startRunning()
        await stop()
        running.cancel()
        await running.value
    }

    /// Starts ``run()`` and returns once its pool runs, so that queries made next do not find it idle.
    private func startRunning() async -> Task<Void, Never> {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            await self.run(onStarted: { signal.finish() })
            signal.finish()
        }
        for await _ in started {}
        return running
    }
}
