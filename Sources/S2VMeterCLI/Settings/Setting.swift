import ArgumentParser

/// One setting of s2v-meter. Each is given the same way everywhere: a command-line flag `--key`, an environment
/// variable, or the key `key` of the JSON config file; `SettingsSource` reads them in that order of precedence.
struct Setting: Sendable, Hashable, CustomStringConvertible {
    /// How the value is written.
    enum Kind: String, Sendable {
        case text
        case integer
        case seconds
        case boolean
    }

    /// The config file key, and the flag's name without its dashes.
    let key: String
    let environmentVariable: String
    let kind: Kind
    /// The value used when no source gives one, written as a source would write it; nil when unset is meaningful.
    let defaultValue: String?
    /// What an unset value means, for settings without a default.
    let whenUnset: String
    let summary: String
    /// A secret (a password in a URL) is redacted wherever swift-configuration reports an access.
    let isSecret: Bool

    init(
        _ key: String,
        environmentVariable: String? = nil,
        kind: Kind,
        defaultValue: String?,
        whenUnset: String = "",
        summary: String,
        isSecret: Bool = false
    ) {
        self.key = key
        self.environmentVariable = environmentVariable ?? Self.prefixedEnvironmentVariable(for: key)
        self.kind = kind
        self.defaultValue = defaultValue
        self.whenUnset = whenUnset
        self.summary = summary
        self.isSecret = isSecret
    }

    var flag: String { "--" + self.key }

    var description: String { self.key }

    /// The default as the documentation shows it.
    var defaultDescription: String { self.defaultValue ?? self.whenUnset }

    /// The `--help` text: what it does, then where else it can come from.
    var help: ArgumentHelp {
        ArgumentHelp("\(self.summary) (env \(self.environmentVariable); default: \(self.defaultDescription))")
    }

    /// `poll-interval` → `S2V_METER_POLL_INTERVAL`.
    static func prefixedEnvironmentVariable(for key: String) -> String {
        "S2V_METER_" + key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }
}
