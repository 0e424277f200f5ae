import DashScopeSimulator
import Testing

@Suite("POST /tasks/{id}/cancel")
struct TaskCancelTests {
    static let refusal = "Failed to cancel the task, please confirm if the task is in PENDING status."

    @Test("a PENDING task is cancelled; RUNNING, finished and unknown tasks are refused")
    func cancel() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            let running = try await api.synthesize().taskID()
            let pending = try await api.synthesize().taskID()
            let next = try await api.synthesize().taskID()

            let cancelled = try await api.cancel(pending)
            #expect(cancelled.status == 200)
            #expect(Set(try cancelled.json().keys) == ["request_id"])
            #expect(try await api.task(pending).taskStatus() == "CANCELED")

            try await api.cancel(running).expectError(status: 400, code: "UnsupportedOperation", message: Self.refusal)
            try await api.cancel(pending).expectError(status: 400, code: "UnsupportedOperation", message: Self.refusal)
            try await api.cancel("no-such-task").expectError(
                status: 400,
                code: "UnsupportedOperation",
                message: Self.refusal
            )

            // The cancelled task is skipped: the next one runs right after the first.
            clock.advance(by: 60)
            #expect(try await api.task(next).taskStatus() == "RUNNING")
            try await api.cancel(running).expectError(status: 400, code: "UnsupportedOperation")
            clock.advance(by: 60)
            #expect(try await api.task(pending).taskStatus() == "CANCELED")

            // Cancelled tasks are not billed.
            #expect(await sim.simulator.bill().total.tasks.map(\.taskID) == [running, next])
        }
    }
}
