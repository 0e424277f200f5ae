import ArgumentParser
import Configuration
import Foundation
import Logging

/// Log level and format flags. Each also comes from its environment variable or the config file.
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: Setting.logLevel.help)
    var level: Logger.Level?

    @Option(name: .customLong("log-format"), help: Setting.logFormat.help)
    var format: LoggingSettings.Format?

    /// The values given on the command line.
    var flags: [Setting: ConfigContent] {
        var flags: [Setting: ConfigContent] = [:]
        if let level = self.level { flags[.logLevel] = .string(level.rawValue) }
        if let format = self.format { flags[.logFormat] = .string(format.rawValue) }
        return flags
    }

    /// Resolves the level and format (flag, environment, `configFile`, default), bootstraps swift-log to stderr
    /// and returns a logger with `label`.
    func bootstrap(label: String, configFile: String?) async throws -> Logger {
        let source = try await SettingsSource(
            flags: self.flags,
            environment: ProcessInfo.processInfo.environment,
            configFile: configFile
        )
        return try await LoggingSettings(from: source).bootstrap(label: label)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
