import Logging
import ServiceLifecycle

/// The loop every background service runs: wait until the schema is current, then run rounds until graceful
/// shutdown. No service can die or hang silently:
///
/// - each round runs under its service's deadline (``BackgroundService/deadline(_:)``); a round past it is
///   cancelled, logged, and the loop stops waiting for it (``RoundDeadline``). The next round starts once that
///   one has ended, or once it is deemed lost, `lostAfter` deadlines later (``LeftRunningRound``);
/// - a round that fails or runs past its deadline is logged and retried after a backoff (0.25 s doubling to
///   10 s, back to 0.25 s after a success), so one error never stops a service and a lasting one never spins;
/// - each successful round is a heartbeat (``ServiceHeartbeats``): `/ready` answers 503, and the
///   `s2v_background_last_success_timestamp_seconds` metric shows it, when a service has had none for longer
///   than its bound.
struct BackgroundRounds: Sendable {
    static let firstRetry: Duration = .milliseconds(250)
    static let longestRetry: Duration = .seconds(10)
    /// A round left running past its deadline is deemed lost after this many more deadlines.
    static let lostAfter = 5

    let service: BackgroundService
    let deadline: Duration
    let startup: StartupGate
    let heartbeats: ServiceHeartbeats
    let metrics: GatewayMetrics
    let logger: Logger

    init(
        _ service: BackgroundService,
        configuration: GatewayConfiguration,
        startup: StartupGate,
        heartbeats: ServiceHeartbeats,
        metrics: GatewayMetrics,
        logger: Logger
    ) {
        self.service = service
        self.deadline = service.deadline(configuration)
        self.startup = startup
        self.heartbeats = heartbeats
        self.metrics = metrics
        self.logger = logger
    }

    /// - Parameters:
    ///   - pause: the wait between two rounds.
    ///   - wake: ends the pause early (new work was queued).
    ///   - round: one round; returns true when more work is already waiting, to run again without a pause.
    func run(pause: Duration, wake: WakeSignal? = nil, round: @escaping @Sendable () async throws -> Bool) async throws
    {
        try await self.startup.wait()
        // The longest a healthy service goes without a success: a round cut at its deadline, a pause, the
        // longest retry wait.
        self.heartbeats.started(self.service, bound: self.deadline + pause + Self.longestRetry)
        var backoff = RetryBackoff(initial: Self.firstRetry, maximum: Self.longestRetry)
        let leftRunning = LeftRunningRound()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if leftRunning.leftFor != nil {
                await self.waitForEnd(of: leftRunning)
                continue
            }
            let moreWaiting: Bool
            do {
                moreWaiting = try await self.runOne(round, leaving: leftRunning)
            } catch {
                // Cancelled while waiting for the round: the service is being stopped, not failing.
                if Task.isCancelled { return }
                let retry = backoff.failed()
                self.record(error, retryIn: retry)
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: retry) }
                continue
            }
            self.heartbeats.succeeded(self.service)
            backoff.reset()
            if moreWaiting { continue }
            if let wake { await wake.wait(timeout: pause) } else { try? await Task.sleep(for: pause) }
        }
    }

    private func runOne(
        _ round: @escaping @Sendable () async throws -> Bool,
        leaving leftRunning: LeftRunningRound
    )
        async throws -> Bool
    {
        let (service, metrics, logger) = (self.service, self.metrics, self.logger)
        return try await RoundDeadline.run(
            within: self.deadline,
            whenLeftRunning: { running in
                metrics.recordRoundLeftRunning(service, by: 1)
                leftRunning.track(running) { after in
                    metrics.recordRoundLeftRunning(service, by: -1)
                    logger.notice(
                        "\(service.rawValue) round left running past its deadline has ended",
                        metadata: ["service": "\(service.rawValue)", "ended_after": "\(after)"]
                    )
                }
            },
            round
        )
    }

    /// Starts no round while the last one, left running past its deadline, still runs (hung on the same server
    /// as the next would be), until it is deemed lost. The heartbeat goes stale meanwhile.
    private func waitForEnd(of leftRunning: LeftRunningRound) async {
        let lostAfter = self.deadline * Self.lostAfter
        self.logger.warning(
            "\(self.service.rawValue) waits for its round left running past its deadline to end",
            metadata: ["service": "\(self.service.rawValue)", "deemed_lost_after": "\(lostAfter)"]
        )
        let ended = await cancelWhenGracefulShutdown { await leftRunning.waitForEnd(lostAfter: lostAfter) }
        if !ended, !Task.isShuttingDownGracefully, !Task.isCancelled {
            self.logger.error(
                "\(self.service.rawValue) round left running past its deadline never ended; deemed lost, rounds resume",
                metadata: ["service": "\(self.service.rawValue)", "left_for": "\(lostAfter)"]
            )
        }
    }

    private func record(_ error: any Error, retryIn retry: Duration) {
        let cause: RoundFailureCause = error is RoundDeadlineExceeded ? .deadline : .error
        self.heartbeats.failed(self.service, cause: cause)
        let metadata: Logger.Metadata = [
            "service": "\(self.service.rawValue)", "error": "\(String(reflecting: error))", "retry_in": "\(retry)",
        ]
        switch cause {
        case .deadline:
            self.logger.error(
                "\(self.service.rawValue) round ran past its deadline; cancelled, and retried",
                metadata: metadata
            )
        case .error:
            self.logger.error("\(self.service.rawValue) round failed; retried", metadata: metadata)
        }
    }
}
