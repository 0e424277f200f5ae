import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import S2VCore
import NIOHTTP1
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` of the gateway at random moments during a faulty run, then restart: the metered total still
/// equals the upstream's bill, no task is settled twice and no hold is left behind.
@Suite struct CrashRecoveryTests {
    @Test(.timeLimit(.minutes(10)), .sharesTheMachine(.load)) func killNineAtRandomMomentsLosesAndDoublesNothing() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let key = try await database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: "crash", logger: Logger(label: "test"))
            return try await APIKeyRepository(client: client).create(
                teamID: team.id, isAdmin: false, name: "", logger: Logger(label: "test")).1.value
        }

        let simulatorPort = try CommandLineProcess.freePort()
        let simulator = try CommandLineProcess.start([
            "simulate", "--port", "\(simulatorPort)", "--api-key", "sk-crash", "--generation-seconds", "0.02",
            "--submissions-per-second", "50", "--queries-per-second", "500", "--seed", "11",
            "--throttle-rate", "0.05", "--error-rate", "0.05", "--timeout-rate", "0.03", "--lost-rate", "0.05",
            "--malformed-rate", "0.03", "--task-failure-rate", "0.05", "--timeout-delay", "1",
        ])
        defer { simulator.child.signal(SIGKILL) }
        #expect(try await Self.waitForStatus(200, "http://127.0.0.1:\(simulatorPort)/sim/bill"))

        let gatewayPort = try CommandLineProcess.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment["DASHSCOPE_API_KEY"] = "sk-crash"
        let serveArguments = [
            "serve", "--port", "\(gatewayPort)", "--upstream-url", "http://127.0.0.1:\(simulatorPort)/api/v1",
            "--database-url", url, "--poll-interval", "0.1", "--upstream-timeout", "0.5", "--not-created-grace", "0.8",
            "--log-level", "warning",
        ]
        var gateway = try CommandLineProcess.start(serveArguments, environment: environment)
        #expect(try await Self.waitForStatus(200, "http://127.0.0.1:\(gatewayPort)/ready"))

        // Submit 200 tasks while the gateway is killed and restarted under them.
        let submitter = Task {
            var generator = SystemRandomNumberGenerator()
            for index in 0..<200 {
                let hundredths = Int.random(in: 100...2_200, using: &generator)
                let seconds = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
                let tier = index % 2 == 0 ? "480P" : "720P"
                // Retry until the gateway answers: a crash may interrupt a request (which may or may not
                // have been admitted; either way the ledger must stay right).
                for _ in 0..<200 {
                    if try await Self.submit(port: gatewayPort, key: key, seconds: seconds, tier: tier) == 200 { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }
        for _ in 0..<6 {
            try await Task.sleep(for: .milliseconds(Int.random(in: 200...1_200)))
            gateway.child.signal(SIGKILL)
            _ = await gateway.child.wait()
            gateway = try CommandLineProcess.start(serveArguments, environment: environment)
            #expect(try await Self.waitForStatus(200, "http://127.0.0.1:\(gatewayPort)/ready"))
        }
        try await submitter.value

        let settled = try await Self.waitUntilSettled(database)
        #expect(settled, "every task settles after the restarts")
        let (captured, settlements, tasks, held) = try await database.withClient { client in
            var result: (Decimal, Int, Int, Decimal) = (0, 0, 0, 0)
            let rows = try await client.query("""
                SELECT coalesce(sum(amount) FILTER (WHERE kind = 'capture'), 0),
                       count(*) FILTER (WHERE kind IN ('capture', 'release'))::int,
                       (SELECT count(*) FROM tasks)::int, coalesce(sum(held), 0)
                FROM ledger_entries
                """)
            for try await row in rows.decode((Decimal, Int, Int, Decimal).self) { result = row }
            return result
        }
        let bill = try await Self.billedAmount(port: simulatorPort)
        #expect(tasks >= 200)
        #expect(settlements == tasks, "each task settled exactly once")
        #expect(held == 0, "no hold left behind")
        #expect(captured == bill, "metered \(captured), upstream billed \(bill)")

        gateway.child.signal(SIGTERM)
        _ = await gateway.child.wait()
        try? await database.cluster.dropDatabase(database.name)
    }

    static func submit(port: Int, key: String, seconds: String, tier: String) async throws -> Int? {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/services/aigc/image2video/video-synthesis")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "X-DashScope-Async", value: "enable")
        request.body = .bytes(ByteBuffer(string: #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/v.mp3?duration=\#(seconds)"},"parameters":{"resolution":"\#(tier)"}}"#))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }

    static func waitForStatus(_ status: Int, _ url: String) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if try await CommandLineTests.status(of: url) == status { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func waitUntilSettled(_ database: TestDatabase) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(240)
        while ContinuousClock.now < deadline {
            let open = try await database.withClient { client in
                var count = 0
                for try await value in try await client.query("SELECT count(*)::int FROM tasks WHERE phase <> 'settled'").decode(Int.self) {
                    count = value
                }
                return count
            }
            if open == 0 { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    static func billedAmount(port: Int) async throws -> Decimal {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/sim/bill"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 24)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        return Decimal(string: json?["amount"] as? String ?? "") ?? -1
    }
}
