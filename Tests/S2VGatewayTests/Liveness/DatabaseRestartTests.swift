import DashScopeSimulator
import Foundation
import NIOHTTP1
import S2VGateway
import S2VStore
import S2VTestSupport
import Synchronization
import Testing

/// PostgreSQL crashes and comes back while clients keep submitting: dispatch resumes every time, every task
/// settles, metered equals billed, and `/ready` says 503 only while something is really wrong.
@Suite struct DatabaseRestartTests {
    static let restarts = 5
    /// How long each crash keeps PostgreSQL down.
    static let downtime: Duration = .seconds(4)
    /// After PostgreSQL is back, how long the gateway may take to reconnect before `/ready` must say 200 again.
    static let settling: Duration = .seconds(15)
    /// How long everything stays up, past the settling time, before the next crash.
    static let healthyPhase: Duration = .seconds(5)

    // Timing: `/ready` must be 200 again within the settling time.
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing))
    func dispatchResumesAfterEveryImmediateRestartUnderLoad() async throws {
        let cluster = try await FreezableCluster.start()
        let harness = try await GatewayHarness.start(
            gateway: {
                // Shorter than the 4 s outage, so that a check started while PostgreSQL is down answers 503
                // before it is back; four times the product's 0.5 s, so that a starved machine does not read as
                // an outage.
                $0.readinessDeadline = .seconds(2)
                // Submissions while PostgreSQL is down get their 503 soon, and the load goes on.
                $0.storeDeadline = .seconds(3)
                // A round caught on a connection the crash closed (PostgresNIO then never answers; see
                // StoreClient) is cancelled at its deadline and retried. The product's 120 s is as long as this
                // test waits for dispatch to resume, so a round stuck once would fail it; 30 s shows the
                // recovery with room to spare. It stays above the dispatch round's floor (twice the upstream
                // timeout plus the slot wait).
                $0.roundDeadline = .seconds(30)
            },
            database: cluster.database
        )
        let key = try await harness.makeTeamKey()
        let timeline = ReadinessTimeline()
        let stop = StopFlag()

        // Steady load: a submission every 400 ms, whatever the answers (503 while PostgreSQL is down is right).
        let load = Task {
            var answers: [Int: Int] = [:]
            while !stop.isRaised {
                let status = (try? await harness.submit(key: key, seconds: "3.37").status) ?? 0
                answers[status, default: 0] += 1
                try? await Task.sleep(for: .milliseconds(400))
            }
            return answers
        }
        // `/ready`, sampled throughout.
        let sampler = Task {
            while !stop.isRaised {
                let started = ContinuousClock.now
                let status = (try? await harness.send(.GET, "/ready", key: nil).status) ?? 0
                timeline.sample(ReadinessTimeline.Sample(started: started, ended: .now, status: status))
                try? await Task.sleep(for: .milliseconds(250))
            }
        }

        do {
            try await Self.waitForDispatch("before the first crash", harness: harness)
            try await Task.sleep(for: Self.healthyPhase)
            for restart in 1...Self.restarts {
                timeline.outageBegins()
                try await cluster.stopImmediately()
                try await Task.sleep(for: Self.downtime)
                try await cluster.restart()
                let back = ContinuousClock.now
                timeline.outageEnds()
                // Dispatch resumes: submissions reach the simulator again.
                try await Self.waitForDispatch("after restart \(restart)", harness: harness)
                try await Task.sleep(until: back + Self.settling + Self.healthyPhase)
            }
        } catch {
            stop.raise()
            _ = await (load.value, sampler.value)
            await harness.stop(dropDatabase: false)
            await cluster.remove()
            throw error
        }
        stop.raise()
        let answers = await load.value
        await sampler.value

        try await harness.waitUntilAllSettled(timeout: .seconds(300))
        #expect(answers[200] ?? 0 >= 20, "submissions accepted: \(answers)")
        let tasks = try #require(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self))
        #expect(tasks >= answers[200] ?? 0, "a task for every accepted submission: \(answers)")

        let bill = await harness.simulator.simulator.bill()
        let metered = try #require(
            try await harness.scalar(
                "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE kind = 'capture'",
                as: Decimal.self
            )
        )
        #expect(metered == bill.total.amount, "metered \(metered), upstream billed \(bill.total.amount)")
        #expect(bill.total.amount > 0)
        let settlements = try await harness.scalar(
            "SELECT count(*) FROM ledger_entries WHERE kind IN ('capture', 'release')",
            as: Int.self
        )
        #expect(settlements == tasks, "every task settled exactly once")
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0, "no hold left")

        // `/ready`: 200 whenever PostgreSQL was up and settled, and it did notice the outages.
        let verdict = timeline.verdict(settling: Self.settling)
        #expect(verdict.falseAlarms.isEmpty, "503 while everything was up: \(verdict.falseAlarms)")
        #expect(
            verdict.healthySamples >= 5 * Self.restarts,
            "samples taken while everything was up: \(verdict.healthySamples)"
        )
        #expect(verdict.outagesNoticed >= 1, "no outage was seen as 503")

        await harness.stop(dropDatabase: false)
        await cluster.remove()
    }

    /// Waits until a few more submissions reach the simulator.
    static func waitForDispatch(_ when: String, harness: GatewayHarness) async throws {
        let before = await Self.submissionsSeen(by: harness)
        try await Self.waitUntil("dispatch running \(when)", within: .seconds(120)) {
            await Self.submissionsSeen(by: harness) >= before + 3
        }
    }

    /// Every generation submission the simulator received, accepted or not.
    static func submissionsSeen(by harness: GatewayHarness) async -> Int {
        await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +)
    }

    static func waitUntil(_ what: String, within limit: Duration, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out: \(what)")
        throw CancellationError()
    }
}

