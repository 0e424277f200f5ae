import Foundation
import Logging
import UnixSignals

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps `serve`'s promise about stopping: once SIGTERM or SIGINT arrives, the process is gone within the
/// shutdown grace plus ``overrunAllowance``, whatever is still in flight.
///
/// The service group escalates a graceful shutdown to cancellation after the grace, and the database client
/// gets `StoreClient.shutdownGrace` to close. Work that ignores cancellation (a query waiting on a
/// hung database, a connection that never closes, a cluster that will not stop) could still keep the process
/// alive for minutes. So one second after the grace the serving work is cancelled as a whole, and if even that
/// has not ended it two seconds later, the process logs what it abandons and exits. Nothing is lost by it: a
/// submission cut off this way is an intent without an outcome, resolved from the upstream's task list at the
/// next start, exactly as after a crash.
struct BoundedStop {
    /// After the grace: how long until the serving work is cancelled as a whole.
    static let cancelAfterGrace: Duration = .seconds(1)
    /// After that cancellation: how long until the process exits, with whatever still runs abandoned.
    static let exitAfterCancel: Duration = .seconds(2)
    /// The most a stop may take beyond the grace.
    static var overrunAllowance: Duration { Self.cancelAfterGrace + Self.exitAfterCancel }
    /// The exit status when work had to be abandoned (a clean stop exits 0).
    static let abandonedStatus: Int32 = 1

    let grace: Duration
    let signals: [UnixSignal]
    let logger: Logger

    init(grace: Duration, signals: [UnixSignal] = [.sigterm, .sigint], logger: Logger) {
        self.grace = grace
        self.signals = signals
        self.logger = logger
    }

    /// Runs `work` (serving, then closing the database) and returns when it ends. After a stop signal, it
    /// ends within the grace plus ``overrunAllowance``, or the process does.
    func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
        // Listen before the work starts, so that no signal comes between the two.
        let signals = await UnixSignalsSequence(trapping: self.signals)
        let serving = Task { try await work() }
        let watchdog = Task { [self] in
            for await signal in signals {
                await self.enforce(on: serving, stopSignal: signal)
                return
            }
        }
        defer { watchdog.cancel() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            serving.cancel()
        }
    }

    /// Waits out the grace and the allowance; returns early (cancelled) once the work has ended.
    private func enforce(on serving: Task<Void, any Error>, stopSignal: UnixSignal) async {
        do {
            try await Task.sleep(for: self.grace + Self.cancelAfterGrace)
        } catch {
            return
        }
        self.logger.warning(
            "still stopping after the shutdown grace; cancelling the rest",
            metadata: ["signal": "\(stopSignal)", "grace": "\(self.grace)"]
        )
        serving.cancel()
        do {
            try await Task.sleep(for: Self.exitAfterCancel)
        } catch {
            return
        }
        self.logger.error(
            "work did not end after cancellation; exiting with it abandoned (a submission cut off is resolved at the next start)",
            metadata: [
                "signal": "\(stopSignal)", "grace": "\(self.grace)",
                "overrun": "\(Self.overrunAllowance)",
            ]
        )
        exit(Self.abandonedStatus)
    }
}
