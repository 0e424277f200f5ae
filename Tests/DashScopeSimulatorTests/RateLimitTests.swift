import DashScopeSimulator
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    static let message = "Requests rate limit exceeded, please try again later."

    /// The documented limits: 5 submissions per second per model, 20 queries per second.
    static func documentedLimits() -> SimulatorConfiguration {
        SimulatorHarness.configuration(generationTime: .seconds(60), submissionsPerSecond: 5, queriesPerSecond: 20)
    }

    @Test("the 6th detect within one second gets 429 Throttling.RateQuota")
    func sixthDetectThrottled() async throws {
        let clock = ManualClock()
        try await withSimulator(Self.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<5 {
                #expect(try await api.detect().status == 200)
            }
            try await api.detect().expectError(status: 429, code: "Throttling.RateQuota", message: Self.message)
            let stats = await sim.simulator.stats().total
            #expect(stats.acceptedSubmissions[.detect] == 5)
            #expect(stats.throttled[.faceDetect] == 1)
            #expect(stats.maxAcceptedSubmissionsPerSecond[.detect] == 5)
            #expect(stats.maxSubmissionAttemptsPerSecond[.detect] == 6)
            // The throttled call is not billed.
            #expect(await sim.simulator.bill().total.images == 5)
        }
    }

    @Test("the 6th synthesis within one second gets 429, and creates no task")
    func sixthSynthesisThrottled() async throws {
        let clock = ManualClock()
        try await withSimulator(Self.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<5 {
                #expect(try await api.synthesize().status == 200)
            }
            try await api.synthesize().expectError(status: 429, code: "Throttling.RateQuota", message: Self.message)
            #expect(try await api.list().json()["total"] as? Int == 5)
        }
    }

    @Test("detect and synthesis are counted apart, and each account has its own window")
    func windowsPerModelAndAccount() async throws {
        let clock = ManualClock()
        try await withSimulator(Self.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<5 {
                #expect(try await api.detect().status == 200)
            }
            for _ in 0..<5 {
                #expect(try await api.synthesize().status == 200)
            }
            #expect(try await api.detect().status == 429)
            #expect(try await api.synthesize().status == 429)
            #expect(try await sim.api(key: SimulatorHarness.otherKey).detect().status == 200)
        }
    }

    @Test("the window slides: after one second it frees, and rejected calls never took a place")
    func windowSlides() async throws {
        let clock = ManualClock()
        try await withSimulator(Self.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            for _ in 0..<5 {
                #expect(try await api.detect().status == 200)
            }
            clock.advance(by: 0.5)
            #expect(try await api.detect().status == 429)
            clock.advance(by: 0.4)
            #expect(try await api.detect().status == 429)
            clock.advance(by: 0.15)
            // The rejected calls at +0.5 s and +0.9 s did not consume the window: five places are free.
            for _ in 0..<5 {
                #expect(try await api.detect().status == 200)
            }
            #expect(try await api.detect().status == 429)
            let stats = await sim.simulator.stats().total
            #expect(stats.maxAcceptedSubmissionsPerSecond[.detect] == 5)
            #expect(stats.throttled[.faceDetect] == 3)
        }
    }

    @Test("the 21st task query within one second gets 429; GET /tasks/{id} and the list share it")
    func queryLimit() async throws {
        let clock = ManualClock()
        try await withSimulator(Self.documentedLimits(), clock: clock) { sim throws in
            let api = sim.api()
            let id = try await api.synthesize().taskID()
            for index in 0..<20 {
                let response = index.isMultiple(of: 2) ? try await api.task(id) : try await api.list()
                #expect(response.status == 200)
            }
            try await api.task(id).expectError(status: 429, code: "Throttling.RateQuota", message: Self.message)
            try await api.list().expectError(status: 429, code: "Throttling.RateQuota")
            // Submissions have their own limit.
            #expect(try await api.synthesize().status == 200)
            clock.advance(by: 1)
            #expect(try await api.task(id).status == 200)

            let stats = await sim.simulator.stats().total
            #expect(stats.queries == 23)
            #expect(stats.throttled[.taskQuery] == 1)
            #expect(stats.throttled[.taskList] == 1)
        }
    }

    @Test("limits are configurable")
    func configurableLimits() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(submissionsPerSecond: 2, queriesPerSecond: 3)
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            #expect(try await api.detect().status == 200)
            #expect(try await api.detect().status == 200)
            #expect(try await api.detect().status == 429)
            for _ in 0..<3 {
                #expect(try await api.task("x").status == 200)
            }
            #expect(try await api.task("x").status == 429)
        }
    }
}