/// Tells the test's background loops to end.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    var isRaised: Bool { self.raised.load(ordering: .relaxed) }
    func raise() { self.raised.store(true, ordering: .relaxed) }
}

/// `/ready` samples and outages on one clock, to tell a false alarm from a real one.
final class ReadinessTimeline: Sendable {
    struct Sample: Sendable, CustomStringConvertible {
        var started: ContinuousClock.Instant
        var ended: ContinuousClock.Instant
        var status: Int

        var description: String { "\(self.status) at \(self.started)" }
    }

    struct Verdict {
        /// 503s (or no answer) asked and answered while PostgreSQL had been up for the settling time.
        var falseAlarms: [Sample]
        var healthySamples: Int
        /// Outages during which some sample answered 503.
        var outagesNoticed: Int
    }

    private struct State {
        var samples: [Sample] = []
        /// Each outage: from the crash to PostgreSQL being back.
        var outages: [(begin: ContinuousClock.Instant, end: ContinuousClock.Instant?)] = []
    }

    private let state = Mutex(State())

    func sample(_ sample: Sample) { self.state.withLock { $0.samples.append(sample) } }
    func outageBegins() { self.state.withLock { $0.outages.append((.now, nil)) } }
    func outageEnds() { self.state.withLock { $0.outages[$0.outages.count - 1].end = .now } }

    func verdict(settling: Duration) -> Verdict {
        let state = self.state.withLock { $0 }
        var verdict = Verdict(falseAlarms: [], healthySamples: 0, outagesNoticed: 0)
        for sample in state.samples {
            // Troubled: the sample overlaps an outage or the settling time after it.
            let troubled = state.outages.contains { outage in
                sample.ended >= outage.begin && sample.started <= (outage.end ?? .now) + settling
            }
            guard !troubled else { continue }
            verdict.healthySamples += 1
            if sample.status != 200 { verdict.falseAlarms.append(sample) }
        }
        verdict.outagesNoticed =
            state.outages.filter { outage in
                state.samples.contains {
                    $0.status == 503 && $0.started >= outage.begin && $0.ended <= outage.end ?? .now
                }
            }.count
        return verdict
    }
}
