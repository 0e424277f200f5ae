import S2VCore

/// Where one alert delivery goes, decided just before it is sent: the webhook's URL passed the address rule,
/// and so did every address its host resolves to at this moment.
///
/// Between that check and the connection, DNS could answer differently (rebinding): a name that resolved to a
/// public address for the check could resolve to 127.0.0.1 for the connection. So:
/// - an `http` URL is sent to the checked address itself (the URL with that address as its host), with the
///   original host and port in the `Host` header; the client does no DNS of its own. AsyncHTTPClient keeps an
///   explicit `Host` header (`addHostIfNeeded` adds one only when there is none).
/// - an `https` URL is sent by name. TLS checks the server's certificate against that name, so a connection
///   that a rebinding sent to another machine fails in the handshake, before any request is sent: at most a
///   TCP connection and a TLS ClientHello reach it.
struct WebhookDestination: Sendable {
    /// The URL the HTTP client is given.
    var connectURL: String
    /// The `Host` header to send, when `connectURL` names the checked address instead of the URL's host.
    var hostHeader: String?
    /// The addresses the host resolved to, all checked.
    var addresses: [IPAddress]

    /// Checks `url` and the addresses of its host now.
    ///
    /// - Throws: ``WebhookAddressRefusal`` when the rule refuses the URL or an address; the resolver's error when
    ///   the host does not resolve.
    static func vet(
        _ url: String,
        rule: WebhookAddressRule,
        resolver: some WebhookResolver
    ) async throws -> WebhookDestination {
        let target = try rule.check(url: url)
        let addresses =
            if let literal = target.literal { [literal] } else { try await resolver.addresses(of: target.host) }
        try rule.check(addresses: addresses, of: target)
        guard target.scheme == "http" else {
            return WebhookDestination(connectURL: url, hostHeader: nil, addresses: addresses)
        }
        guard let address = addresses.first, let pinned = target.pinned(to: address) else {
            throw WebhookAddressRefusal(
                "the webhook URL '\(url)' cannot be addressed to \(addresses.first.map(String.init(describing:)) ?? "no address")."
            )
        }
        return WebhookDestination(connectURL: pinned, hostHeader: target.hostHeader, addresses: addresses)
    }
}
