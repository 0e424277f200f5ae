/// What kind of address an IP address is, for deciding whether a webhook may be sent there.
///
/// Only `.global` addresses are reachable by anyone on the internet. Every other kind reaches the gateway's
/// own machine or network, or nothing at all.
public enum IPAddressKind: String, Sendable, CaseIterable {
    case global
    case loopback
    case linkLocal = "link-local"
    case `private`
    case multicast
    case unspecified
    case broadcast
    /// Special-purpose ranges that are not globally reachable: documentation, benchmarking, protocol
    /// assignments, addresses reserved for future use.
    case reserved

    /// "a loopback address", "an unspecified address", …
    public var phrase: String {
        switch self {
        case .global: "a public address"
        case .loopback: "a loopback address"
        case .linkLocal: "a link-local address"
        case .private: "a private address"
        case .multicast: "a multicast address"
        case .unspecified: "an unspecified address"
        case .broadcast: "the broadcast address"
        case .reserved: "a reserved address"
        }
    }
}
