import ArgumentParser
import Foundation
import S2VCore
import S2VStore
import Testing

@testable import S2VMeterCLI

/// Every setting comes from a flag, an environment variable or the config file, in that order of precedence,
/// else its default; docs/CONFIGURATION.md lists them all.
@Suite struct SettingsTests {
    @Test func aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() async throws {
        let file = try Self.configFile(["port": 9000, "poll-interval": 0.5])
        defer { try? FileManager.default.removeItem(atPath: file) }
        let environment = ["S2V_METER_PORT": "9100"]

        let everything = try await Self.settings(["--config", file, "--port", "9200"], environment: environment)
        #expect(everything.settings.port == 9200)
        #expect(everything.source.origin(of: .port) == "flag --port")
        let noFlag = try await Self.settings(["--config", file], environment: environment)
        #expect(noFlag.settings.port == 9100)
        #expect(noFlag.source.origin(of: .port) == "env S2V_METER_PORT")
        let fileOnly = try await Self.settings(["--config", file], environment: [:])
        #expect(fileOnly.settings.port == 9000)
        #expect(fileOnly.settings.pollInterval == 0.5)
        #expect(fileOnly.source.origin(of: .port) == "config file \(file)")
        let nothing = try await Self.settings([], environment: [:])
        #expect(nothing.settings.port == 8080)
        #expect(nothing.settings.pollInterval == 5)
        #expect(nothing.source.origin(of: .port) == "default")
    }

    /// The file can also be named by S2V_METER_CONFIG, and --config names another.
    @Test func theConfigFileComesFromTheFlagOrTheEnvironment() async throws {
        let fromEnvironment = try Self.configFile(["host": "10.0.0.1"])
        let fromFlag = try Self.configFile(["host": "10.0.0.2"])
        defer {
            try? FileManager.default.removeItem(atPath: fromEnvironment)
            try? FileManager.default.removeItem(atPath: fromFlag)
        }
        let environment = ["S2V_METER_CONFIG": fromEnvironment]
        #expect(try await Self.settings([], environment: environment).settings.host == "10.0.0.1")
        #expect(try await Self.settings(["--config", fromFlag], environment: environment).settings.host == "10.0.0.2")
    }

    /// Each setting, given by each source alone, arrives with the value given.
    @Test(arguments: Setting.all)
    func everySettingComesFromEverySource(setting: Setting) async throws {
        let sample = Self.sample(for: setting)
        let flagArguments = setting.kind == .boolean ? [setting.flag] : [setting.flag, sample]
        let file = try Self.configFile([setting.key: Self.jsonValue(sample, kind: setting.kind)])
        defer { try? FileManager.default.removeItem(atPath: file) }

        for (arguments, environment, origin) in [
            (flagArguments, [String: String](), "flag \(setting.flag)"),
            ([], [setting.environmentVariable: sample], "env \(setting.environmentVariable)"),
            (["--config", file], [:], "config file \(file)"),
        ] {
            let resolved = try await Self.settings(arguments, environment: environment)
            #expect(resolved.source.origin(of: setting) == origin)
            if setting == .databaseURL {
                #expect(resolved.settings.database.location == .url(sample), "\(origin)")
            } else {
                #expect(resolved.settings.displayValues[setting] == sample, "\(setting.key) from \(origin)")
            }
        }
    }

    /// Every option of `serve` is a setting of the catalog, and every setting is an option of `serve`.
    @Test func theCatalogIsEveryOptionOfServe() throws {
        let help = ServeCommand.helpMessage(columns: 400)
        let flags = Set(help.matches(of: /--([a-z][a-z0-9-]+)/).map { String($0.output.1) })
        let notSettings: Set = ["help", "config", "print-settings", "no-demo", "no-metrics-public"]
        #expect(flags.subtracting(notSettings) == Set(Setting.all.map(\.key)))
        for setting in Setting.all {
            #expect(help.contains(setting.environmentVariable), "serve --help names \(setting.environmentVariable)")
        }
    }

    /// docs/CONFIGURATION.md has a row for each setting: its flag, variable, config key and default.
    @Test func theConfigurationDocumentListsEverySetting() throws {
        let document = try String(contentsOfFile: Self.projectRoot + "/docs/CONFIGURATION.md", encoding: .utf8)
        let rows = document.split(separator: "\n").filter { $0.hasPrefix("| `--") }
        for setting in Setting.all {
            let row = rows.first { $0.hasPrefix("| `\(setting.flag)` |") }
            #expect(row != nil, "docs/CONFIGURATION.md has no row for \(setting.flag)")
            guard let row else { continue }
            #expect(row.contains("`\(setting.environmentVariable)`"), "\(setting.key): \(row)")
            #expect(row.contains("`\"\(setting.key)\"`"), "\(setting.key): \(row)")
            #expect(row.contains(setting.defaultDescription), "\(setting.key)'s default: \(row)")
        }
        #expect(rows.count == Setting.all.count, "one row per setting")
    }

