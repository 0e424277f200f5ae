import DashScopeSimulator
import Foundation
import NIOCore
import Testing

@Suite("Failure injection")
struct FaultInjectionTests {
    static let image = "https://example.com/face.jpg"
    static let audio = "https://example.com/voice.mp3"

    @Test("sim_fail=throttle: 429 Throttling.RateQuota, nothing processed or billed")
    func throttleMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            try await api.detect(image: Self.image + "?sim_fail=throttle").expectError(
                status: 429,
                code: "Throttling.RateQuota"
            )
            try await api.synthesize(audio: Self.audio + "?sim_fail=throttle").expectError(
                status: 429,
                code: "Throttling.RateQuota"
            )
            #expect(try await api.list().json()["total"] as? Int == 0)
            #expect(await sim.simulator.bill().total.images == 0)
            let stats = await sim.simulator.stats().total
            #expect(stats.injectedFaults[.throttle] == 2)
            #expect(stats.throttled[.faceDetect] == 1)
            #expect(stats.throttled[.videoSynthesis] == 1)
            #expect(stats.acceptedSubmissions.values.reduce(0, +) == 0)
        }
    }

    @Test("sim_fail=error: 500 InternalError, nothing processed or billed")
    func internalErrorMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            try await api.detect(image: Self.image + "?sim_fail=error").expectError(status: 500, code: "InternalError")
            try await api.synthesize(image: Self.image + "?sim_fail=error").expectError(
                status: 500,
                code: "InternalError"
            )
            #expect(try await api.list().json()["total"] as? Int == 0)
            #expect(await sim.simulator.bill().total.images == 0)
        }
    }

    @Test("sim_fail=timeout: answered 408 only after the delay, nothing processed or billed")
    func timeoutMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            try await api.detect(image: Self.image + "?sim_fail=timeout").expectError(
                status: 408,
                code: "RequestTimeOut"
            )
            try await api.synthesize(audio: Self.audio + "?sim_fail=timeout").expectError(
                status: 408,
                code: "RequestTimeOut"
            )
            #expect(try await api.list().json()["total"] as? Int == 0)
            #expect(await sim.simulator.bill().total.images == 0)
            #expect(await sim.simulator.stats().total.injectedFaults[.timeout] == 2)
        }
    }

    @Test("a client that gives up on a timeout has caused nothing")
    func timeoutClientGivesUp() async throws {
        let configuration = SimulatorHarness.configuration(faults: FaultInjection(timeoutDelay: .seconds(60)))
        try await withSimulator(configuration) { sim throws in
            let api = sim.api()
            await #expect(throws: (any Error).self) {
                try await api.synthesize(audio: Self.audio + "?sim_fail=timeout", timeout: .milliseconds(300))
            }
            #expect(try await api.list().json()["total"] as? Int == 0)
        }
    }

    @Test("sim_fail=lost: the task is created and the detect billed, though the answer never arrives in time")
    func lostMarker() async throws {
        let configuration = SimulatorHarness.configuration(faults: FaultInjection(timeoutDelay: .seconds(60)))
        try await withSimulator(configuration) { sim throws in
            let api = sim.api()
            // The client gives up after 5 s, long enough for the request to arrive however loaded the machine,
            // and far short of the 60 s the answer is held back.
            await #expect(throws: (any Error).self) {
                try await api.synthesize(audio: Self.audio + "?sim_fail=lost", timeout: .seconds(5))
            }
            await #expect(throws: (any Error).self) {
                try await api.detect(image: Self.image + "?sim_fail=lost", timeout: .seconds(5))
            }
            #expect(try await api.list().json()["total"] as? Int == 1)
            #expect(await sim.simulator.bill().total.images == 1)
            let stats = await sim.simulator.stats().total
            #expect(stats.acceptedSubmissions[.synthesis] == 1)
            #expect(stats.acceptedSubmissions[.detect] == 1)
        }
    }

    @Test("sim_fail=lost with a patient client: the normal answer arrives after the delay")
    func lostMarkerEventuallyAnswers() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().synthesize(audio: Self.audio + "?sim_fail=lost")
            #expect(response.status == 200)
            let id = try response.taskID()
            #expect(try await sim.api().task(id).taskStatus() != "UNKNOWN")
        }
    }

    @Test("sim_fail=malformed: processed and billed, but the 200 body is not valid JSON")
    func malformedMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            let detect = try await api.detect(image: Self.image + "?sim_fail=malformed")
            #expect(detect.status == 200)
            #expect(throws: (any Error).self) { try detect.json() }
            let synthesis = try await api.synthesize(image: Self.image + "?sim_fail=malformed")
            #expect(synthesis.status == 200)
            #expect(!synthesis.text.isEmpty)
            #expect(throws: (any Error).self) { try synthesis.json() }
            #expect(try await api.list().json()["total"] as? Int == 1)
            #expect(await sim.simulator.bill().total.images == 1)
        }
    }

    @Test("sim_fail=task_failed: the task is accepted, then ends FAILED and is not billed")
    func taskFailedMarker() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(5)), clock: clock) {
            sim throws in
            let api = sim.api()
            let id = try await api.synthesize(audio: Self.audio + "?duration=3&sim_fail=task_failed").taskID()
            clock.advance(by: 5)
            let output = try await api.task(id).output()
            #expect(output["task_status"] as? String == "FAILED")
            #expect(output["code"] as? String == "InternalError.Algo")
            #expect(await sim.simulator.bill().total.tasks.isEmpty)
        }
    }

    @Test("an unknown sim_fail marker is a 400, so typos do not pass silently")
    func unknownMarker() async throws {
        try await withSimulator { sim throws in
            try await sim.api().detect(image: Self.image + "?sim_fail=explode").expectError(
                status: 400,
                code: "InvalidParameter"
            )
        }
    }

    @Test("task queries: sim_fail=error gives 500, sim_fail=throttle gives 429")
    func queryMarkers() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            try await api.task("x", query: "?sim_fail=error").expectError(status: 500, code: "InternalError")
            try await api.task("x", query: "?sim_fail=throttle").expectError(status: 429, code: "Throttling.RateQuota")
            try await api.list("?sim_fail=error").expectError(status: 500, code: "InternalError")
            #expect(await sim.simulator.stats().total.throttled[.taskQuery] == 1)
        }
    }

    @Test("rates apply to task queries unless injectIntoQueries is off")
    func queryRates() async throws {
        let failing = SimulatorHarness.configuration(faults: FaultInjection(internalErrorRate: 1))
        try await withSimulator(failing) { sim throws in
            try await sim.api().task("x").expectError(status: 500, code: "InternalError")
            try await sim.api().detect().expectError(status: 500, code: "InternalError")
        }
        let submissionsOnly = SimulatorHarness.configuration(
            faults: FaultInjection(throttleRate: 1, injectIntoQueries: false)
        )
        try await withSimulator(submissionsOnly) { sim throws in
            #expect(try await sim.api().task("x").status == 200)
            #expect(try await sim.api().detect().status == 429)
        }
    }

    @Test("timeout and lost-response rates hold the answer back")
    func delayRates() async throws {
        let timeouts = SimulatorHarness.configuration(
            faults: FaultInjection(timeoutRate: 1, timeoutDelay: .milliseconds(100))
        )
        try await withSimulator(timeouts) { sim throws in
            try await sim.api().detect().expectError(status: 408, code: "RequestTimeOut")
        }
        let lost = SimulatorHarness.configuration(
            faults: FaultInjection(lostResponseRate: 1, timeoutDelay: .milliseconds(100))
        )
        try await withSimulator(lost) { sim throws in
            #expect(try await sim.api().detect().status == 200)
            #expect(await sim.simulator.stats().total.injectedFaults[.lost] == 1)
        }
    }

    /// Statuses of a fixed request sequence under the given seed.
    static func outcomes(seed: UInt64) async throws -> [String] {
        let faults = FaultInjection(
            seed: seed,
            throttleRate: 0.15,
            internalErrorRate: 0.15,
            taskFailureRate: 0.2,
            malformedRate: 0.15
        )
        let clock = ManualClock()
        return try await withSimulator(
            SimulatorHarness.configuration(generationTime: .seconds(1), faults: faults),
            clock: clock
        ) { sim throws in
            let api = sim.api()
            var outcomes: [String] = []
            for index in 0..<24 {
                let response = index.isMultiple(of: 3) ? try await api.detect() : try await api.synthesize()
                let valid = (try? response.json()) != nil
                outcomes.append("\(response.status)\(valid ? "" : "-malformed")")
            }
            clock.advance(by: 60)
            let tasks = try await api.list("?page_size=100").json()["data"] as? [[String: Any]] ?? []
            outcomes += tasks.reversed().compactMap { $0["task_status"] as? String }
            return outcomes
        }
    }

    @Test("a seed reproduces the injected faults; another seed gives another run")
    func seededRatesReproducible() async throws {
        let first = try await Self.outcomes(seed: 7)
        let again = try await Self.outcomes(seed: 7)
        let other = try await Self.outcomes(seed: 8)
        #expect(first == again)
        #expect(first != other)
        // The rates actually inject faults of every kind.
        #expect(first.contains("429"))
        #expect(first.contains("500"))
        #expect(first.contains("200-malformed"))
        #expect(first.contains("FAILED"))
        #expect(first.contains("SUCCEEDED"))
    }
}
