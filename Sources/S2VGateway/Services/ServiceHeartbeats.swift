import Foundation
import S2VCore
import Synchronization

/// When each background service last finished a round successfully, for `/ready` and the metrics.
///
/// A service is stuck when it has had no successful round for longer than its bound: its round deadline, plus
/// its pause between rounds, plus the longest retry backoff. A healthy service, whatever its load, never goes
/// that long; a service whose rounds keep failing or hanging does, and `/ready` then answers 503 so that an
/// orchestrator replaces the instance.
final class ServiceHeartbeats: Sendable {
    /// One service's liveness, as `/ready` shows it.
    struct Report: Sendable, Encodable, Equatable {
        /// `ok`, or `stuck`: no successful round for longer than `bound_seconds`.
        var state: String
        /// When the last round succeeded (ISO 8601, UTC); null before the first.
        var lastSuccess: String?
        /// Seconds since the last successful round, or since the service started if none yet.
        var secondsWithoutSuccess: Double
        var boundSeconds: Double
        /// Rounds failed or cancelled at their deadline since the last success.
        var failuresSinceSuccess: Int

        var isStuck: Bool { self.state == "stuck" }

        enum CodingKeys: String, CodingKey {
            case state
            case lastSuccess = "last_success"
            case secondsWithoutSuccess = "seconds_without_success"
            case boundSeconds = "bound_seconds"
            case failuresSinceSuccess = "failures_since_success"
        }
    }

    private struct Heartbeat {
        var bound: Duration
        /// The last success, or the service's start.
        var since: ContinuousClock.Instant
        var lastSuccess: Date?
        var failuresSinceSuccess = 0
    }

    private let heartbeats = Mutex<[BackgroundService: Heartbeat]>([:])
    private let metrics: GatewayMetrics

    init(metrics: GatewayMetrics) {
        self.metrics = metrics
    }

    /// A service's loop started (its schema is current): its bound runs from now.
    func started(_ service: BackgroundService, bound: Duration) {
        self.heartbeats.withLock { $0[service] = Heartbeat(bound: bound, since: .now) }
    }

    func succeeded(_ service: BackgroundService) {
        let now = Date()
        self.heartbeats.withLock { heartbeats in
            heartbeats[service]?.since = .now
            heartbeats[service]?.lastSuccess = now
            heartbeats[service]?.failuresSinceSuccess = 0
        }
        self.metrics.recordRoundSuccess(service, at: now)
    }

    func failed(_ service: BackgroundService, cause: RoundFailureCause) {
        self.heartbeats.withLock { $0[service]?.failuresSinceSuccess += 1 }
        self.metrics.recordRoundFailure(service, cause: cause)
    }

    /// Every started service's liveness, by name.
    func reports(now: ContinuousClock.Instant = .now) -> [String: Report] {
        let heartbeats = self.heartbeats.withLock { $0 }
        var reports: [String: Report] = [:]
        for (service, heartbeat) in heartbeats {
            let without = now - heartbeat.since
            reports[service.rawValue] = Report(
                state: without > heartbeat.bound ? "stuck" : "ok",
                lastSuccess: heartbeat.lastSuccess.map { $0.formatted(.iso8601) },
                secondsWithoutSuccess: without.timeInterval,
                boundSeconds: heartbeat.bound.timeInterval,
                failuresSinceSuccess: heartbeat.failuresSinceSuccess
            )
        }
        return reports
    }
}

/// Why a round did not succeed: the `cause` label of `s2v_background_round_failures_total`.
enum RoundFailureCause: String, Sendable {
    /// It threw.
    case error
    /// It ran past its deadline and was cancelled.
    case deadline
}
