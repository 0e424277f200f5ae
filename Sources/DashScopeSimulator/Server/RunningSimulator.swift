import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A simulator serving on 127.0.0.1 at an OS-assigned port, in a background task; for tests,
/// benchmarks and demos.
public final class RunningSimulator: Sendable {
    /// The running simulator, for `bill()` and `stats()`.
    public let simulator: DashScopeSimulator
    /// The bound port.
    public let port: Int
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`; the DashScope API is under `baseURL + "/api/v1"`.
    public var baseURL: String {
        "http://127.0.0.1:\(self.port)"
    }

    private init(simulator: DashScopeSimulator, port: Int, serviceGroup: ServiceGroup, task: Task<Void, any Error>) {
        self.simulator = simulator
        self.port = port
        self.serviceGroup = serviceGroup
        self.task = task
    }

    /// Starts a simulator and returns once it accepts connections.
    /// - Parameters:
    ///   - configuration: Keys, timings, limits and faults.
    ///   - now: The simulated clock; real time by default.
    ///   - logger: Logger for the server.
    public static func start(
        configuration: SimulatorConfiguration,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) async throws -> RunningSimulator {
        let simulator = DashScopeSimulator(configuration: configuration, now: now, logger: logger)
        return try await Self.serve(simulator, port: 0, logger: logger)
    }

    /// Serves an existing simulator, with its tasks, bill and statistics, on `port` (0: any free port). A test
    /// stops a running simulator and serves it again on the same port to make an upstream outage.
    public static func serve(
        _ simulator: DashScopeSimulator,
        port: Int,
        logger: Logger
    ) async throws -> RunningSimulator {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = simulator.buildApplication(port: port) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            // If the server fails to start, end the port stream so `start` does not wait forever.
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw RunningSimulatorError.serverStoppedBeforeListening
        }
        return RunningSimulator(simulator: simulator, port: port, serviceGroup: serviceGroup, task: task)
    }

    /// Shuts the server down gracefully and waits until it stopped. Held-back (timeout or lost)
    /// answers are released at once.
    public func stop() async {
        await self.serviceGroup.triggerGracefulShutdown()
        _ = try? await self.task.value
    }
}
