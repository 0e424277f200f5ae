import Logging
import ServiceLifecycle

/// The loop every background service runs: wait until the schema is current, then run rounds until graceful
/// shutdown. A failed round is logged and the next one comes after the pause, so one error never stops a
/// service.
enum BackgroundRounds {
    /// - Parameters:
    ///   - name: what a round does, for the log (`"dispatch"` logs "dispatch round failed").
    ///   - pause: the wait between rounds.
    ///   - round: one round; returns true when more work is already waiting, to run again without a pause.
    static func run(
        _ name: String, startup: StartupGate, logger: Logger, pause: () async -> Void, round: () async throws -> Bool
    ) async throws {
        try await startup.wait()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                if try await round() { continue }
            } catch {
                logger.error("\(name) round failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            await pause()
        }
    }
}
