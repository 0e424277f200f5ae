import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A `s2v-meter serve` process killed with SIGKILL at random moments and started again, while tasks are submitted
/// to it, in front of a `s2v-meter simulate` process injecting faults; and what it leaves in its database.
struct KillNineRun {
    let database: TestDatabase
    let key: String
    let simulatorPort: Int
    let gatewayPort: Int
    private let simulator: CommandLineProcess
    private var gateway: CommandLineProcess
    private let serveArguments: [String]
    private let environment: [String: String]

    static let upstreamKey = "sk-crash"

    /// Starts the simulator and the gateway on a new database.
    /// - Parameters:
    ///   - simulatorOptions: `simulate` options added to the faulty defaults.
    ///   - serveOptions: `serve` options added to the short defaults.
    static func start(simulatorOptions: [String] = [], serveOptions: [String] = []) async throws -> KillNineRun {
        let database = try await TestDatabase.make()
        let key = try await database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: "crash", logger: Logger(label: "test"))
            return try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "",
                logger: Logger(label: "test")
            ).1.value
        }
        let simulatorPort = try CommandLineProcess.freePort()
        let simulator = try CommandLineProcess.start(
            [
                "simulate", "--port", "\(simulatorPort)", "--api-key", Self.upstreamKey, "--generation-seconds", "0.02",
                "--submissions-per-second", "50", "--queries-per-second", "500", "--seed", "11",
                "--throttle-rate", "0.05", "--error-rate", "0.05", "--timeout-rate", "0.03", "--lost-rate", "0.05",
                "--malformed-rate", "0.03", "--task-failure-rate", "0.05", "--timeout-delay", "1",
            ] + simulatorOptions
        )
        guard try await Self.waitForStatus(200, "http://127.0.0.1:\(simulatorPort)/sim/bill") else {
            simulator.child.signal(SIGKILL)
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the simulator did not start"])
        }

        let gatewayPort = try CommandLineProcess.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment["DASHSCOPE_API_KEY"] = Self.upstreamKey
        let serveArguments =
            [
                "serve", "--port", "\(gatewayPort)", "--upstream-url", "http://127.0.0.1:\(simulatorPort)/api/v1",
                "--database-url", database.url, "--poll-interval", "0.1", "--upstream-timeout", "0.5",
                "--not-created-grace", "0.8", "--log-level", "warning",
            ] + serveOptions
        let gateway = try CommandLineProcess.start(serveArguments, environment: environment)
        let run = KillNineRun(
            database: database,
            key: key,
            simulatorPort: simulatorPort,
            gatewayPort: gatewayPort,
            simulator: simulator,
            gateway: gateway,
            serveArguments: serveArguments,
            environment: environment
        )
        guard try await run.gatewayIsReady() else {
            await run.finish()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the gateway did not start"])
        }
        return run
    }

    /// Submits `tasks` tasks of the family (wan2.2-s2v at 480P and 720P, emo-v1 at 1:1 and 3:4, videoretalk; 1 to
    /// 22 s of audio) while killing the gateway `kills` times at random
    /// moments and starting it again; returns once every task was admitted and the gateway is up. Returns the
    /// restarts that became ready.
    mutating func submit(_ tasks: Int, killingTheGateway kills: Int) async throws -> Int {
        let (port, key) = (self.gatewayPort, self.key)
        let submitter = Task {
            var generator = SystemRandomNumberGenerator()
            for index in 0..<tasks {
                let hundredths = Int.random(in: 100...2_200, using: &generator)
                let seconds = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
                let body = Self.familyBody(index, seconds: seconds)
                // Retry until the gateway answers: a crash may interrupt a request (which may or may not have
                // been admitted; either way the ledger must stay right).
                for _ in 0..<400 {
                    if try await Self.submit(port: port, key: key, body: body) == 200 { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }
        var ready = 0
        for _ in 0..<kills {
            try await Task.sleep(for: .milliseconds(Int.random(in: 200...1_200)))
            self.gateway.child.signal(SIGKILL)
            _ = await self.gateway.child.wait()
            self.gateway = try CommandLineProcess.start(self.serveArguments, environment: self.environment)
            if try await self.gatewayIsReady() { ready += 1 }
        }
        try await submitter.value
        return ready
    }

    /// Stops the gateway gracefully and the simulator, and drops the database.
    func finish() async {
        self.gateway.child.signal(SIGTERM)
        _ = await self.gateway.child.wait()
        self.simulator.child.signal(SIGKILL)
        _ = await self.simulator.child.wait()
        try? await self.database.cluster.dropDatabase(self.database.name)
    }

    func gatewayIsReady() async throws -> Bool {
        try await Self.waitForStatus(200, "http://127.0.0.1:\(self.gatewayPort)/ready")
    }

    /// Waits up to 4 minutes for every task to be settled.
    func waitUntilSettled() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(240)
        while ContinuousClock.now < deadline {
            if try await self.count("SELECT count(*)::int FROM tasks WHERE phase <> 'settled'") == 0 { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// The single integer `sql` returns.
    func count(_ sql: String) async throws -> Int {
        try await self.database.withClient { client in
            var count = 0
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) {
                count = value
            }
            return count
        }
    }

    /// What the upstream billed: the total, and each billed task's amount by its upstream id.
    func bill() async throws -> (total: Decimal, tasks: [String: Decimal]) {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(self.simulatorPort)/sim/bill"),
            timeout: .seconds(10)
        )
        let body = try await response.body.collect(upTo: 1 << 24)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        var tasks: [String: Decimal] = [:]
        for task in json?["video_tasks"] as? [[String: Any]] ?? [] {
            if let id = task["task_id"] as? String, let amount = Decimal(string: task["amount"] as? String ?? "") {
                tasks[id] = amount
            }
        }
        return (Decimal(string: json?["amount"] as? String ?? "") ?? -1, tasks)
    }

    /// The `index`th body of a run: the family's models and tiers in turn.
    static func familyBody(_ index: Int, seconds: String) -> String {
        let (image, audio) = ("https://e.com/f.jpg", "https://e.com/v.mp3?duration=\(seconds)")
        switch index % 5 {
        case 0, 1:
            return
                #"{"model":"wan2.2-s2v","input":{"image_url":"\#(image)","audio_url":"\#(audio)"},"parameters":{"resolution":"\#(index % 5 == 0 ? "480P" : "720P")"}}"#
        case 2, 3:
            let box = index % 5 == 2 ? "[71,9,840,778]" : "[150,9,762,825]"
            return
                #"{"model":"emo-v1","input":{"image_url":"\#(image)","audio_url":"\#(audio)","face_bbox":[302,286,610,593],"ext_bbox":\#(box)}}"#
        default:
            return #"{"model":"videoretalk","input":{"video_url":"https://e.com/t.mp4","audio_url":"\#(audio)"}}"#
        }
    }

    static func submit(port: Int, key: String, seconds: String, tier: String) async throws -> Int? {
        try await Self.submit(
            port: port,
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/v.mp3?duration=\#(seconds)"},"parameters":{"resolution":"\#(tier)"}}"#
        )
    }

    static func submit(port: Int, key: String, body: String) async throws -> Int? {
        var request = HTTPClientRequest(
            url: "http://127.0.0.1:\(port)/api/v1/services/aigc/image2video/video-synthesis"
        )
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "X-DashScope-Async", value: "enable")
        request.body = .bytes(ByteBuffer(string: body))
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
}
