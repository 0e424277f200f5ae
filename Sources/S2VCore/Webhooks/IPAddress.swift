/// An IPv4 or IPv6 address as a number: what a webhook's host is, or what it resolves to.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// In host byte order: `127.0.0.1` is `0x7f00_0001`.
    case v4(UInt32)
    /// In host byte order: `::1` is `1`.
    case v6(UInt128)

    /// The canonical text: a dotted quad, or RFC 5952's IPv6 form (lowercase, the longest run of zero groups
    /// as `::`, an IPv4-mapped address with its IPv4 part dotted).
    public var description: String {
        switch self {
        case .v4(let value):
            return Self.dottedQuad(value)
        case .v6(let value):
            if value >> 32 == 0xffff { return "::ffff:" + Self.dottedQuad(UInt32(truncatingIfNeeded: value)) }
            let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
            return Self.compressed(groups)
        }
    }

    /// The address as the host of a URL: IPv6 in brackets.
    public var uriHost: String {
        switch self {
        case .v4: self.description
        case .v6: "[\(self.description)]"
        }
    }

    static func dottedQuad(_ value: UInt32) -> String {
        (0..<4).map { String((value >> (24 - 8 * $0)) & 0xff) }.joined(separator: ".")
    }

    /// RFC 5952 section 4.2: the first longest run of two or more zero groups becomes `::`.
    private static func compressed(_ groups: [UInt16]) -> String {
        var best: Range<Int>?
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