    @Test func anEmptyVariableCountsAsUnset() async throws {
        let resolved = try await Self.settings([], environment: ["S2V_METER_PORT": "", "DATABASE_URL": ""])
        #expect(resolved.settings.port == 8080)
        #expect(resolved.settings.database.location == .embedded(dataDirectory: "./.s2v-meter"))
    }

    @Test func aMisspeltKeyInTheFileIsAnError() async throws {
        let file = try Self.configFile(["prot": 9000])
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = await #expect(throws: SettingsError.self) {
            try await Self.settings(["--config", file], environment: [:])
        }
        #expect(error?.description.contains("unknown setting \"prot\"") == true, "\(String(describing: error))")
    }

    @Test func aValueOfTheWrongTypeIsAnErrorNamingTheSetting() async throws {
        let error = await #expect(throws: SettingsError.self) {
            try await Self.settings([], environment: ["S2V_METER_POLL_INTERVAL": "soon"])
        }
        #expect(error?.description.contains("poll-interval") == true)
        #expect(error?.description.contains("a number of seconds") == true)

        let file = try Self.configFile(["metrics-public": "maybe"])
        defer { try? FileManager.default.removeItem(atPath: file) }
        await #expect(throws: SettingsError.self) { try await Self.settings(["--config", file], environment: [:]) }
    }

    @Test func anOutOfRangeValueIsAnErrorWhateverItsSource() async throws {
        let error = await #expect(throws: SettingsError.self) {
            try await Self.settings([], environment: ["S2V_METER_STORE_DEADLINE": "0"])
        }
        #expect(error?.description.contains("store-deadline") == true)
        let file = try Self.configFile(["port": 70000])
        defer { try? FileManager.default.removeItem(atPath: file) }
        await #expect(throws: SettingsError.self) { try await Self.settings(["--config", file], environment: [:]) }
    }

    @Test func aFileThatIsNotAJSONObjectIsAnError() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s2v-config-\(UUID().uuidString).json")
            .path
        try "port = 9000\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = await #expect(throws: SettingsError.self) {
            try await Self.settings(["--config", path], environment: [:])
        }
        #expect(error?.description.contains("not valid JSON") == true)
        await #expect(throws: SettingsError.self) {
            try await Self.settings(["--config", path + ".missing"], environment: [:])
        }
    }

    /// The webhook allow-list is host names or addresses, nothing else: a port or a scheme is an error, not a
    /// host that never matches.
    @Test func theWebhookAllowListHoldsHostsOnly() async throws {
        let resolved = try await Self.settings(
            ["--webhook-allow-hosts", " Hooks.Internal , [fd00::1],,10.0.0.5"],
            environment: [:]
        )
        #expect(resolved.settings.webhooks.allowedHosts == ["hooks.internal", "fd00::1", "10.0.0.5"])
        #expect(resolved.settings.webhooks.rule.allows(host: "HOOKS.internal"))
        #expect(try await Self.settings([], environment: [:]).settings.webhooks.allowedHosts.isEmpty)
        for bad in ["hooks.internal:8080", "https://hooks.internal", "hooks.internal/path", "a b"] {
            let error = await #expect(throws: SettingsError.self, "\(bad)") {
                try await Self.settings([], environment: ["S2V_METER_WEBHOOK_ALLOW_HOSTS": bad])
            }
            #expect(error?.description.contains("webhook-allow-hosts") == true)
        }
    }

    /// `--no-demo` overrides a file's `"demo": true`.
    @Test func aNegatedFlagOverridesTheFile() async throws {
        let file = try Self.configFile(["demo": true])
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try await Self.settings(["--config", file], environment: [:]).settings.demo)
        #expect(try await Self.settings(["--config", file, "--no-demo"], environment: [:]).settings.demo == false)
    }

    // MARK: Helpers

    static func settings(
        _ arguments: [String],
        environment: [String: String]
    ) async throws -> (settings: ServeSettings, source: SettingsSource) {
        let command = try ServeCommand.parse(arguments)
        let source = try await SettingsSource(
            flags: command.flags,
            environment: environment,
            configFile: command.database.configFile
        )
        return (try await ServeSettings(from: source), source)
    }

    static func configFile(_ object: [String: Any]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s2v-config-\(UUID().uuidString).json")
            .path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A valid value other than the default, written as a flag or variable would write it.
    static func sample(for setting: Setting) -> String {
        switch setting.kind {
        case .integer: setting == .port ? "9999" : "7"
        case .seconds: "7"
        case .boolean: "true"
        case .text:
            switch setting {
            case .databaseURL: "postgres://meter@db.internal:5432/s2v_meter"
            case .upstreamURL: "http://upstream.internal/api/v1"
            case .logLevel: "debug"
            case .logFormat: "json"
            case .accountName: "account-7"
            case .host: "10.1.2.3"
            case .webhookAllowHosts: "hooks.internal,10.0.0.5"
            case .metricsTagKeys: "project,cost_center"
            default: "/tmp/s2v-settings-\(setting.key)"
            }
        }
    }

    static func jsonValue(_ text: String, kind: Setting.Kind) -> Any {
        switch kind {
        case .integer: Int(text)!
        case .seconds: Double(text)!
        case .boolean: text == "true"
        case .text: text
        }
    }

    static var projectRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}
