/// An address's kind, the special-purpose range that gave it, and the IPv4 address an IPv6 form carries.
public struct IPAddressClassification: Sendable, Equatable {
    public var kind: IPAddressKind
    /// The range, such as `127.0.0.0/8 (loopback)`; empty for a global address.
    public var range: String
    /// For an IPv6 form that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4): the form's
    /// name and the address it carries, which is what was classified.
    public var carried: (form: String, address: IPAddress)?

    public init(kind: IPAddressKind, range: String, carried: (form: String, address: IPAddress)? = nil) {
        self.kind = kind
        self.range = range
        self.carried = carried
    }

    /// Why the address is not public, in words: "a loopback address (127.0.0.0/8)", or for a carried address
    /// "an IPv4-mapped form of 127.0.0.1, a loopback address (127.0.0.0/8)".
    public var explanation: String {
        let own = self.range.isEmpty ? self.kind.phrase : "\(self.kind.phrase) (\(self.range))"
        guard let carried = self.carried else { return own }
        return "\(carried.form) of \(carried.address), \(own)"
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind && lhs.range == rhs.range && lhs.carried?.form == rhs.carried?.form
            && lhs.carried?.address == rhs.carried?.address
    }
}
