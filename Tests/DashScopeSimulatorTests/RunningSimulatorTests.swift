import DashScopeSimulator
import Foundation
import Logging
import NIOCore
import Testing

@Suite("RunningSimulator")
struct RunningSimulatorTests {
    @Test("serves on 127.0.0.1 at an OS-assigned port")
    func baseURL() async throws {
        try await withSimulator { sim throws in
            #expect(sim.running.port > 0)
            #expect(sim.running.baseURL == "http://127.0.0.1:\(sim.running.port)")
            #expect(try await sim.api().detect().status == 200)
        }
    }

    @Test("stop does not wait for answers held back by a timeout fault")
    func stopReleasesHeldAnswers() async throws {
        let configuration = SimulatorHarness.configuration(faults: FaultInjection(timeoutDelay: .seconds(600)))
        let running = try await RunningSimulator.start(configuration: configuration, logger: Logger(label: "test"))
        let api = TestAPI(baseURL: running.baseURL, key: SimulatorHarness.key)
        let held = Task {
            try? await api.detect(image: "https://e.com/a.jpg?sim_fail=timeout", timeout: .seconds(900))
        }
        let arrived = try await eventually {
            await running.simulator.stats().total.injectedFaults[.timeout] == 1 ? true : nil
        }
        #expect(arrived == true)
        // Far below the 600 s delay: stop released the held answer.
        let started = ContinuousClock.now
        await running.stop()
        _ = await held.value
        #expect(ContinuousClock.now - started < .seconds(300))
    }
}
