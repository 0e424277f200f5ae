import DashScopeSimulator
import NIOHTTP1
import Testing

@Suite("GET /sim/stats")
struct StatsTests {
    @Test("reports submissions, 429s, sliding-window maxima, unfinished and running maxima and queries")
    func statsShape() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(
            generationTime: .seconds(60),
            submissionsPerSecond: 5,
            queriesPerSecond: 20
        )
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<3 {
                #expect(try await api.synthesize().status == 200)
            }
            #expect(try await api.detect().status == 200)
            _ = try await api.list()
            _ = try await api.task("x")

            let json = try await sim.api(key: nil).send(.GET, "/sim/stats").json()
            #expect((json["accepted_submissions"] as? [String: Int]) == ["wan2.2-s2v-detect": 1, "wan2.2-s2v": 3])
            #expect((json["submission_attempts"] as? [String: Int]) == ["wan2.2-s2v-detect": 1, "wan2.2-s2v": 3])
            #expect(
                (json["max_accepted_submissions_per_second"] as? [String: Int]) == [
                    "wan2.2-s2v-detect": 1, "wan2.2-s2v": 3,
                ]
            )
            #expect((json["max_submission_attempts_per_second"] as? [String: Int])?["wan2.2-s2v"] == 3)
            #expect(
                (json["throttled"] as? [String: Int])
                    == ["face-detect": 0, "video-synthesis": 0, "task-query": 0, "task-list": 0]
            )
            #expect((json["injected_faults"] as? [String: Int])?.values.reduce(0, +) == 0)
            #expect(json["queries"] as? Int == 2)
            #expect(json["max_unfinished_tasks"] as? Int == 3)
            #expect(json["max_running_tasks"] as? Int == 1)
            let accounts = try #require(json["accounts"] as? [String: [String: Any]])
            #expect(accounts[SimulatorHarness.key]?["max_unfinished_tasks"] as? Int == 3)
            #expect(accounts[SimulatorHarness.otherKey]?["max_unfinished_tasks"] as? Int == 0)
        }
    }

    @Test("invalid requests count as attempts but not as accepted submissions")
    func attemptsVersusAccepted() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            _ = try await api.detect(model: "bogus")
            _ = try await api.send(.POST, TestAPI.synthesisPath, body: "{}")
            let stats = await sim.simulator.stats().total
            #expect(stats.submissionAttempts == [.detect: 1, .synthesis: 1])
            #expect(stats.acceptedSubmissions == [.detect: 0, .synthesis: 0])
        }
    }
}
