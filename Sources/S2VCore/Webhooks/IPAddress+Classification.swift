extension IPAddress {
    /// The address's kind, from the IANA special-purpose address registries: an address is `.global` only if it
    /// is in no range that is not globally reachable. IPv6 forms that carry an IPv4 address (IPv4-mapped,
    /// IPv4-compatible, NAT64's 64:ff9b::/96, 6to4) are classified by the IPv4 address they carry, and IPv6
    /// outside the global unicast block 2000::/3 is reserved.
    public var classification: IPAddressClassification {
        switch self {
        case .v4(let value):
            for range in Self.ipv4Ranges where value >> (32 - range.length) == range.prefix >> (32 - range.length) {
                return IPAddressClassification(
                    kind: range.kind,
                    range: "\(Self.dottedQuad(range.prefix))/\(range.length)"
                )
            }
            return IPAddressClassification(kind: .global, range: "")
        case .v6(let value):
            if value == 0 { return IPAddressClassification(kind: .unspecified, range: "::/128") }
            if value == 1 { return IPAddressClassification(kind: .loopback, range: "::1/128") }
            for form in Self.ipv4Carriers where value >> (128 - form.length) == form.prefix >> (128 - form.length) {
                let carried = IPAddress.v4(UInt32(truncatingIfNeeded: value >> form.shift))
                var classification = carried.classification
                guard classification.kind != .global else { return classification }
                classification.carried = (form.name, carried)
                return classification
            }
            for range in Self.ipv6Ranges where value >> (128 - range.length) == range.prefix >> (128 - range.length) {
                return IPAddressClassification(kind: range.kind, range: "\(IPAddress.v6(range.prefix))/\(range.length)")
            }
            // 2000::/3 is the only block allocated for global unicast.
            guard value >> 125 == 1 else { return IPAddressClassification(kind: .reserved, range: "outside 2000::/3") }
            return IPAddressClassification(kind: .global, range: "")
        }
    }

    /// Whether the address is reachable by anyone on the internet.
    public var isGlobal: Bool { self.classification.kind == .global }

    private struct Range {
        var prefix: UInt32
        var length: Int
        var kind: IPAddressKind
    }

    private struct Range6 {
        var prefix: UInt128
        var length: Int
        var kind: IPAddressKind
    }

    private struct Carrier {
        var prefix: UInt128
        var length: Int
        /// How far right the carried IPv4 address sits.
        var shift: Int
        var name: String
    }

    /// Most specific first.
    private static let ipv4Ranges: [Range] = [
        // "This network"; 0.0.0.0 reaches this host on Linux.
        Range(prefix: 0x0000_0000, length: 8, kind: .unspecified),
        Range(prefix: 0x0a00_0000, length: 8, kind: .private),
        Range(prefix: 0x6440_0000, length: 10, kind: .private),  // shared address space (carrier-grade NAT)
        Range(prefix: 0x7f00_0000, length: 8, kind: .loopback),
        Range(prefix: 0xa9fe_0000, length: 16, kind: .linkLocal),  // cloud metadata services live here
        Range(prefix: 0xac10_0000, length: 12, kind: .private),
        Range(prefix: 0xc000_0000, length: 24, kind: .reserved),  // IETF protocol assignments
        Range(prefix: 0xc000_0200, length: 24, kind: .reserved),  // documentation (TEST-NET-1)
        Range(prefix: 0xc0a8_0000, length: 16, kind: .private),
        Range(prefix: 0xc612_0000, length: 15, kind: .reserved),  // benchmarking
        Range(prefix: 0xc633_6400, length: 24, kind: .reserved),  // documentation (TEST-NET-2)
        Range(prefix: 0xcb00_7100, length: 24, kind: .reserved),  // documentation (TEST-NET-3)
        Range(prefix: 0xe000_0000, length: 4, kind: .multicast),
        Range(prefix: 0xffff_ffff, length: 32, kind: .broadcast),
        Range(prefix: 0xf000_0000, length: 4, kind: .reserved),  // reserved for future use
    ]

    private static let ipv4Carriers: [Carrier] = [
        Carrier(prefix: 0xffff_0000_0000, length: 96, shift: 0, name: "an IPv4-mapped IPv6 form"),
        Carrier(prefix: 0, length: 96, shift: 0, name: "an IPv4-compatible IPv6 form"),
        Carrier(prefix: UInt128(0x64_ff9b) << 96, length: 96, shift: 0, name: "a NAT64 (64:ff9b::/96) form"),
        Carrier(prefix: UInt128(0x2002) << 112, length: 16, shift: 80, name: "a 6to4 (2002::/16) form"),
    ]

    private static let ipv6Ranges: [Range6] = [
        Range6(prefix: UInt128(0xff) << 120, length: 8, kind: .multicast),
        Range6(prefix: UInt128(0xfe80) << 112, length: 10, kind: .linkLocal),
        Range6(prefix: UInt128(0xfec0) << 112, length: 10, kind: .private),  // site-local, deprecated
        Range6(prefix: UInt128(0xfc00) << 112, length: 7, kind: .private),  // unique local
        Range6(prefix: UInt128(0x2001_0db8) << 96, length: 32, kind: .reserved),  // documentation
        Range6(prefix: UInt128(0x2001) << 112, length: 23, kind: .reserved),  // IETF protocol assignments, Teredo
        Range6(prefix: UInt128(0x3fff) << 112, length: 20, kind: .reserved),  // documentation
    ]
}
