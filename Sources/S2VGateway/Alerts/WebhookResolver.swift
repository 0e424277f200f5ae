import S2VCore

/// Resolves a webhook's host name to the addresses a connection to it could reach, so that each can be checked
/// before an alert is sent. The gateway uses ``SystemWebhookResolver``; tests give names addresses of their own.
public protocol WebhookResolver: Sendable {
    /// Every address `host` resolves to (IPv4 and IPv6); throws if it resolves to none.
    func addresses(of host: String) async throws -> [IPAddress]
}
