import S2VCore
import S2VGateway

/// A resolver with names of its own, for tests: the gateway checks, and connects to, the addresses it gives,
/// while real DNS knows none of these names (`.test` is reserved for testing).
struct StaticWebhookResolver: WebhookResolver {
    struct UnknownName: Error {
        var host: String
    }

    let names: [String: [IPAddress]]

    func addresses(of host: String) async throws -> [IPAddress] {
        guard let addresses = self.names[host.lowercased()] else { throw UnknownName(host: host) }
        return addresses
    }
}
