extension IPAddress {
    /// Reads a URL's host as an address literal, if it is one: an IPv6 address (brackets and a `%zone` allowed),
    /// or an IPv4 address in any form `inet_aton` accepts. A trailing dot is ignored. nil for a host name.
    ///
    /// Resolvers read numeric host names the way `inet_aton` does, so `0x7f000001`, `2130706433`, `0177.0.0.1` and
    /// `127.1` all reach 127.0.0.1: a check that read only dotted quads would let them through.
    public init?(hostLiteral host: String) {
        var text = Substring(host)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.contains(":") {
            // A zone (`fe80::1%eth0`) picks an interface, not another address.
            guard let address = Self(ipv6Text: text.prefix { $0 != "%" }) else { return nil }
            self = address
            return
        }
        if text.hasSuffix(".") { text = text.dropLast() }
        guard let address = Self(inetAtonText: text) else { return nil }
        self = address
    }

    /// Parses IPv4 text exactly as glibc's `inet_aton` does: one to four parts separated by dots, each decimal,
    /// octal (a leading `0`) or hexadecimal (`0x`); the last part fills the bytes left (`127.1` is 127.0.0.1,
    /// `2130706433` too). As in `inet_aton`, ASCII whitespace ends the address and what follows is ignored.
    public init?(inetAtonText text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var index = 0
        var parts: [UInt32] = []
        var value: UInt64 = 0
        while true {
            guard index < bytes.count, Self.isDecimalDigit(bytes[index]) else { return nil }
            // strtoul(_, _, 0): `0x` then hex digits is hexadecimal, a leading 0 is octal, else decimal.
            var base: UInt64 = 10
            if bytes[index] == UInt8(ascii: "0") {
                base = 8
                if index + 2 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x"),
                    Self.digitValue(bytes[index + 2], base: 16) != nil
                {
                    base = 16
                    index += 2
                }
            }
            value = 0
            while index < bytes.count, let digit = Self.digitValue(bytes[index], base: base) {
                value = value * base + digit
                guard value <= 0xffff_ffff else { return nil }
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { break }
            guard parts.count < 3, value <= 0xff else { return nil }
            parts.append(UInt32(value))
            index += 1
        }
        if index < bytes.count, !Self.isASCIISpace(bytes[index]) { return nil }
        let lastPartMaximum: [UInt64] = [0xffff_ffff, 0xff_ffff, 0xffff, 0xff]
        guard value <= lastPartMaximum[parts.count] else { return nil }
        var address = UInt32(value)
        for (position, part) in parts.enumerated() { address |= part << (24 - 8 * position) }
        self = .v4(address)
    }

    /// Parses IPv6 text exactly as glibc's `inet_pton(AF_INET6, …)` does: eight groups of one to four hex
    /// digits, one `::` for a run of zero groups, and optionally a dotted quad for the last 32 bits.
    public init?(ipv6Text text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var compressedAt: Int?
        var index = 0
        guard !bytes.isEmpty else { return nil }
        if bytes[0] == UInt8(ascii: ":") {
            guard bytes.count > 1, bytes[1] == UInt8(ascii: ":") else { return nil }
            index = 1
        }
        var tokenStart = index
        var digitsSeen = 0
        var value: UInt32 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let digit = Self.digitValue(byte, base: 16) {
                guard digitsSeen < 4 else { return nil }
                value = value << 4 | UInt32(digit)
                digitsSeen += 1
                continue
            }
            if byte == UInt8(ascii: ":") {
                tokenStart = index
                if digitsSeen == 0 {
                    guard compressedAt == nil else { return nil }
                    compressedAt = result.count
                    continue
                }
                guard index < bytes.count, result.count + 2 <= 16 else { return nil }
                result += [UInt8(value >> 8), UInt8(value & 0xff)]
                digitsSeen = 0
                value = 0
                continue
            }
            if byte == UInt8(ascii: "."), result.count + 4 <= 16,
                let quad = Self.strictDottedQuad(bytes[tokenStart...])
            {
                result += quad
                digitsSeen = 0
                break
            }
            return nil
        }
        if digitsSeen > 0 {
            guard result.count + 2 <= 16 else { return nil }
            result += [UInt8(value >> 8), UInt8(value & 0xff)]
        }
        if let compressedAt {
            // `::` must stand for at least one group.
            guard result.count < 16 else { return nil }
            result.insert(contentsOf: [UInt8](repeating: 0, count: 16 - result.count), at: compressedAt)
        }
        guard result.count == 16 else { return nil }
        self = .v6(result.reduce(UInt128(0)) { $0 << 8 | UInt128($1) })
    }

    /// `inet_pton(AF_INET, …)`: exactly four decimal parts of 0–255, without leading zeros.
    private static func strictDottedQuad(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var octets: [UInt8] = []
        var current: UInt32 = 0
        var sawDigit = false
        for byte in bytes {
            if Self.isDecimalDigit(byte) {
                if sawDigit, current == 0 { return nil }
                current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
                guard current <= 255 else { return nil }
                if !sawDigit {
                    guard octets.count < 4 else { return nil }
                    sawDigit = true
                }
            } else if byte == UInt8(ascii: "."), sawDigit {
                guard octets.count < 3 else { return nil }
                octets.append(UInt8(current))
                current = 0
                sawDigit = false
            } else {
                return nil
            }
        }
        guard sawDigit, octets.count == 3 else { return nil }
        return octets + [UInt8(current)]
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    private static func digitValue(_ byte: UInt8, base: UInt64) -> UInt64? {
        let value: UInt64
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
        return value < base ? value : nil
    }
}
