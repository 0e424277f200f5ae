import AsyncHTTPClient
import DashScopeSimulator
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VGateway
import S2VStore
import S2VTestSupport
import ServiceLifecycle

/// A gateway on a fresh database, in front of a simulator, both over real HTTP on loopback.
final class GatewayHarness: Sendable {
    let database: TestDatabase
    let simulator: RunningSimulator
    private let ownsSimulator: Bool
    let port: Int
    let client: StoreClient
    private let serviceGroup: ServiceGroup
    private let running: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(self.port)" }
    static let upstreamKey = "sk-upstream-test"
    /// How long one request to the gateway may take before the test fails.
    static let requestTimeout: TimeAmount = .seconds(120)
    /// How long `stop` waits for the gateway's service group.
    static let stopLimit: Duration = .seconds(30)

    static func start(
        simulator configuration: SimulatorConfiguration = SimulatorConfiguration(
            apiKeys: [upstreamKey],
            generationTime: .milliseconds(150)
        ),
        gateway adjust: @Sendable (inout GatewayConfiguration) -> Void = { _ in },
        database: TestDatabase? = nil,
        sharing shared: GatewayHarness? = nil,
        environment: [String: String] = [:],
        webhookResolver: any WebhookResolver = SystemWebhookResolver(),
        beforeStart: @Sendable (StoreClient) async throws -> Void = { _ in }
    ) async throws -> GatewayHarness {
        var logger = Logger(label: "test.gateway")
        logger.logLevel =
            ProcessInfo.processInfo.environment["S2V_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        // A second instance in front of the same upstream shares the first one's simulator.
        let simulator =
            if let shared { shared.simulator } else {
                try await TestTrace.step("harness simulator") {
                    try await RunningSimulator.start(configuration: configuration, logger: logger)
                }
            }
        let database = try await TestTrace.step("harness database") { try await Self.databaseOrNew(database) }
        if let directory = ProcessInfo.processInfo.environment["S2V_TEST_LOG_DIR"] {
            logger = Logger(label: "test.gateway") {
                FileLogHandler(label: $0, path: "\(directory)/\(database.name)-\(UUID().uuidString.prefix(4)).log")
            }
        }
        var gateway = GatewayConfiguration(
            port: 0,
            upstreamBaseURL: simulator.baseURL + "/api/v1",
            upstreamAPIKey: UpstreamAPIKey(secret: configuration.apiKeys[0]),
            // A generous store deadline: the whole suite runs at once on two cores, and a starved test should not
            // read as a store outage. The tests of the deadline itself (FailClosedTests, StoreDeadlineTests) set
            // the production default back.
            storeDeadline: .seconds(30),
            upstreamTimeout: .seconds(10),
            pollInterval: .milliseconds(100),
            notCreatedGrace: .seconds(1),
            shutdownGrace: .seconds(5)
        )
        // Likewise for /ready's database check; the liveness tests set the production default back.
        gateway.readinessDeadline = .seconds(30)
        // And for opening connections to the simulator: on a starved machine even a loopback connect can miss 1 s.
        // UpstreamOutageTests sets the production default back.
        gateway.upstreamConnectTimeout = .seconds(10)
        adjust(&gateway)
        let setupLogger = logger
        try await database.withClient { client in
            try await MigrationRunner(
                client: client,
                migrations: try MigrationDirectory.locate().load(),
                logger: setupLogger
            ).apply()
            try await beforeStart(client)
        }
        let client = StoreClient(configuration: database.configuration, backgroundLogger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = buildApplication(
            configuration: gateway,
            client: client,
            migrations: try MigrationDirectory.locate().load(),
            logger: logger,
            environment: environment,
            webhookResolver: webhookResolver,
            onServerRunning: { port in portSink.yield(port) }
        )
        let group = GatewayServiceGroup.make(running: application, configuration: gateway, signals: [], logger: logger)
        let running = Task {
            // A gateway that fails to start ends the wait for its port instead of leaving the test hanging.
            defer { portSink.finish() }
            try await group.run()
        }
        let port = await TestTrace.step("harness port \(database.name)") { () async -> Int in
            for await bound in ports { return bound }
            return 0
        }
        if port == 0 {
            _ = try await running.value
            throw ServiceError.serviceUnavailable("the gateway under test did not start")
        }
        return GatewayHarness(
            database: database,
            simulator: simulator,
            ownsSimulator: shared == nil,
            port: port,
            client: client,
            serviceGroup: group,
            running: running
        )
    }

    private static func databaseOrNew(_ database: TestDatabase?) async throws -> TestDatabase {
        if let database { return database }
        return try await TestDatabase.make()
    }

    private init(
        database: TestDatabase,
        simulator: RunningSimulator,
        ownsSimulator: Bool,
        port: Int,
        client: StoreClient,
        serviceGroup: ServiceGroup,
        running: Task<Void, any Error>
    ) {
        self.database = database
        self.simulator = simulator
        self.ownsSimulator = ownsSimulator
        self.port = port
        self.client = client
        self.serviceGroup = serviceGroup
        self.running = running
    }

    /// Stops the gateway gracefully, then the simulator it started; keeps the database unless `drop`.
    func stop(dropDatabase: Bool = true) async {
        await self.stopGatewayOnly()
        if self.ownsSimulator {
            await TestTrace.step("harness stop simulator \(self.database.name)") { await self.simulator.stop() }
        }
        if dropDatabase {
            try? await TestTrace.step("harness drop \(self.database.name)") {
                try await self.database.cluster.dropDatabase(self.database.name)
            }
        }
    }

    /// Stops the gateway gracefully; the simulator and the database stay.
    func stopGatewayOnly() async {
        await TestTrace.step("harness stop gateway \(self.database.name)") {
            await self.serviceGroup.triggerGracefulShutdown()
            let running = self.running
            let stopped = await TaskDeadline.wait(for: Task { _ = try? await running.value }, atMost: Self.stopLimit)
            if !stopped {
                // Seen only under the full suite's load: the service group's shutdown does not return although
                // every service was cancelled (see the issue 4 note). The gateway is left behind, idle.
                FileHandle.standardError.write(
                    Data("gateway on \(self.database.name) did not stop within \(Self.stopLimit); left behind\n".utf8)
                )
            }
        }
    }

    /// A new team and a key for it, with `tags` as the key's default tags.
    func makeTeamKey(
        _ name: String = "team-\(UUID().uuidString.prefix(6))",
        tags: CostTags = CostTags()
    ) async throws -> String {
        try await self.database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: name, logger: Logger(label: "test"))
            let (_, secret) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "test",
                tags: tags,
                logger: Logger(label: "test")
            )
            return secret.value
        }
    }

    /// Another key for the existing team `name`, with `tags` as its default tags.
    func makeKey(team name: String, tags: CostTags = CostTags()) async throws -> String {
        try await self.database.withClient { client in
            guard let team = try await TeamRepository(client: client).find(name: name, logger: Logger(label: "test"))
            else { throw DomainError.invalid("no team named \(name)") }
            let (_, secret) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "test",
                tags: tags,
                logger: Logger(label: "test")
            )
            return secret.value
        }
    }

    /// A new admin key, for the admin API.
    func makeAdminKey() async throws -> String {
        try await self.database.withClient { client in
            let (_, secret) = try await APIKeyRepository(client: client).create(
                teamID: nil,
                isAdmin: true,
                name: "admin",
                logger: Logger(label: "test")
            )
            return secret.value
        }
    }

    // MARK: HTTP

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var headers: HTTPHeaders

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: self.body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: self.body, as: UTF8.self) }
        var output: [String: Any] { self.json["output"] as? [String: Any] ?? [:] }
    }

    func send(
        _ method: HTTPMethod,
        _ path: String,
        key: String?,
        body: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let (response, buffer) = try await TestTrace.step("send \(method) \(self.baseURL)\(path)") {
            // Tests assert what the gateway answers, not how fast: with the whole suite running on two cores a
            // request can wait its turn for a long while.
            let response = try await HTTPClient.shared.execute(request, timeout: Self.requestTimeout)
            return (response, try await response.body.collect(upTo: 1 << 22))
        }
        return Reply(status: Int(response.status.code), body: Data(buffer: buffer), headers: response.headers)
    }

    func detect(
        key: String,
        imageURL: String = "https://example.com/face.jpg",
        headers: [(String, String)] = []
    ) async throws -> Reply {
        try await self.send(
            .POST,
            "/api/v1/services/aigc/image2video/face-detect",
            key: key,
            body: #"{"model":"wan2.2-s2v-detect","input":{"image_url":"\#(imageURL)"}}"#,
            headers: headers
        )
    }

    func submit(
        key: String,
        seconds: String = "5",
        resolution: String = "480P",
        audioQuery: String = ""
    ) async throws -> Reply {
        let audio = "https://example.com/voice.mp3?duration=\(seconds)\(audioQuery)"
        return try await self.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"\#(audio)"},"parameters":{"resolution":"\#(resolution)"}}"#,
            headers: [("X-DashScope-Async", "enable")]
        )
    }

    func task(_ id: String, key: String) async throws -> Reply {
        try await self.send(.GET, "/api/v1/tasks/\(id)", key: key)
    }

    /// Waits until no task is unsettled, or throws after `timeout`.
    func waitUntilAllSettled(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await self.scalar("SELECT count(*) FROM tasks WHERE phase <> 'settled'", as: Int.self) == 0 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CancellationError()
    }

    func scalar<Value: PostgresDecodable & Sendable>(_ sql: String, as type: Value.Type) async throws -> Value? {
        try await self.database.withClient { client in
            var value: Value?
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Value.self) {
                value = row
            }
            return value
        }
    }
}
