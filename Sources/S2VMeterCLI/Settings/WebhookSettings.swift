import Foundation
import S2VCore

/// The private hosts budget webhooks may point at (`webhook-allow-hosts`). `serve` reads it for alert delivery
/// and the admin API, `budgets set` for the CLI, so both accept the same webhooks.
struct WebhookSettings: Sendable, Equatable {
    /// Host names or IP addresses, lowercased, in the order given.
    let allowedHosts: [String]

    init(from source: SettingsSource) async throws {
        try self.init(list: try await source.text(.webhookAllowHosts) ?? "")
    }

    /// Reads a comma-separated list; spaces around entries and empty entries are ignored.
    init(list: String) throws {
        var hosts: [String] = []
        for entry in list.split(separator: ",") {
            var host = entry.trimmingCharacters(in: .whitespaces).lowercased()
            guard !host.isEmpty else { continue }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard WebhookAddressRule.isWellFormed(host: host) else {
                let setting = Setting.webhookAllowHosts
                throw SettingsError(
                    """
                    \(setting.key) (\(setting.flag), \(setting.environmentVariable)) must list host names or IP \
                    addresses separated by commas, without a scheme, port or path; got '\(entry)'
                    """
                )
            }
            hosts.append(host)
        }
        self.allowedHosts = hosts
    }

    /// The webhook address rule with these hosts allowed.
    var rule: WebhookAddressRule { WebhookAddressRule(allowedHosts: self.allowedHosts) }

    /// The value as `--print-settings` shows it.
    var displayValue: String { self.allowedHosts.isEmpty ? "-" : self.allowedHosts.joined(separator: ",") }
}
