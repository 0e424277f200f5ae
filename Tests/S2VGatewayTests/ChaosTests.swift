import DashScopeSimulator
import Foundation
import Logging
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// Many tasks of the whole family through every upstream failure the simulator can inject: the gateway's ledger still equals the
/// simulator's bill to the last digit, every task is settled exactly once, and no hold is left behind.
@Suite struct ChaosTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load)) func meteredTotalEqualsTheUpstreamBillUnderFaults()
        async throws
    {
        let faults = FaultInjection(
            seed: 42,
            throttleRate: 0.1,
            internalErrorRate: 0.08,
            timeoutRate: 0.04,
            lostResponseRate: 0.04,
            taskFailureRate: 0.08,
            malformedRate: 0.04,
            timeoutDelay: .milliseconds(1500)
        )
        let simulator = SimulatorConfiguration(
            apiKeys: [GatewayHarness.upstreamKey],
            generationTime: .milliseconds(10),
            submissionsPerSecond: 50,
            // Every model as fast as the rest (videoretalk's documented 1 per second included).
            submissionsPerSecondByModel: [:],
            queriesPerSecond: 200,
            faults: faults
        )
        let harness = try await GatewayHarness.start(
            simulator: simulator,
            gateway: {
                $0.upstreamTimeout = .milliseconds(500)
                $0.notCreatedGrace = .milliseconds(800)
                $0.pollInterval = .milliseconds(100)
                // This test is about metering under faults, not pacing: the account lets everything through at once.
                $0.accountLimits = AccountLimits(submissionsPerSecond: 50, maxInFlight: 1000, queriesPerSecond: 200)
            }
        )
        let teams = [try await harness.makeTeamKeyWithID("chaos-a"), try await harness.makeTeamKeyWithID("chaos-b")]
        let keys = teams.map(\.0)
        // Client limits high enough to refuse nothing, so that their counters are kept through the faults: one
        // set before the run, the other half way through it (counted from a recount while tasks are admitted).
        let roomy = ClientLimits(maxActiveTasks: 10_000, tasksPerDay: 1_000_000)
        try await harness.setLimits(.key(teams[0].1), roomy)
        // LivePortrait ships unpriced; priced here at the simulator's assumed price.
        try await harness.setPrice(model: "liveportrait", unitPrice: "0.00286708")
        var generator = SeededGenerator(seed: 7)
        let requests: [(key: String, body: String)] = (0..<200).map { index in
            // Durations with up to two decimals, some over wan2.2-s2v's 20 s limit (those fail upstream, unbilled).
            let hundredths = Int.random(in: 100...2_300, using: &generator)
            let seconds = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
            let audio = "https://example.com/voice.mp3?duration=\(seconds)"
            let flip = Bool.random(using: &generator)
            // The family, a quarter each: wan2.2-s2v at both resolutions, emo-v1 at both ratios, videoretalk, and
            // liveportrait.
            let body =
                switch index % 4 {
                case 0:
                    #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"\#(audio)"},"parameters":{"resolution":"\#(flip ? "480P" : "720P")"}}"#
                case 1:
                    GatewayHarness.emoBody(
                        extBox: flip ? GatewayHarness.squareBox : GatewayHarness.portraitBox,
                        seconds: seconds
                    )
                case 2:
                    #"{"model":"videoretalk","input":{"video_url":"https://example.com/talk.mp4","audio_url":"\#(audio)"}}"#
                default:
                    #"{"model":"liveportrait","input":{"image_url":"https://example.com/face.jpg","audio_url":"\#(audio)"}}"#
                }
            return (keys[index % 2], body)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    let reply = try await harness.synthesize(key: request.key, body: request.body)
                    #expect(reply.status == 200, "task \(index): \(reply.text)")
                }
                if index % 20 == 19 { try await group.waitForAll() }
                if index == 100 { try await harness.setLimits(.key(teams[1].1), roomy) }
            }
        }
        try await harness.waitUntilAllSettled(timeout: .seconds(300))

        let bill = await harness.simulator.simulator.bill()
        let metered = try #require(
            try await harness.scalar(
                "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE kind = 'capture'",
                as: Decimal.self
            )
        )
        #expect(metered == bill.total.amount, "metered \(metered), upstream billed \(bill.total.amount)")
        let captures = try await harness.scalar(
            "SELECT count(*) FROM ledger_entries WHERE kind = 'capture'",
            as: Int.self
        )
        #expect(captures == bill.total.videoTasks.count)
        let settlements = try await harness.scalar(
            "SELECT count(*) FROM ledger_entries WHERE kind IN ('capture', 'release')",
            as: Int.self
        )
        #expect(settlements == 200, "every task settled exactly once")
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0, "no hold left")
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE needs_review", as: Int.self) == 0)
        // The faults did happen.
        let injected = await harness.simulator.simulator.stats().total.injectedFaults
        #expect(injected.values.reduce(0, +) > 20, "\(injected)")
        // Rollups agree with the ledger, and every model of the family was billed.
        let rolledUp = try await harness.scalar("SELECT sum(cost) FROM usage_daily", as: Decimal.self)
        #expect(rolledUp == metered)
        let billedModels = Set(bill.total.lines.filter { $0.value.count > 0 }.keys.map(\.model))
        #expect(billedModels == [.synthesis, .emo, .videoRetalk, .livePortrait], "\(billedModels)")
        // The client limits' counters equal a recount: `verify` finds no drift, and no task is left active.
        let drift = try await harness.database.withClient { client in
            try await LedgerVerifier(client: client).findDrift(logger: Logger(label: "test"))
        }
        #expect(drift.isEmpty, "\(drift)")
        #expect(try await harness.scalar("SELECT sum(active_tasks) FROM client_limits", as: Int.self) == 0)
        await harness.stop()
    }
}

/// A reproducible random sequence (SplitMix64), so a failing run can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
