import DashScopeSimulator
import NIOHTTP1
import Testing

@Suite("GET /sim/stats with the family")
struct FamilyStatsTests {
    @Test("per-model counts hold the wan2.2 pair always and another model once it has had a request")
    func modelsAppearWhenUsed() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            let before = try await sim.api(key: nil).send(.GET, "/sim/stats").json()
            #expect((before["accepted_submissions"] as? [String: Int]) == ["wan2.2-s2v-detect": 0, "wan2.2-s2v": 0])
            #expect((before["max_unfinished_tasks_by_model"] as? [String: Int]) == [:])

            #expect(try await api.emoDetect().status == 200)
            #expect(try await api.emo().status == 200)
            #expect(try await api.emo().status == 200)
            try await api.videoRetalk(video: "not a url").expectError(status: 400, code: "InvalidParameter")

            let after = try await sim.api(key: nil).send(.GET, "/sim/stats").json()
            #expect(
                (after["accepted_submissions"] as? [String: Int]) == [
                    "wan2.2-s2v-detect": 0, "wan2.2-s2v": 0, "emo-detect-v1": 1, "emo-v1": 2, "videoretalk": 0,
                ]
            )
            #expect((after["submission_attempts"] as? [String: Int])?["videoretalk"] == 1)
            #expect((after["max_accepted_submissions_per_second"] as? [String: Int])?["emo-v1"] == 2)
            #expect((after["max_unfinished_tasks_by_model"] as? [String: Int]) == ["emo-v1": 2])
            #expect(after["max_running_tasks"] as? Int == 1)
            let account = try #require((after["accounts"] as? [String: [String: Any]])?[SimulatorHarness.key])
            #expect((account["accepted_submissions"] as? [String: Int])?["emo-v1"] == 2)
        }
    }

    @Test("a request naming no model its endpoint serves counts against the endpoint's wan2.2 model")
    func unservedModelsCountAsWan() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            _ = try await api.detect(model: "emo-v1")
            _ = try await api.send(.POST, TestAPI.detectPath, body: "{not json")
            _ = try await api.synthesize(body: #"{"model":"liveportrait-detect","input":{}}"#)
            _ = try await api.send(.POST, TestAPI.synthesisPath, body: #"{"model":"emo-v1"}"#)
            let stats = await sim.simulator.stats().total
            #expect(stats.submissionAttempts == [.detect: 2, .synthesis: 1, .emo: 1])
            #expect(stats.acceptedSubmissions.values.reduce(0, +) == 0)
        }
    }
}
