import Foundation
import Logging
import S2VCore
import S2VGateway
import S2VStore

/// Everything `serve` reads, resolved from flags, environment variables, the config file and defaults, and
/// checked as a whole before anything starts.
struct ServeSettings: Sendable {
    let database: DatabaseSettings
    let logging: LoggingSettings
    let host: String
    let port: Int
    let databaseConnections: Int
    let upstreamURL: String
    let apiKeyFile: String?
    let demo: Bool
    let pollInterval: Double
    let upstreamTimeout: Double
    let upstreamConnectTimeout: Double
    let notCreatedGrace: Double
    let unresolvedSubmissionLimit: Double
    let accountName: String
    let accountLimits: AccountLimits
    let storeDeadline: Double
    let detectWait: Double
    let roundDeadline: Double
    let shutdownGrace: Double
    let metricsPublic: Bool
    /// The tag keys `/metrics` reports spend by.
    let metricsTagKeys: [String]
    let webhooks: WebhookSettings

    init(from source: SettingsSource) async throws {
        self.database = try await DatabaseSettings(from: source)
        self.logging = try await LoggingSettings(from: source)
        self.host = try await source.text(.host) ?? ""
        self.port = try await source.integer(.port)
        self.databaseConnections = try await source.integer(.databaseConnections)
        self.upstreamURL = try await source.text(.upstreamURL) ?? ""
        self.apiKeyFile = try await source.text(.apiKeyFile)
        self.demo = try await source.boolean(.demo)
        self.pollInterval = try await source.seconds(.pollInterval)
        self.upstreamTimeout = try await source.seconds(.upstreamTimeout)
        self.upstreamConnectTimeout = try await source.seconds(.upstreamConnectTimeout)
        self.notCreatedGrace = try await source.seconds(.notCreatedGrace)
        self.unresolvedSubmissionLimit = try await source.seconds(.unresolvedSubmissionLimit)
        self.accountName = try await source.text(.accountName) ?? ""
        self.accountLimits = AccountLimits(
            submissionsPerSecond: try await source.optionalInteger(.submissionsPerSecond),
            maxInFlight: try await source.optionalInteger(.maxInFlight),
            queriesPerSecond: try await source.integer(.queriesPerSecond)
        )
        self.storeDeadline = try await source.seconds(.storeDeadline)
        self.detectWait = try await source.seconds(.detectWait)
        self.roundDeadline = try await source.seconds(.roundDeadline)
        self.shutdownGrace = try await source.seconds(.shutdownGrace)
        self.metricsPublic = try await source.boolean(.metricsPublic)
        self.metricsTagKeys = (try await source.text(.metricsTagKeys) ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.webhooks = try await WebhookSettings(from: source)
        try self.validate()
    }

    /// Each setting's range; the message names the setting as every source spells it.
    private func validate() throws {
        func require(_ condition: Bool, _ setting: Setting, _ rule: String) throws {
            guard condition else {
                throw SettingsError("\(setting.key) (\(setting.flag), \(setting.environmentVariable)) \(rule)")
            }
        }
        for key in self.metricsTagKeys {
            do {
                try CostTags.Rules.check(key: key)
            } catch {
                try require(false, .metricsTagKeys, "names tag keys: \(error.message)")
            }
        }
        try require(
            self.metricsTagKeys.count <= CostTags.Rules.maxTags,
            .metricsTagKeys,
            "names at most \(CostTags.Rules.maxTags) tag keys"
        )
        try require((0...65535).contains(self.port), .port, "must be between 0 and 65535")
        try require((1...1000).contains(self.databaseConnections), .databaseConnections, "must be between 1 and 1000")
        try require(
            self.demo || self.upstreamURL.hasPrefix("http://") || self.upstreamURL.hasPrefix("https://"),
            .upstreamURL,
            "must be an http(s) URL"
        )
        try require(
            self.pollInterval >= 0.05 && self.pollInterval <= 3600,
            .pollInterval,
            "must be between 0.05 and 3600 seconds"
        )
        try require(self.notCreatedGrace >= 0.1, .notCreatedGrace, "must be at least 0.1 seconds")
        try require(
            self.unresolvedSubmissionLimit >= 1 && self.unresolvedSubmissionLimit <= 86_400,
            .unresolvedSubmissionLimit,
            "must be between 1 and 86400 seconds"
        )
        try require(
            self.upstreamTimeout >= 0.1 && self.upstreamTimeout <= 600,
            .upstreamTimeout,
            "must be between 0.1 and 600 seconds"
        )
        try require(
            self.upstreamConnectTimeout >= 0.05 && self.upstreamConnectTimeout <= 600,
            .upstreamConnectTimeout,
            "must be between 0.05 and 600 seconds"
        )
        try require(
            self.accountLimits.isValid,
            .submissionsPerSecond,
            "and max-in-flight and queries-per-second must be between 1 and 1000"
        )
        try require(
            UpstreamAccount.isValidName(self.accountName),
            .accountName,
            "must be 1-63 letters, digits, '.', '_' or '-'"
        )
        try require(
            self.storeDeadline > 0 && self.storeDeadline <= 60,
            .storeDeadline,
            "must be more than 0 and at most 60 seconds"
        )
        try require(self.detectWait >= 0 && self.detectWait <= 60, .detectWait, "must be between 0 and 60 seconds")
        try require(
            self.roundDeadline >= 1 && self.roundDeadline <= 3600,
            .roundDeadline,
            "must be between 1 and 3600 seconds"
        )
        try require(
            self.shutdownGrace >= 1 && self.shutdownGrace <= 3600,
            .shutdownGrace,
            "must be between 1 and 3600 seconds"
        )
    }

    /// Each setting's value as a source would write it; a secret shows only that it is set.
    var displayValues: [Setting: String] {
        var values: [Setting: String] = [
            .dataDirectory: "-", .sqlDirectory: self.database.sqlDirectory ?? "-", .databaseURL: "-",
            .logLevel: self.logging.level.rawValue, .logFormat: self.logging.format.rawValue,
            .host: self.host, .port: "\(self.port)", .databaseConnections: "\(self.databaseConnections)",
            .upstreamURL: self.upstreamURL, .apiKeyFile: self.apiKeyFile ?? "-", .demo: "\(self.demo)",
            .pollInterval: Self.seconds(self.pollInterval), .upstreamTimeout: Self.seconds(self.upstreamTimeout),
            .upstreamConnectTimeout: Self.seconds(self.upstreamConnectTimeout),
            .notCreatedGrace: Self.seconds(self.notCreatedGrace),
            .unresolvedSubmissionLimit: Self.seconds(self.unresolvedSubmissionLimit), .accountName: self.accountName,
            .submissionsPerSecond: self.accountLimits.submissionsPerSecond.map(String.init) ?? "catalog",
            .maxInFlight: self.accountLimits.maxInFlight.map(String.init) ?? "catalog",
            .queriesPerSecond: "\(self.accountLimits.queriesPerSecond)",
            .storeDeadline: Self.seconds(self.storeDeadline), .detectWait: Self.seconds(self.detectWait),
            .roundDeadline: Self.seconds(self.roundDeadline),
            .shutdownGrace: Self.seconds(self.shutdownGrace), .metricsPublic: "\(self.metricsPublic)",
            .metricsTagKeys: self.metricsTagKeys.isEmpty ? "none" : self.metricsTagKeys.joined(separator: ","),
            .webhookAllowHosts: self.webhooks.displayValue,
        ]
        switch self.database.location {
        case .url: values[.databaseURL] = "(set; hidden)"
        case .embedded(let folder): values[.dataDirectory] = folder
        }
        return values
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The gateway's configuration, given where the upstream is and the key to use.
    func gatewayConfiguration(upstreamURL: String, upstreamKey: UpstreamAPIKey?) -> GatewayConfiguration {
        GatewayConfiguration(
            host: self.host,
            port: self.port,
            upstreamBaseURL: upstreamURL,
            upstreamAPIKey: upstreamKey,
            upstreamAccount: self.accountName,
            accountLimits: self.accountLimits,
            detectSlotWait: .milliseconds(Int64(self.detectWait * 1000)),
            storeDeadline: .milliseconds(Int64(self.storeDeadline * 1000)),
            upstreamTimeout: .milliseconds(Int64(self.upstreamTimeout * 1000)),
            upstreamConnectTimeout: .milliseconds(Int64(self.upstreamConnectTimeout * 1000)),
            pollInterval: .milliseconds(Int64(self.pollInterval * 1000)),
            notCreatedGrace: .milliseconds(Int64(self.notCreatedGrace * 1000)),
            unresolvedSubmissionLimit: .milliseconds(Int64(self.unresolvedSubmissionLimit * 1000)),
            alerts: AlertDeliverySettings(addresses: self.webhooks.rule),
            shutdownGrace: .milliseconds(Int64(self.shutdownGrace * 1000)),
            metricsPublic: self.metricsPublic,
            metricsTagKeys: self.metricsTagKeys,
            roundDeadline: .milliseconds(Int64(self.roundDeadline * 1000))
        )
    }
}
