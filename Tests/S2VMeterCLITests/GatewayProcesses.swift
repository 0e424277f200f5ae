import Foundation
import S2VStore
import S2VTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A `s2v-meter simulate` process and several `s2v-meter serve` processes in front of it, on one database: the
/// setting of the tests that need more than one gateway instance.
struct GatewayProcesses {
    let simulatorPort: Int
    let ports: [Int]
    private let simulator: CommandLineProcess
    private let gateways: [CommandLineProcess]

    /// Starts the simulator with `simulatorOptions` and `count` gateways with `serveOptions`, and waits until
    /// every gateway is ready.
    static func start(
        databaseURL: String,
        count: Int = 2,
        upstreamKey: String,
        simulatorOptions: [String] = [],
        serveOptions: [String] = []
    ) async throws -> GatewayProcesses {
        let simulatorPort = try CommandLineProcess.freePort()
        let simulator = try CommandLineProcess.start(
            ["simulate", "--port", "\(simulatorPort)", "--api-key", upstreamKey] + simulatorOptions
        )
        var environment = ProcessInfo.processInfo.environment
        environment["DASHSCOPE_API_KEY"] = upstreamKey
        var gateways: [CommandLineProcess] = []
        var ports: [Int] = []
        for _ in 0..<count {
            let port = try CommandLineProcess.freePort()
            gateways.append(
                try CommandLineProcess.start(
                    [
                        "serve", "--port", "\(port)", "--upstream-url", "http://127.0.0.1:\(simulatorPort)/api/v1",
                        "--database-url", databaseURL, "--log-level", "warning",
                    ] + serveOptions,
                    environment: environment
                )
            )
            ports.append(port)
        }
        let processes = GatewayProcesses(
            simulatorPort: simulatorPort,
            ports: ports,
            simulator: simulator,
            gateways: gateways
        )
        for port in ports {
            guard try await CrashRecoveryTests.waitForStatus(200, "http://127.0.0.1:\(port)/ready") else {
                await processes.stop()
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "a gateway did not start"])
            }
        }
        return processes
    }

    /// Stops the gateways gracefully, then the simulator.
    func stop() async {
        for gateway in self.gateways { gateway.child.signal(SIGTERM) }
        for gateway in self.gateways { _ = await gateway.child.wait() }
        self.simulator.child.signal(SIGKILL)
        _ = await self.simulator.child.wait()
    }
}
