import ArgumentParser
import Configuration
import Foundation
import S2VStore

/// Where the data lives, and the config file, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: Setting.databaseURL.help)
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: Setting.dataDirectory.help)
    var dataDirectory: String?

    @Option(name: .customLong("sql-dir"), help: Setting.sqlDirectory.help)
    var sqlDirectory: String?

    @Option(
        name: .customLong("config"),
        help:
            "JSON config file of settings (env S2V_METER_CONFIG). A flag beats an environment variable, which beats the file. See docs/CONFIGURATION.md."
    )
    var configFile: String?

    /// The values given on the command line.
    var flags: [Setting: ConfigContent] {
        var flags: [Setting: ConfigContent] = [:]
        if let url = self.databaseURL { flags[.databaseURL] = .string(url) }
        if let folder = self.dataDirectory { flags[.dataDirectory] = .string(folder) }
        if let folder = self.sqlDirectory { flags[.sqlDirectory] = .string(folder) }
        return flags
    }

    /// The database settings from the flags, the environment and the config file.
    func resolve() async throws -> DatabaseSettings {
        let source = try await SettingsSource(
            flags: self.flags,
            environment: ProcessInfo.processInfo.environment,
            configFile: self.configFile
        )
        return try await DatabaseSettings(from: source)
    }
}
