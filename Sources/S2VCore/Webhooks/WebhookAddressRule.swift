import Foundation

/// Where budget alerts may be sent: an `http` or `https` URL on a port from 1 to 65535, whose host is a public
/// address. Loopback, link-local, private, multicast, unspecified, broadcast and reserved addresses are refused
/// (see ``IPAddress/classification``), in every spelling a resolver accepts, and so are the names `localhost`
/// and `*.localhost`. Hosts listed as allowed (a team's internal receiver) may be at any address.
///
/// The rule is applied twice. When a budget is set, to the URL as written, without DNS: a literal address is
/// checked, a name is not resolved. When an alert is delivered, to every address the host resolves to, just
/// before the request is sent to one of them (``check(addresses:of:)``).
public struct WebhookAddressRule: Sendable, Equatable {
    /// Host names, lowercased and without a trailing dot, whose receivers may be at any address.
    public let allowedHosts: Set<String>

    public init(allowedHosts: some Sequence<String> = [String]()) {
        self.allowedHosts = Set(allowedHosts.map(Self.normalized))
    }

    /// Whether `host` is an allowed private host: an exact match, ignoring case, brackets and a trailing dot.
    public func allows(host: String) -> Bool {
        self.allowedHosts.contains(Self.normalized(host))
    }

    /// Checks a webhook URL as written: its scheme, its port, and its host if that is a literal address or a
    /// `localhost` name. A host name is not resolved here.
    public func check(url text: String) throws(WebhookAddressRefusal) -> WebhookTarget {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw WebhookAddressRefusal("the webhook must be an http(s) URL; got '\(text)'.")
        }
        guard let host = url.host, !host.isEmpty else {
            throw WebhookAddressRefusal("the webhook URL '\(text)' has no host.")
        }
        guard Self.isWellFormed(host: host) else {
            throw WebhookAddressRefusal(
                """
                the webhook host in '\(text)' must be a DNS name (in ASCII; punycode for other scripts) or an IP address.
                """
            )
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else {
            throw WebhookAddressRefusal("the webhook port \(port) is out of range: a port is 1 to 65535.")
        }
        let target = WebhookTarget(url: url, scheme: scheme, host: host, port: port)
        if self.allows(host: host) { return target }
        let name = Self.normalized(host)
        if name == "localhost" || name.hasSuffix(".localhost") {
            throw WebhookAddressRefusal(
                "the webhook host \(host) names this machine (a loopback name)" + Self.advice,
                kind: .loopback
            )
        }
        if let literal = target.literal {
            let classification = literal.classification
            guard classification.kind == .global else {
                throw WebhookAddressRefusal(
                    "the webhook host \(host) is \(classification.explanation)" + Self.advice,
                    kind: classification.kind
                )
            }
        }
        return target
    }

    /// Checks the addresses `target`'s host resolved to, at delivery: every one must be public, unless the host
    /// is allowed. One private address among public ones is enough to refuse, since a client may connect to any.
    public func check(addresses: [IPAddress], of target: WebhookTarget) throws(WebhookAddressRefusal) {
        guard !addresses.isEmpty else {
            throw WebhookAddressRefusal("the webhook host \(target.host) resolved to no address.")
        }
        if self.allows(host: target.host) { return }
        for address in addresses {
            let classification = address.classification
            guard classification.kind == .global else {
                throw WebhookAddressRefusal(
                    "the webhook host \(target.host) resolved to \(address), \(classification.explanation)"
                        + Self.advice,
                    kind: classification.kind
                )
            }
        }
    }

    private static let advice = """
        ; budget alerts go only to public addresses, unless the host is listed in the webhook-allow-hosts setting.
        """

    /// Lowercased, without IPv6 brackets or a trailing dot: `Hooks.Example.` and `hooks.example` are one host.
    static func normalized(_ host: String) -> String {
        var text = Substring(host.lowercased())
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }

    /// Letters, digits, `-`, `_` and `.` for a name; an IPv6 literal may also have `:` and a `%zone`. Nothing
    /// else, so no host can smuggle spaces or line breaks into a `Host` header.
    public static func isWellFormed(host: String) -> Bool {
        let allowed = host.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.:%".unicodeScalars.contains(scalar))
        }
        guard allowed else { return false }
        guard host.contains(":") else { return !host.contains("%") }
        return IPAddress(hostLiteral: host) != nil
    }
}
