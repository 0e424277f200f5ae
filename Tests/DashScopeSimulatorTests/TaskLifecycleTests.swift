import DashScopeSimulator
import Foundation
import Testing

@Suite("Task lifecycle: GET /tasks/{id}")
struct TaskLifecycleTests {
    @Test("PENDING, RUNNING and SUCCEEDED carry the documented fields and UTC+8 timestamps")
    func successfulLifecycle() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(generationTime: .seconds(60), schedulingDelay: .seconds(7))
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            let id = try await api.synthesize(audio: "https://e.com/a.mp3?duration=10.23").taskID()

            let pending = try await api.task(id)
            #expect(pending.status == 200)
            #expect(Set(try pending.json().keys) == ["request_id", "output"])
            #expect(Set(try pending.output().keys) == ["task_id", "task_status", "submit_time"])
            #expect(try pending.output()["task_id"] as? String == id)
            #expect(try pending.taskStatus() == "PENDING")
            #expect(try pending.output()["submit_time"] as? String == "2025-09-01 09:37:27.468")

            clock.advance(by: 7)
            let running = try await api.task(id)
            #expect(try running.taskStatus() == "RUNNING")
            #expect(Set(try running.json().keys) == ["request_id", "output"])
            #expect(Set(try running.output().keys) == ["task_id", "task_status", "submit_time", "scheduled_time"])
            #expect(try running.output()["scheduled_time"] as? String == "2025-09-01 09:37:34.468")

