import ArgumentParser
import DashScopeSimulator
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import S2VGateway
import S2VStore

/// `s2v-meter serve`: runs the gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the metering gateway.",
        discussion: """
            The upstream key comes from DASHSCOPE_API_KEY (or the file named by DASHSCOPE_API_KEY_FILE) and is \
            never logged, returned or stored. With --demo, a DashScope simulator runs in-process as the upstream, \
            so everything works offline. /health says the process is alive; /ready says the database answers and \
            the schema is current. SIGTERM or SIGINT shuts down gracefully and stops an embedded cluster this \
            process started (unless another s2v-meter process still uses it).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("upstream-url"), help: "DashScope API base URL, ending in /api/v1.")
    var upstreamURL = "https://dashscope.aliyuncs.com/api/v1"

    @Flag(help: "Run a DashScope simulator in-process as the upstream (no real key or network needed).")
    var demo = false

    @Option(name: .customLong("poll-interval"), help: "Seconds between two upstream queries of one unfinished task.")
    var pollInterval: Double = 5

    @Option(name: .customLong("upstream-timeout"), help: "Seconds an upstream call may take before it counts as unanswered.")
    var upstreamTimeout: Double = 30

    @Option(name: .customLong("not-created-grace"),
            help: "Seconds to wait for an unanswered submission to show in the upstream's task list before concluding it created nothing.")
    var notCreatedGrace: Double = 60

    @Option(name: .customLong("account-name"), help: "The name tasks sent with DASHSCOPE_API_KEY record as their upstream account.")
    var accountName = "default"

    @Option(name: .customLong("submissions-per-second"),
            help: "That account's paid submissions per second, per model (DashScope: 5), shared by every instance.")
    var submissionsPerSecond = 5

    @Option(name: .customLong("max-in-flight"), help: "That account's generation tasks submitted or running at once (DashScope: 1).")
    var maxInFlight = 1

    @Option(name: .customLong("queries-per-second"), help: "That account's task queries per second (DashScope: 20).")
    var queriesPerSecond = 20

    @Option(name: .customLong("store-deadline"),
            help: "Seconds a request may wait for PostgreSQL before it is refused with 503 (fail closed).")
    var storeDeadline: Double = 3

    @Option(name: .customLong("detect-wait"),
            help: "Seconds a face-detect call may wait for a free submission slot before it gets 429.")
    var detectWait: Double = 2

    @Option(name: .customLong("shutdown-grace"),
            help: "Seconds a graceful shutdown (SIGTERM, SIGINT) may take before unfinished work is cancelled.")
    var shutdownGrace: Double = 20

    @Flag(name: .customLong("metrics-public"),
          help: "Serve GET /metrics without a key, for scrapers on a private network (by default it needs an admin key: it shows every team's spend).")
    var metricsPublic = false

    func validate() throws {
        guard (0...65535).contains(self.port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard self.demo || self.upstreamURL.hasPrefix("http://") || self.upstreamURL.hasPrefix("https://") else {
            throw ValidationError("--upstream-url must be an http(s) URL")
        }
        guard self.pollInterval >= 0.05, self.pollInterval <= 3600 else {
            throw ValidationError("--poll-interval must be between 0.05 and 3600 seconds")
        }
        guard self.notCreatedGrace >= 0.1 else { throw ValidationError("--not-created-grace must be at least 0.1 seconds") }
        guard self.upstreamTimeout >= 0.1, self.upstreamTimeout <= 600 else {
            throw ValidationError("--upstream-timeout must be between 0.1 and 600 seconds")
        }
        guard AccountLimits(submissionsPerSecond: self.submissionsPerSecond, maxInFlight: self.maxInFlight,
                            queriesPerSecond: self.queriesPerSecond).isValid else {
            throw ValidationError("--submissions-per-second, --max-in-flight and --queries-per-second must be between 1 and 1000")
        }
        guard UpstreamAccount.isValidName(self.accountName) else {
            throw ValidationError("--account-name must be 1-63 letters, digits, '.', '_' or '-'")
        }
        guard self.storeDeadline > 0, self.storeDeadline <= 60 else {
            throw ValidationError("--store-deadline must be more than 0 and at most 60 seconds")
        }
        guard self.detectWait >= 0, self.detectWait <= 60 else {
            throw ValidationError("--detect-wait must be between 0 and 60 seconds")
        }
        guard self.shutdownGrace >= 1, self.shutdownGrace <= 3600 else {
            throw ValidationError("--shutdown-grace must be between 1 and 3600 seconds")
        }
    }

    func run() async throws {
        let logger = self.logging.bootstrap(label: "s2v-meter")
        // Once per process: libraries that use swift-metrics record on the registry /metrics exposes.
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let migrations = try self.database.loadMigrations()

        var simulator: RunningSimulator?
        let upstreamURL: String
        let upstreamKey: UpstreamAPIKey?
        if self.demo {
            let demoKey = "sk-s2v-meter-demo"
            let running = try await RunningSimulator.start(
                configuration: SimulatorConfiguration(apiKeys: [demoKey]), logger: logger)
            simulator = running
            upstreamURL = running.baseURL + "/api/v1"
            upstreamKey = UpstreamAPIKey(secret: demoKey)
            logger.info("demo mode: DashScope simulator running in-process", metadata: ["upstream": "\(upstreamURL)"])
        } else {
            // Without a key of its own, the gateway uses the accounts of the pool (`s2v-meter accounts`) only.
            upstreamURL = self.upstreamURL
            upstreamKey = try UpstreamAPIKey.fromEnvironment(ProcessInfo.processInfo.environment)
        }

        let opened = try await Database.open(self.database.location, logger: logger)
        let configuration = GatewayConfiguration(
            host: self.host, port: self.port, upstreamBaseURL: upstreamURL, upstreamAPIKey: upstreamKey,
            upstreamAccount: self.accountName,
            accountLimits: AccountLimits(submissionsPerSecond: self.submissionsPerSecond, maxInFlight: self.maxInFlight,
                                         queriesPerSecond: self.queriesPerSecond),
            detectSlotWait: .milliseconds(Int64(self.detectWait * 1000)),
            storeDeadline: .milliseconds(Int64(self.storeDeadline * 1000)),
            upstreamTimeout: .milliseconds(Int64(self.upstreamTimeout * 1000)),
            pollInterval: .milliseconds(Int64(self.pollInterval * 1000)),
            notCreatedGrace: .milliseconds(Int64(self.notCreatedGrace * 1000)),
            shutdownGrace: .milliseconds(Int64(self.shutdownGrace * 1000)),
            metricsPublic: self.metricsPublic)
        let application = buildApplication(
            configuration: configuration, client: opened.client, migrations: migrations, logger: logger,
            metrics: metrics)
        do {
            try await GatewayServiceGroup.make(running: application, configuration: configuration, logger: logger).run()
        } catch {
            await simulator?.stop()
            await opened.close()
            throw error
        }
        await simulator?.stop()
        await opened.close()
        logger.info("stopped")
    }
}
