import DashScopeSimulator
import Foundation
import Logging

/// Starts a simulator for one test and stops it afterwards.
struct SimulatorHarness: Sendable {
    static let key = "sk-sim-test-a"
    static let otherKey = "sk-sim-test-b"

    let running: RunningSimulator

    /// A client authenticated with `key` (nil: no Authorization header).
    func api(key: String? = SimulatorHarness.key) -> TestAPI {
        TestAPI(baseURL: self.running.baseURL, key: key)
    }

    var simulator: DashScopeSimulator { self.running.simulator }

    /// A configuration for tests: two accounts, short timings, and limits high enough not to
    /// interfere unless a test asks for the documented ones (no model has a limit of its own by default).
    static func configuration(
        generationTime: Duration = .milliseconds(200),
        schedulingDelay: Duration = .zero,
        submissionsPerSecond: Int = 1000,
        submissionsPerSecondByModel: [SimulatedModel: Int] = [:],
        queriesPerSecond: Int = 1000,
        taskTTL: Duration = .seconds(86_400),
        faults: FaultInjection = FaultInjection(timeoutDelay: .milliseconds(300))
    ) -> SimulatorConfiguration {
        SimulatorConfiguration(
            apiKeys: [Self.key, Self.otherKey],
            generationTime: generationTime,
            schedulingDelay: schedulingDelay,
            defaultAudioSeconds: 5,
            taskTTL: taskTTL,
            submissionsPerSecond: submissionsPerSecond,
            submissionsPerSecondByModel: submissionsPerSecondByModel,
            queriesPerSecond: queriesPerSecond,
            faults: faults
        )
    }
}

/// Runs `body` against a fresh simulator, always stopping it.
func withSimulator<T: Sendable>(
    _ configuration: SimulatorConfiguration = SimulatorHarness.configuration(),
    clock: ManualClock? = nil,
    _ body: (SimulatorHarness) async throws -> T
) async throws -> T {
    var logger = Logger(label: "dashscope-simulator-tests")
    logger.logLevel = .warning
    let now: @Sendable () -> Date = if let clock { { clock.now } } else { { Date() } }
    let running = try await RunningSimulator.start(configuration: configuration, now: now, logger: logger)
    do {
        let value = try await body(SimulatorHarness(running: running))
        await running.stop()
        return value
    } catch {
        await running.stop()
        throw error
    }
}

/// Polls `check` until it returns a value or the (generous) deadline passes.
func eventually<T>(
    timeout: Duration = .seconds(20),
    _ check: () async throws -> T?
) async throws -> T? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await check() {
            return value
        }
        try await Task.sleep(for: .milliseconds(25))
    }
    return nil
}
