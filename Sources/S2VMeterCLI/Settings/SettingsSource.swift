import Configuration
import Foundation
import SystemPackage

/// Where settings come from, highest precedence first: the command line's flags, environment variables, the JSON
/// config file (`--config`, else `$S2V_METER_CONFIG`), then each setting's default. swift-configuration layers
/// the sources and converts the values; a value of the wrong type is an error, never a silent fallback.
struct SettingsSource: Sendable {
    static let configFileVariable = "S2V_METER_CONFIG"

    private let reader: ConfigReader
    /// The config file read, if any.
    let configFile: String?
    private let flagKeys: Set<String>
    private let environmentVariables: Set<String>
    private let fileKeys: Set<String>

    /// - Parameters:
    ///   - flags: the values given on the command line, by setting.
    ///   - environment: the process environment; an empty variable counts as unset.
    ///   - configFile: `--config`, if given.
    init(flags: [Setting: ConfigContent], environment: [String: String], configFile: String?) async throws {
        let file = configFile ?? environment[Self.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (setting, content) in flags {
            flagValues[AbsoluteConfigKey([setting.key])] = ConfigValue(content, isSecret: setting.isSecret)
        }
        let secretVariables = Set(Setting.all.filter(\.isSecret).map(\.environmentVariable))
        let variables = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { !$0.value.isEmpty },
            secretsSpecifier: .specific(secretVariables)
        ).mapKeys { key in
            // Each setting's own variable name (DATABASE_URL, S2V_METER_PORT, ...), spelled out by the catalog.
            AbsoluteConfigKey([
                Setting.named(key.components.joined(separator: "."))?.environmentVariable ?? "S2V_METER_UNKNOWN"
            ])
        }
        var providers: [any ConfigProvider] = [InMemoryProvider(name: "flags", values: flagValues), variables]
        var fileKeys: Set<String> = []
        if let file {
            fileKeys = try ConfigFileCheck.check(path: file)
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
        }
        self.reader = ConfigReader(providers: providers)
        self.configFile = file
        self.flagKeys = Set(flags.keys.map(\.key))
        self.environmentVariables = Set(environment.filter { !$0.value.isEmpty }.keys)
        self.fileKeys = fileKeys
    }

    /// Which source a setting's value comes from, as `--print-settings` shows it.
    func origin(of setting: Setting) -> String {
        if self.flagKeys.contains(setting.key) { return "flag \(setting.flag)" }
        if self.environmentVariables.contains(setting.environmentVariable) {
            return "env \(setting.environmentVariable)"
        }
        if self.fileKeys.contains(setting.key), let file = self.configFile { return "config file \(file)" }
        return "default"
    }

    /// A text setting: its value, else its default (nil only for a setting without one).
    func text(_ setting: Setting) async throws -> String? {
        try await self.read(setting) { try await $0.fetchString(forKey: $1, isSecret: setting.isSecret) }
            ?? setting.defaultValue
    }

    func integer(_ setting: Setting) async throws -> Int {
        if let value = try await self.read(setting, { try await $0.fetchInt(forKey: $1) }) { return value }
        return Int(setting.defaultValue ?? "") ?? 0
    }

    /// An integer setting without a default: nil when no source sets it.
    func optionalInteger(_ setting: Setting) async throws -> Int? {
        try await self.read(setting) { try await $0.fetchInt(forKey: $1) }
    }

    func seconds(_ setting: Setting) async throws -> Double {
        if let value = try await self.read(setting, { try await $0.fetchDouble(forKey: $1) }) { return value }
        return Double(setting.defaultValue ?? "") ?? 0
    }

    func boolean(_ setting: Setting) async throws -> Bool {
        try await self.read(setting) { try await $0.fetchBool(forKey: $1) } ?? (setting.defaultValue == "true")
    }

    private func read<Value>(
        _ setting: Setting,
        _ fetch: (ConfigReader, ConfigKey) async throws -> Value?
    ) async throws -> Value? {
        do {
            return try await fetch(self.reader, ConfigKey([setting.key]))
        } catch {
            throw SettingsError(
                "\(setting.key) (\(setting.flag), \(setting.environmentVariable) or the config file's \"\(setting.key)\") "
                    + "must be \(setting.kind.expectation): \(error)"
            )
        }
    }
}