            clock.advance(by: 60)
            let done = try await api.task(id)
            #expect(try done.taskStatus() == "SUCCEEDED")
            let output = try done.output()
            #expect(
                Set(output.keys) == ["task_id", "task_status", "submit_time", "scheduled_time", "end_time", "results"]
            )
            #expect(output["end_time"] as? String == "2025-09-01 09:38:34.468")
            let videoURL = try #require((output["results"] as? [String: Any])?["video_url"] as? String)
            #expect(videoURL.hasPrefix("https://"))
            #expect(videoURL.contains("Expires="))
            let usage = try #require(try done.json()["usage"] as? [String: Any])
            #expect(Set(usage.keys) == ["duration", "size", "fps", "video_count", "SR"])
            #expect(usage["video_count"] as? Int == 1)
            #expect(usage["SR"] as? Int == 480)
            #expect(usage["fps"] as? Int == 16)
            #expect(usage["size"] as? String == "640*480")
            #expect(done.text.contains(#""duration":10.23,"#))
        }
    }

    @Test("a task runs through PENDING, RUNNING and SUCCEEDED in real time too")
    func realTimeLifecycle() async throws {
        try await withSimulator(SimulatorHarness.configuration(generationTime: .milliseconds(150))) { sim throws in
            let api = sim.api()
            let first = try await api.synthesize().taskID()
            let second = try await api.synthesize(resolution: "720P").taskID()
            let finished = try await eventually {
                let a = try await api.task(first).output()
                let b = try await api.task(second).output()
                return a["task_status"] as? String == "SUCCEEDED" && b["task_status"] as? String == "SUCCEEDED"
                    ? (a, b) : nil
            }
            let (a, b) = try #require(finished)
            // One at a time: the second started no earlier than the first ended.
            let firstEnd = try #require(a["end_time"] as? String)
            let secondStart = try #require(b["scheduled_time"] as? String)
            #expect(secondStart >= firstEnd)
            #expect(try await api.task(second).json()["usage"].flatMap { ($0 as? [String: Any])?["SR"] as? Int } == 720)
        }
    }

    @Test("wan2.2-s2v runs one task at a time per account; the others wait PENDING in FIFO order")
    func oneAtATime() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            let a = try await api.synthesize().taskID()
            let b = try await api.synthesize().taskID()
            let c = try await api.synthesize().taskID()
            #expect(try await api.task(a).taskStatus() == "RUNNING")
            #expect(try await api.task(b).taskStatus() == "PENDING")
            #expect(try await api.task(c).taskStatus() == "PENDING")

            clock.advance(by: 30)
            #expect(try await api.task(a).taskStatus() == "RUNNING")
            #expect(try await api.task(b).taskStatus() == "PENDING")

            clock.advance(by: 30)
            let aDone = try await api.task(a).output()
            let bRunning = try await api.task(b).output()
            #expect(aDone["task_status"] as? String == "SUCCEEDED")
            #expect(bRunning["task_status"] as? String == "RUNNING")
            #expect(bRunning["scheduled_time"] as? String == aDone["end_time"] as? String)
            #expect(try await api.task(c).taskStatus() == "PENDING")

            clock.advance(by: 60)
            #expect(try await api.task(b).taskStatus() == "SUCCEEDED")
            #expect(try await api.task(c).taskStatus() == "RUNNING")

            let stats = try #require(await sim.simulator.stats().accounts[SimulatorHarness.key])
            #expect(stats.maxRunningTasks == 1)
            #expect(stats.maxUnfinishedTasks == 3)
        }
    }

    @Test("audio of 20 s or more ends FAILED with code and message, no usage, and no bill")
    func longAudioFails() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let api = sim.api()
            let failed = try await api.synthesize(audio: "https://e.com/a.mp3?duration=20").taskID()
            let fine = try await api.synthesize(audio: "https://e.com/a.mp3?duration=19.99").taskID()
            clock.advance(by: 20)
            let response = try await api.task(failed)
            let output = try response.output()
            #expect(output["task_status"] as? String == "FAILED")
            #expect(
                Set(output.keys) == [
                    "task_id", "task_status", "submit_time", "scheduled_time", "end_time", "code", "message",
                ]
            )
            #expect(!((output["code"] as? String) ?? "").isEmpty)
            #expect(try response.json()["usage"] == nil)
            #expect(try await api.task(fine).taskStatus() == "SUCCEEDED")

            let bill = await sim.simulator.bill()
            #expect(bill.total.tasks.map(\.taskID) == [fine])
            #expect(bill.total.seconds[.p480] == Decimal(string: "19.99"))
        }
    }

    @Test("an unknown id answers HTTP 200 with task_status UNKNOWN")
    func unknownID() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().task("00000000-0000-0000-0000-000000000000")
            #expect(response.status == 200)
            #expect(Set(try response.json().keys) == ["request_id", "output"])
            #expect(Set(try response.output().keys) == ["task_id", "task_status"])
            #expect(try response.output()["task_id"] as? String == "00000000-0000-0000-0000-000000000000")
            #expect(try response.taskStatus() == "UNKNOWN")
        }
    }

    @Test("a task is UNKNOWN once its TTL has passed")
    func expiry() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(generationTime: .seconds(10), taskTTL: .seconds(3600))
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            let id = try await api.synthesize().taskID()
            clock.advance(by: 3599)
            #expect(try await api.task(id).taskStatus() == "SUCCEEDED")
            #expect(try await api.list().json()["total"] as? Int == 1)
            clock.advance(by: 1)
            #expect(try await api.task(id).taskStatus() == "UNKNOWN")
            #expect(try await api.list().json()["total"] as? Int == 0)
            // The bill keeps what was charged.
            #expect(await sim.simulator.bill().total.tasks.count == 1)
        }
    }

    @Test("each key is its own account: foreign tasks are UNKNOWN and queues are separate")
    func keyIsolation() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let alice = sim.api(key: SimulatorHarness.key)
            let bob = sim.api(key: SimulatorHarness.otherKey)
            let aliceTask = try await alice.synthesize().taskID()
            let bobTask = try await bob.synthesize().taskID()

            #expect(try await bob.task(aliceTask).taskStatus() == "UNKNOWN")
            #expect(try await alice.task(bobTask).taskStatus() == "UNKNOWN")
            try await bob.cancel(aliceTask).expectError(status: 400, code: "UnsupportedOperation")
            #expect(try await bob.list().json()["total"] as? Int == 1)

            // Each account runs its own task at once.
            #expect(try await alice.task(aliceTask).taskStatus() == "RUNNING")
            #expect(try await bob.task(bobTask).taskStatus() == "RUNNING")

            clock.advance(by: 60)
            let bill = await sim.simulator.bill()
            #expect(bill.accounts[SimulatorHarness.key]?.tasks.map(\.taskID) == [aliceTask])
            #expect(bill.accounts[SimulatorHarness.otherKey]?.tasks.map(\.taskID) == [bobTask])
            #expect(bill.total.tasks.count == 2)
        }
    }
}
