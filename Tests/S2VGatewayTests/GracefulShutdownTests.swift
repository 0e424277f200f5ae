import DashScopeSimulator
import Foundation
import S2VGateway
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A graceful shutdown (SIGTERM in production; `triggerGracefulShutdown` here): the gateway stops accepting
/// connections, lets the requests it is serving finish and record what they cost, and leaves its queued and
/// running tasks to the other instances on the same database.
@Suite struct GracefulShutdownTests {
    @Test(.timeLimit(.minutes(3)))
    func aRequestInFlightFinishesAndIsChargedWhileNewConnectionsAreRefused() async throws {
        // The simulator holds the detect answer back for 2 s (a "lost" response that does arrive in the end). The
        // gateway's upstream timeout and shutdown grace are far longer, so a loaded machine cannot turn the late
        // answer into a timeout or a cancellation.
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .milliseconds(150),
                faults: FaultInjection(timeoutDelay: .seconds(2))
            ),
            gateway: {
                $0.upstreamTimeout = .seconds(120)
                $0.shutdownGrace = .seconds(120)
            }
        )
        let key = try await harness.makeTeamKey("in-flight")
        #expect(Self.acceptsConnections(port: harness.port))

        let inFlight = Task {
            try await harness.detect(key: key, imageURL: "https://example.com/face.jpg?sim_fail=lost")
        }
        // Shut down only once the upstream has the call, so the request is certainly in flight.
        let deadline = ContinuousClock.now + .seconds(60)
        while await harness.simulator.simulator.stats().total.acceptedSubmissions[.detect, default: 0] == 0,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(20))
        }
        let stopping = Task { await harness.stopGatewayOnly() }

        var refused = false
        let refusalDeadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < refusalDeadline {
            if !Self.acceptsConnections(port: harness.port) {
                refused = true
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(refused, "the listener closes as the shutdown starts")

        let reply = try await inFlight.value
        #expect(reply.status == 200, "the request in flight got its answer: \(reply.text)")
        await stopping.value
        let charges = try await harness.scalar(
            "SELECT count(*) FROM ledger_entries WHERE kind = 'capture' AND amount > 0 AND model = 'wan2.2-s2v-detect'",
            as: Int.self
        )
        #expect(charges == 1, "and its charge is in the ledger")
        #expect(
            try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0,
            "no hold left open"
        )
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func anInstanceThatStopsLeavesItsQueueToTheOthers() async throws {
        let first = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .milliseconds(300))
        )
        let key = try await first.makeTeamKey("handover")
        let taskCount = 10
        for _ in 0..<taskCount {
            #expect(try await first.submit(key: key, seconds: "2").status == 200)
        }
        let deadline = ContinuousClock.now + .seconds(120)
        while try await first.scalar("SELECT count(*) FROM tasks WHERE phase = 'settled'", as: Int.self) ?? 0 < 2,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        // A second instance is already running when the first one stops in the middle of the backlog.
        let second = try await GatewayHarness.start(database: first.database, sharing: first)
        let unsettledAtStop =
            try await first.scalar("SELECT count(*) FROM tasks WHERE phase <> 'settled'", as: Int.self) ?? 0
        await first.stopGatewayOnly()
        #expect(unsettledAtStop > 0, "the first instance stopped with work left")

        try await second.waitUntilAllSettled(timeout: .seconds(180))
        let stats = await first.simulator.simulator.stats().total
        #expect(stats.acceptedSubmissions[.synthesis] == taskCount, "every task submitted exactly once")
        #expect(stats.maxUnfinishedTasks == 1, "the account's limit held across the handover")
        #expect(
            try await second.scalar("SELECT count(*) FROM tasks WHERE status = 'SUCCEEDED'", as: Int.self) == taskCount
        )
        #expect(
            try await second.scalar(
                "SELECT count(DISTINCT task_id) FROM ledger_entries WHERE kind = 'capture'",
                as: Int.self
            ) == taskCount
        )
        #expect(
            try await second.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'capture'", as: Int.self)
                == taskCount,
            "each task settled once"
        )
        await second.stop(dropDatabase: false)
        await first.stop()
    }

    /// Whether a TCP connection to the port on loopback is accepted.
    static func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
