import DashScopeSimulator
import Foundation
import Testing

/// The task list's answer is undocumented upstream, so the simulator can give it in each shape a gateway must
/// cope with, per account and while running; and a submission's answer can be dropped.
@Suite("GET /tasks answers and dropped answers")
struct TaskListAnswerTests {
    static let audio = "https://example.com/voice.mp3"

    @Test("epoch-milliseconds: task_id, status and gmt_create, no submit_time")
    func epochMilliseconds() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(
            generationTime: .seconds(60),
            faults: FaultInjection(taskListAnswer: .epochMilliseconds)
        )
        try await withSimulator(configuration, clock: clock) { sim throws in
            let id = try await sim.api().synthesize().taskID()
            let json = try await sim.api().list().json()
            #expect(json["total"] as? Int == 1)
            let entry = try #require((json["data"] as? [[String: Any]])?.first)
            #expect(Set(entry.keys) == ["task_id", "status", "gmt_create", "model_name"])
            #expect(entry["task_id"] as? String == id)
            #expect(entry["status"] as? String == "RUNNING")
            #expect((entry["gmt_create"] as? NSNumber)?.int64Value == Int64(clock.now.timeIntervalSince1970 * 1000))
        }
    }

    @Test("not-found and unexpected-shape, per account and changed while running; list requests are counted")
    func faultsPerAccount() async throws {
        try await withSimulator { sim throws in
            _ = try await sim.api().synthesize()
            sim.simulator.setTaskListAnswer(.notFound, forKey: SimulatorHarness.key)
            try await sim.api().list().expectError(status: 404, code: "NotFound")
            #expect(
                try await sim.api(key: SimulatorHarness.otherKey).list().status == 200,
                "the other account reads its list"
            )

            sim.simulator.setTaskListAnswer(.unexpectedShape, forKey: SimulatorHarness.key)
            let odd = try await sim.api().list()
            #expect(odd.status == 200)
            let json = try odd.json()
            #expect(json["data"] == nil)
            #expect(((json["output"] as? [String: Any])?["tasks"] as? [[String: Any]])?.first?["id"] is String)

            sim.simulator.setTaskListAnswer(nil, forKey: SimulatorHarness.key)
            #expect(try await sim.api().list().json()["total"] as? Int == 1)
            #expect(sim.simulator.taskListRequests(forKey: SimulatorHarness.key) == 3)
            #expect(sim.simulator.taskListRequests(forKey: SimulatorHarness.otherKey) == 1)
        }
    }

    @Test("sim_fail=dropped: the task is created and billed, but the connection closes without the answer")
    func droppedMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            await #expect(throws: (any Error).self) {
                let response = try await api.synthesize(audio: Self.audio + "?sim_fail=dropped&duration=4")
                _ = try response.json()
            }
            let listed = try await api.list().json()
            #expect(listed["total"] as? Int == 1)
            let id = try #require((listed["data"] as? [[String: Any]])?.first?["task_id"] as? String)
            while try await api.task(id).taskStatus() != "SUCCEEDED" { try await Task.sleep(for: .milliseconds(50)) }
            #expect(await sim.simulator.bill().total.amount == Decimal(string: "0.286708")!, "4 s × 0.071677")
            #expect(await sim.simulator.stats().total.injectedFaults[.dropped] == 1)
        }
    }

    @Test("the dropped-response rate drops answers of processed submissions")
    func droppedRate() async throws {
        let configuration = SimulatorHarness.configuration(faults: FaultInjection(droppedResponseRate: 1))
        try await withSimulator(configuration) { sim throws in
            await #expect(throws: (any Error).self) { _ = try await sim.api().synthesize().json() }
            #expect(try await sim.api().list().json()["total"] as? Int == 1)
        }
    }
}
