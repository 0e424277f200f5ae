import DashScopeSimulator
import Foundation
import Testing

@Suite("Family tasks in GET /tasks, and their faults")
struct FamilyTaskTests {
    @Test("model_name filters by each task's model, and epoch-milliseconds entries name it")
    func listByModel() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            _ = try await api.synthesize().taskID()
            let emo = try await api.emo().taskID()
            let retalk = try await api.videoRetalk().taskID()
            #expect(try await api.list().json()["total"] as? Int == 3)
            #expect(try await api.list("?model_name=wan2.2-s2v").json()["total"] as? Int == 1)
            let emoPage = try await api.list("?model_name=emo-v1").json()
            #expect((emoPage["data"] as? [[String: Any]])?.compactMap { $0["task_id"] as? String } == [emo])

            sim.simulator.setTaskListAnswer(.epochMilliseconds, forKey: SimulatorHarness.key)
            let entries = try #require(try await api.list().json()["data"] as? [[String: Any]])
            #expect(entries.first?["task_id"] as? String == retalk)
            #expect(entries.compactMap { $0["model_name"] as? String } == ["videoretalk", "emo-v1", "wan2.2-s2v"])
        }
    }

    @Test("sim_fail markers work on the family's models")
    func faultMarkers() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(5)), clock: clock) {
            sim throws in
            let api = sim.api()
            try await api.detect(image: "https://e.com/a.jpg?sim_fail=throttle", model: "liveportrait-detect")
                .expectError(status: 429, code: "Throttling.RateQuota")
            try await api.emoDetect(image: "https://e.com/a.jpg?sim_fail=error").expectError(
                status: 500,
                code: "InternalError"
            )
            let failed = try await api.livePortrait(audio: "https://e.com/a.mp3?sim_fail=task_failed").taskID()
            let malformed = try await api.videoRetalk(video: "https://e.com/a.mp4?sim_fail=malformed")
            #expect(malformed.status == 200)
            #expect(throws: (any Error).self) { try malformed.json() }
            clock.advance(by: 10)
            let output = try await api.task(failed).output()
            #expect(output["task_status"] as? String == "FAILED")
            #expect(output["code"] as? String == "InternalError.Algo")

            let stats = await sim.simulator.stats().total
            #expect(stats.injectedFaults[.throttle] == 1)
            #expect(stats.injectedFaults[.taskFailed] == 1)
            #expect(stats.throttled[.faceDetect] == 1)
            // The malformed answer's task ran and was billed.
            #expect(await sim.simulator.bill().total.lines[.videoRetalk]?.count == 1)
        }
    }
}
