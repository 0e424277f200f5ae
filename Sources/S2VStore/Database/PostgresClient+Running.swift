import Logging
import PostgresNIO

extension PostgresClient {
    /// How long a client may take to close its connections once told to stop before it is abandoned. Short: a
    /// database that does not answer a close in 3 s will not answer it at all, and `serve` promises to exit
    /// within its shutdown grace plus a few seconds.
    public static let shutdownGrace: Duration = .seconds(3)

    /// Runs the client for the duration of `body`, then stops it (see ``run(until:logger:)``).
    public func whileRunning<Result: Sendable>(
        logger: Logger = Logger(label: "s2v-meter.database"),
        _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let running = await self.startRunning()
        do {
            let result = try await body(self)
            await Self.stop(running, logger: logger)
            return result
        } catch {
            await Self.stop(running, logger: logger)
            throw error
        }
    }

    /// Runs the client until `stop` returns, then stops it, waiting at most ``shutdownGrace`` for its
    /// connections to close.
    ///
    /// PostgresNIO 1.33's pool does not finish shutting down while a connection slot is backing off after failed
    /// attempts (vapor/postgres-nio#599): after the database was unreachable for a while, `run()` can wait
    /// forever. Past the grace period the client is abandoned with a warning, so that a gateway stops when
    /// told to whatever state its pool is in.
    public func run(until stop: @Sendable () async -> Void, logger: Logger) async {
        let running = await self.startRunning()
        await stop()
        await Self.stop(running, logger: logger)
    }

    /// Starts `run()` and returns once it has begun, so that queries made next do not find the client idle.
    private func startRunning() async -> Task<Void, Never> {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            signal.finish()
            await self.run()
        }
        for await _ in started {}
        await Task.yield()
        return running
    }

    private static func stop(_ running: Task<Void, Never>, logger: Logger) async {
        running.cancel()
        guard await TaskDeadline.wait(for: running, atMost: Self.shutdownGrace) else {
            logger.warning("the database client did not close its connections in time; abandoned",
                           metadata: ["grace": "\(Self.shutdownGrace)"])
            return
        }
    }
}
