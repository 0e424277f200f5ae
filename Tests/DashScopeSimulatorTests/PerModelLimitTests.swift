import DashScopeSimulator
import Foundation
import Testing

/// Upstream's limits are per model per account: each model has its own submission window and runs one task at a
/// time, so tasks of different models run side by side on one account.
@Suite("Limits per model")
struct PerModelLimitTests {
    @Test("tasks of different models run side by side on one account, each model one at a time in FIFO order")
    func modelsOverlap() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            let wan = [try await api.synthesize().taskID(), try await api.synthesize().taskID()]
            let emo = [try await api.emo().taskID(), try await api.emo().taskID(), try await api.emo().taskID()]
            let livePortrait = try await api.livePortrait().taskID()
            let videoRetalk = try await api.videoRetalk().taskID()
            #expect(try await api.task(wan[0]).taskStatus() == "RUNNING")
            #expect(try await api.task(wan[1]).taskStatus() == "PENDING")
            #expect(try await api.task(emo[0]).taskStatus() == "RUNNING")
            #expect(try await api.task(emo[1]).taskStatus() == "PENDING")
            #expect(try await api.task(livePortrait).taskStatus() == "RUNNING")
            #expect(try await api.task(videoRetalk).taskStatus() == "RUNNING")

            // A PENDING family task can be cancelled; its model's queue skips it.
            #expect(try await api.cancel(emo[1]).status == 200)

            clock.advance(by: 60)
            let firstEMO = try await api.task(emo[0]).output()
            let thirdEMO = try await api.task(emo[2]).output()
            #expect(firstEMO["task_status"] as? String == "SUCCEEDED")
            #expect(thirdEMO["task_status"] as? String == "RUNNING")
            #expect(thirdEMO["scheduled_time"] as? String == firstEMO["end_time"] as? String)
            #expect(try await api.task(wan[1]).taskStatus() == "RUNNING")
            #expect(try await api.task(emo[1]).taskStatus() == "CANCELED")

            let stats = try #require(await sim.simulator.stats().accounts[SimulatorHarness.key])
            #expect(stats.maxRunningTasks == 4, "one task of each of the four video models")
            #expect(stats.maxUnfinishedTasks == 7)
            #expect(stats.maxUnfinishedTasksByModel == [.synthesis: 2, .emo: 3, .livePortrait: 1, .videoRetalk: 1])
        }
    }

    @Test("a task that ends as another model's starts never counts as running beside it")
    func finishBeforeStart() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(generationTime: .seconds(10), schedulingDelay: .seconds(10))
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            // emo-v1 is declared after wan2.2-s2v, so only the finish-first rule orders these two events.
            _ = try await api.emo().taskID()
            clock.advance(by: 10)
            // The emo-v1 task runs from +10 s to +20 s; this one waits until +20 s to start.
            let wan = try await api.synthesize().taskID()
            clock.advance(by: 30)
            #expect(try await api.task(wan).taskStatus() == "SUCCEEDED")
            #expect(await sim.simulator.stats().total.maxRunningTasks == 1)
        }
    }

    @Test("each model has its own submission window: five of each in one second, the sixth of a model gets 429")
    func windowsPerModel() async throws {
        let clock = ManualClock()
        try await withSimulator(RateLimitTests.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<5 {
                #expect(try await api.synthesize().status == 200)
                #expect(try await api.emo().status == 200)
                #expect(try await api.livePortrait().status == 200)
                #expect(try await api.emoDetect().status == 200)
                #expect(try await api.detect().status == 200)
            }
            try await api.emo().expectError(status: 429, code: "Throttling.RateQuota", message: RateLimitTests.message)
            try await api.emoDetect().expectError(status: 429, code: "Throttling.RateQuota")
            #expect(try await api.detect(model: "liveportrait-detect").status == 200)
            #expect(try await sim.api(key: SimulatorHarness.otherKey).emo().status == 200)
            clock.advance(by: 1)
            #expect(try await api.emo().status == 200)

            let stats = try #require(await sim.simulator.stats().accounts[SimulatorHarness.key])
            #expect(stats.acceptedSubmissions[.emo] == 6)
            #expect(stats.acceptedSubmissions[.synthesis] == 5)
            #expect(stats.maxAcceptedSubmissionsPerSecond[.emo] == 5)
            #expect(stats.maxSubmissionAttemptsPerSecond[.emo] == 6)
            #expect(stats.throttled[.videoSynthesis] == 1)
            #expect(stats.throttled[.faceDetect] == 1)
        }
    }

    @Test("videoretalk's documented limit is 1 submission per second, and a model's limit is configurable")
    func modelLimits() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorConfiguration(apiKeys: [SimulatorHarness.key]), clock: clock) { sim throws in
            let api = sim.api()
            #expect(try await api.videoRetalk().status == 200)
            try await api.videoRetalk().expectError(status: 429, code: "Throttling.RateQuota")
            #expect(try await api.emo().status == 200)
            clock.advance(by: 1)
            #expect(try await api.videoRetalk().status == 200)
        }
        let configuration = SimulatorHarness.configuration(
            submissionsPerSecond: 5,
            submissionsPerSecondByModel: [.emo: 2]
        )
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            #expect(try await api.emo().status == 200)
            #expect(try await api.emo().status == 200)
            #expect(try await api.emo().status == 429)
            for _ in 0..<5 {
                #expect(try await api.videoRetalk().status == 200)
            }
        }
    }
}
