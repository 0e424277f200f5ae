import DashScopeSimulator
import Foundation
import Logging
import S2VGateway
import S2VTestSupport
import Testing

/// Pacing across an upstream outage: calls to an unreachable upstream fail fast and never pile up in the HTTP
/// client, so when the upstream returns, the calls that queued for it leave in their own slots, inside the
/// account's rate, and the strict upstream refuses none of them.
@Suite struct UpstreamOutageTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing))
    func queuedDetectsStayInsideTheAccountsRateWhenTheUpstreamReturns() async throws {
        let harness = try await GatewayHarness.start(gateway: {
            $0.detectSlotWait = .seconds(20)
            $0.upstreamConnectTimeout = .seconds(1)
        })
        let key = try await harness.makeTeamKey("outage")
        #expect(try await harness.detect(key: key).status == 200)
        let port = harness.simulator.port
        await harness.simulator.stop()

        // An unreachable upstream: the call fails at once as not sent, with a 503 and no charge, instead of
        // waiting inside the HTTP client for the upstream timeout (10 s here).
        let started = ContinuousClock.now
        let unreachable = try await harness.detect(key: key)
        let took = ContinuousClock.now - started
        #expect(unreachable.status == 503, "\(unreachable.text)")
        #expect(took < .seconds(4), "a call to an unreachable upstream took \(took)")

        // Twelve clients keep calling through a 30 s outage, and keep calling until each got its check done.
        let outage = Duration.seconds(30)
        let outageEnds = ContinuousClock.now + outage
        let restarted = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<12 {
                group.addTask {
                    var statuses: [Int] = []
                    while true {
                        let reply = try await harness.detect(key: key)
                        statuses.append(reply.status)
                        if reply.status == 200 { return statuses }
                        // During the outage: 503 (upstream unreachable) or 429 (no slot within the wait).
                        #expect([503, 429].contains(reply.status), "\(reply.status): \(reply.text)")
                        try await Task.sleep(for: .milliseconds(300))
                    }
                }
            }
            try await Task.sleep(until: outageEnds, clock: .continuous)
            let restarted = try await RunningSimulator.serve(
                harness.simulator.simulator,
                port: port,
                logger: Logger(label: "test.simulator")
            )
            var all: [[Int]] = []
            for try await statuses in group { all.append(statuses) }
            #expect(all.count == 12 && all.allSatisfy { $0.last == 200 })
            return restarted
        }
        let stats = await harness.simulator.simulator.stats().total
        #expect(stats.maxSubmissionAttemptsPerSecond[.detect] ?? 99 <= 5, "\(stats.maxSubmissionAttemptsPerSecond)")
        #expect(stats.throttled.values.reduce(0, +) == 0, "\(stats.throttled)")
        #expect(stats.acceptedSubmissions[.detect] == 13)
        // Only the calls that ran were charged: the warm-up and the twelve.
        #expect(
            try await harness.scalar(
                "SELECT count(*)::int FROM ledger_entries WHERE kind = 'capture' AND amount > 0",
                as: Int.self
            ) == 13
        )
        #expect(
            try await harness.scalar(
                "SELECT count(*)::int FROM upstream_calls WHERE kind = 'detect' AND state = 'succeeded'",
                as: Int.self
            ) == 13
        )
        await restarted.stop()
        await harness.stop()
    }
}
