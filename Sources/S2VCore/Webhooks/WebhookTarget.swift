import Foundation

/// A webhook URL that passed ``WebhookAddressRule/check(url:)``, taken apart the way AsyncHTTPClient takes it
/// apart (Foundation's `URL.host`, brackets removed), so what was checked is what would be connected to.
public struct WebhookTarget: Sendable, Equatable {
    public let url: URL
    /// `http` or `https`.
    public let scheme: String
    /// The host as an HTTP client reads it from the URL: percent-decoded, IPv6 without brackets.
    public let host: String
    /// The port connected to: the URL's, else the scheme's default.
    public let port: Int
    /// The host read as an address literal (in every form `inet_aton` accepts), or nil for a host name.
    public let literal: IPAddress?

    init(url: URL, scheme: String, host: String, port: Int) {
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.literal = IPAddress(hostLiteral: host)
    }

    /// The scheme's port when the URL names none.
    public var defaultPort: Int { self.scheme == "https" ? 443 : 80 }

    /// The `Host` header a client sends for this URL: the host (IPv6 in brackets), with the port unless it is
    /// the scheme's default.
    public var hostHeader: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return self.port == self.defaultPort ? host : "\(host):\(self.port)"
    }

    /// The same URL with its host replaced by `address` and the port written out: sent there with
    /// ``hostHeader``, the request is the one the URL names, but goes to an address that was checked, whatever
    /// the host's DNS answers a moment later. nil if the URL cannot be rebuilt (never for a checked URL); the
    /// caller must then not send.
    public func pinned(to address: IPAddress) -> String? {
        guard var components = URLComponents(url: self.url, resolvingAgainstBaseURL: false) else { return nil }
        components.percentEncodedHost = address.uriHost
        components.port = self.port
        components.fragment = nil
        return components.string
    }
}
