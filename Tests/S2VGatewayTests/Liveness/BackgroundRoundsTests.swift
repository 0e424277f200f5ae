import Logging
import Prometheus
import Synchronization
import Testing

@testable import S2VGateway

/// The loop every background service runs: a failing round is retried with backoff, never in a spin; a hung
/// round is cancelled at its deadline, and no new round starts until it has ended.
@Suite struct BackgroundRoundsTests {
    @Test func aFailingRoundIsRetriedWithBackoffNotInASpin() async throws {
        let fixture = Fixture(deadline: .seconds(5))
        let attempts = Mutex<[ContinuousClock.Instant]>([])
        let loop = fixture.start { () async throws -> Bool in
            attempts.withLock { $0.append(.now) }
            throw Failure()
        }
        // Retries after 0.25 s, 0.5 s, 1 s: the gaps between attempts are at least those, however loaded the
        // machine (a slow machine only makes them longer). A spin would make them near zero.
        try await Self.waitUntil { attempts.withLock { $0.count } >= 4 }
        let times = attempts.withLock { $0 }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.count >= 3, "\(gaps)")
        for (gap, backoff) in zip(gaps, [Duration.milliseconds(250), .milliseconds(500), .seconds(1)]) {
            #expect(gap >= backoff, "gaps between attempts: \(gaps)")
        }
        loop.cancel()
        _ = await loop.result
        // Every failure was counted, and no round succeeded.
        let made = attempts.withLock { $0.count }
        let report = try #require(fixture.heartbeats.reports()["poll"])
        #expect(report.lastSuccess == nil && (made - 1...made).contains(report.failuresSinceSuccess))
        let counted = fixture.sample("s2v_background_round_failures_total", ["cause": "error", "service": "poll"]) ?? 0
        #expect(counted >= Double(made - 1) && counted <= Double(made))
    }

    @Test func aHungRoundIsCancelledAtItsDeadlineAndNoOtherStartsUntilItEnds() async throws {
        let fixture = Fixture(deadline: .milliseconds(300))
        let hang = Hang()
        let started = Atomic<Int>(0)
        let loop = fixture.start { () async throws -> Bool in
            // The first round ignores cancellation, as a query sent to a hung server does.
            if started.add(1, ordering: .relaxed).newValue == 1 { await hang.wait() }
            return false
        }
        // The round is marked left running and its failure counted one after the other; wait for both.
        try await Self.waitUntil {
            fixture.sample("s2v_background_rounds_left_running", ["service": "poll"]) == 1
                && fixture.sample("s2v_background_round_failures_total", ["cause": "deadline", "service": "poll"])
                    != nil
        }
        #expect(fixture.sample("s2v_background_round_failures_total", ["cause": "deadline", "service": "poll"]) == 1)
        // Well past the deadline and the first retry: still no second round while the first runs.
        try await Task.sleep(for: .seconds(1))
        #expect(started.load(ordering: .relaxed) == 1)
        #expect(fixture.heartbeats.reports()["poll"]?.lastSuccess == nil)

        hang.release()
        try await Self.waitUntil { fixture.heartbeats.reports()["poll"]?.lastSuccess != nil }
        #expect(started.load(ordering: .relaxed) >= 2)
        #expect(fixture.sample("s2v_background_rounds_left_running", ["service": "poll"]) == 0)
        #expect(fixture.heartbeats.reports()["poll"]?.failuresSinceSuccess == 0)
        #expect(fixture.sample("s2v_background_last_success_timestamp_seconds", ["service": "poll"]) ?? 0 > 0)
        loop.cancel()
        _ = await loop.result
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 60 s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct Failure: Error {}

    /// A poll loop with the given deadline, on a registry of its own.
    struct Fixture {
        let registry = PrometheusCollectorRegistry()
        let heartbeats: ServiceHeartbeats
        let rounds: BackgroundRounds

        init(deadline: Duration) {
            let metrics = GatewayMetrics(registry: self.registry)
            self.heartbeats = ServiceHeartbeats(metrics: metrics)
            var configuration = GatewayConfiguration(
                upstreamBaseURL: "http://127.0.0.1:9/api/v1",
                upstreamAPIKey: nil,
                upstreamTimeout: .milliseconds(100),
                pollInterval: .milliseconds(50)
            )
            configuration.roundDeadline = deadline
            let startup = StartupGate()
            startup.open()
            self.rounds = BackgroundRounds(
                .poll,
                configuration: configuration,
                startup: startup,
                heartbeats: self.heartbeats,
                metrics: metrics,
                logger: Logger(label: "test")
            )
        }

        func start(_ round: @escaping @Sendable () async throws -> Bool) -> Task<Void, any Error> {
            let rounds = self.rounds
            return Task { try await rounds.run(pause: .milliseconds(50), round: round) }
        }

        /// The value of one sample of the registry, if it has it.
        func sample(_ name: String, _ labels: [String: String]) -> Double? {
            var buffer: [UInt8] = []
            self.registry.emit(into: &buffer)
            let exposition = try? PrometheusExposition(parsing: String(decoding: buffer, as: UTF8.self))
            return exposition?.samples.first { $0.name == name && $0.labels == labels }?.double
        }
    }

    /// Holds a round until released, deaf to cancellation.
    final class Hang: Sendable {
        private let state = Mutex<(released: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        func wait() async {
            await withCheckedContinuation { continuation in
                let now = self.state.withLock { state -> Bool in
                    if state.released { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }

        func release() {
            let waiters = self.state.withLock { state in
                state.released = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}
