import ArgumentParser
import Configuration
import DashScopeSimulator
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import S2VGateway
import S2VStore
import ServiceLifecycle

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
            process started (unless another s2v-meter process still uses it); whatever is in flight, the process exits \
            within --shutdown-grace plus 3 seconds. Every option below can also be \
            set by its environment variable or in the JSON file named by --config; a flag beats the environment, \
            which beats the file. docs/CONFIGURATION.md lists them all.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: Setting.host.help)
    var host: String?

    @Option(help: Setting.port.help)
    var port: Int?

    @Option(name: .customLong("database-connections"), help: Setting.databaseConnections.help)
    var databaseConnections: Int?

    @Option(name: .customLong("upstream-url"), help: Setting.upstreamURL.help)
    var upstreamURL: String?

    @Option(name: .customLong("api-key-file"), help: Setting.apiKeyFile.help)
    var apiKeyFile: String?

    @Flag(inversion: .prefixedNo, help: Setting.demo.help)
    var demo: Bool?

    @Option(name: .customLong("poll-interval"), help: Setting.pollInterval.help)
    var pollInterval: Double?

    @Option(name: .customLong("upstream-timeout"), help: Setting.upstreamTimeout.help)
    var upstreamTimeout: Double?

    @Option(name: .customLong("upstream-connect-timeout"), help: Setting.upstreamConnectTimeout.help)
    var upstreamConnectTimeout: Double?

    @Option(name: .customLong("not-created-grace"), help: Setting.notCreatedGrace.help)
    var notCreatedGrace: Double?

    @Option(name: .customLong("unresolved-submission-limit"), help: Setting.unresolvedSubmissionLimit.help)
    var unresolvedSubmissionLimit: Double?

    @Option(name: .customLong("account-name"), help: Setting.accountName.help)
    var accountName: String?

    @Option(name: .customLong("submissions-per-second"), help: Setting.submissionsPerSecond.help)
    var submissionsPerSecond: Int?

    @Option(name: .customLong("max-in-flight"), help: Setting.maxInFlight.help)
    var maxInFlight: Int?

    @Option(name: .customLong("queries-per-second"), help: Setting.queriesPerSecond.help)
    var queriesPerSecond: Int?

    @Option(name: .customLong("store-deadline"), help: Setting.storeDeadline.help)
    var storeDeadline: Double?

    @Option(name: .customLong("detect-wait"), help: Setting.detectWait.help)
    var detectWait: Double?

    @Option(name: .customLong("round-deadline"), help: Setting.roundDeadline.help)
    var roundDeadline: Double?

    @Option(name: .customLong("shutdown-grace"), help: Setting.shutdownGrace.help)
    var shutdownGrace: Double?

    @Flag(name: .customLong("metrics-public"), inversion: .prefixedNo, help: Setting.metricsPublic.help)
    var metricsPublic: Bool?

    @Option(name: .customLong("metrics-tag-keys"), help: Setting.metricsTagKeys.help)
    var metricsTagKeys: String?

    @Option(name: .customLong("webhook-allow-hosts"), help: Setting.webhookAllowHosts.help)
    var webhookAllowHosts: String?

    @Flag(
        name: .customLong("print-settings"),
        help:
            "Print every setting's value and where it came from (flag, env, config file or default), then exit without serving."
    )
    var printSettings = false

    /// The values given on the command line; the rest come from the environment, the config file or defaults.
    var flags: [Setting: ConfigContent] {
        var flags = self.database.flags.merging(self.logging.flags) { flag, _ in flag }
        func put(_ setting: Setting, _ value: ConfigContent?) { if let value { flags[setting] = value } }
        put(.host, self.host.map(ConfigContent.string))
        put(.port, self.port.map(ConfigContent.int))
        put(.databaseConnections, self.databaseConnections.map(ConfigContent.int))
        put(.upstreamURL, self.upstreamURL.map(ConfigContent.string))
        put(.apiKeyFile, self.apiKeyFile.map(ConfigContent.string))
        put(.demo, self.demo.map(ConfigContent.bool))
        put(.pollInterval, self.pollInterval.map(ConfigContent.double))
        put(.upstreamTimeout, self.upstreamTimeout.map(ConfigContent.double))
        put(.upstreamConnectTimeout, self.upstreamConnectTimeout.map(ConfigContent.double))
        put(.notCreatedGrace, self.notCreatedGrace.map(ConfigContent.double))
        put(.unresolvedSubmissionLimit, self.unresolvedSubmissionLimit.map(ConfigContent.double))
        put(.accountName, self.accountName.map(ConfigContent.string))
        put(.submissionsPerSecond, self.submissionsPerSecond.map(ConfigContent.int))
        put(.maxInFlight, self.maxInFlight.map(ConfigContent.int))
        put(.queriesPerSecond, self.queriesPerSecond.map(ConfigContent.int))
        put(.storeDeadline, self.storeDeadline.map(ConfigContent.double))
        put(.detectWait, self.detectWait.map(ConfigContent.double))
        put(.roundDeadline, self.roundDeadline.map(ConfigContent.double))
        put(.shutdownGrace, self.shutdownGrace.map(ConfigContent.double))
        put(.metricsPublic, self.metricsPublic.map(ConfigContent.bool))
        put(.metricsTagKeys, self.metricsTagKeys.map(ConfigContent.string))
        put(.webhookAllowHosts, self.webhookAllowHosts.map(ConfigContent.string))
        return flags
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let source = try await SettingsSource(
            flags: self.flags,
            environment: environment,
            configFile: self.database.configFile
        )
        let settings = try await ServeSettings(from: source)
        if self.printSettings {
            print(SettingsTable(settings: settings, source: source).text)
            return
        }
        let logger = settings.logging.bootstrap(label: "s2v-meter")
        // Once per process: libraries that use swift-metrics record on the registry /metrics exposes.
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let migrations = try settings.database.loadMigrations()

        var simulator: RunningSimulator?
        let upstreamURL: String
        let upstreamKey: UpstreamAPIKey?
        if settings.demo {
            let demoKey = "sk-s2v-meter-demo"
            let running = try await RunningSimulator.start(
                configuration: SimulatorConfiguration(apiKeys: [demoKey]),
                logger: logger
            )
            simulator = running
            upstreamURL = running.baseURL + "/api/v1"
            upstreamKey = UpstreamAPIKey(secret: demoKey)
            logger.info("demo mode: DashScope simulator running in-process", metadata: ["upstream": "\(upstreamURL)"])
        } else {
            // Without a key of its own, the gateway uses the accounts of the pool (`s2v-meter accounts`) only.
            upstreamURL = settings.upstreamURL
            var keySources = environment
            keySources["DASHSCOPE_API_KEY_FILE"] = settings.apiKeyFile
            upstreamKey = try UpstreamAPIKey.fromEnvironment(keySources)
        }

        let opened = try await Database.open(
            settings.database.location,
            maximumConnections: settings.databaseConnections,
            logger: logger
        )
        let configuration = settings.gatewayConfiguration(upstreamURL: upstreamURL, upstreamKey: upstreamKey)
        let application = buildApplication(
            configuration: configuration,
            client: opened.client,
            migrations: migrations,
            logger: logger,
            metrics: metrics
        )
        let group = GatewayServiceGroup.make(running: application, configuration: configuration, logger: logger)
        let demoSimulator = simulator
        // From a stop signal on, the process is gone within the grace plus a few seconds, whatever is in flight.
        try await BoundedStop(grace: configuration.shutdownGrace, logger: logger).run {
            do {
                try await group.run()
            } catch {
                await demoSimulator?.stop()
                await opened.close()
                throw error
            }
            await demoSimulator?.stop()
            await opened.close()
        }
        logger.info("stopped")
    }
}
