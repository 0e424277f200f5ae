import S2VCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Address literals are read exactly as the system's resolver reads them: IPv4 in every form `inet_aton`
/// accepts, IPv6 as `inet_pton` does. Checked against the C library itself.
@Suite struct IPAddressParsingTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0X7F000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("127.0.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"), ("0x7f.0.0.0x1", "127.0.0.1"), ("169.254.169.254", "169.254.169.254"),
        ("0xa9fea9fe", "169.254.169.254"), ("0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("4294967295", "255.255.255.255"), ("10.1", "10.0.0.1"), ("000000000000000000000010.0.0.1", "8.0.0.1"),
    ])
    func everyIPv4SpellingIsRead(text: String, address: String) {
        #expect(IPAddress(inetAtonText: text)?.description == address, "\(text)")
        #expect(IPAddress(hostLiteral: text)?.description == address, "\(text)")
    }

    @Test(arguments: [
        "", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "4294967296", "08", "0x", "0x.1", "1..2", ".1", "1.", "a.b.c.d",
        "1.2.3.0x100", "1.16777216", "1.2.65536", "-1", "+1", " 1.2.3.4", "1.2.3.4x", "example.com",
    ])
    func nonIPv4TextIsNotAnAddress(text: String) {
        #expect(IPAddress(inetAtonText: text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("::1", "::1"), ("::", "::"), ("[::1]", "::1"), ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("::ffff:7f00:1", "::ffff:127.0.0.1"),
        ("0:0:0:0:0:0:0:1", "::1"), ("fe80::1%eth0", "fe80::1"), ("FE80::ABCD", "fe80::abcd"),
        ("::127.0.0.1", "::7f00:1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe"),
    ])
    func ipv6IsReadAndWrittenCanonically(text: String, address: String) {
        #expect(IPAddress(hostLiteral: text)?.description == address, "\(text)")
    }

    @Test func aTrailingDotIsIgnoredInAHostLiteral() {
        #expect(IPAddress(hostLiteral: "127.0.0.1.") == .v4(0x7f00_0001))
        #expect(IPAddress(hostLiteral: "hooks.example.com") == nil)
        #expect(IPAddress(hostLiteral: "1.2.3.4.example") == nil)
    }

    /// Random short strings over the characters that matter, and every value agrees with glibc's `inet_aton`.
    @Test func ipv4AgreesWithInetAton() {
        var generator = LiteralTextGenerator(seed: 13)
        let alphabet = Array("0123456789xXabfAF.. ")
        for length in 1...14 {
            for _ in 0..<4000 {
                let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
                var address = in_addr()
                let system: UInt32? = inet_aton(text, &address) == 1 ? UInt32(bigEndian: address.s_addr) : nil
                let ours: UInt32? = if case .v4(let value) = IPAddress(inetAtonText: text) { value } else { nil }
                #expect(ours == system, "'\(text)'")
                if ours != system { return }
            }
        }
    }

    /// The same for IPv6 against `inet_pton(AF_INET6, …)`.
    @Test func ipv6AgreesWithInetPton() {
        var generator = LiteralTextGenerator(seed: 6)
        let alphabet = Array("0123456789abcdefABCDEF:::::...ffff")
        let samples = [
            "::ffff:1.2.3.4", "1::", "::1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:8:9", ":1::2", "1::2::3",
            "::1.2.3.04", "::1.2.3", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "12345::", "::ffff:1.2.3.4.5",
        ]
        var texts = samples
        for length in 1...20 {
            for _ in 0..<3000 {
                texts.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
            }
        }
        for text in texts {
            var raw = in6_addr()
            let system: UInt128? =
                inet_pton(AF_INET6, text, &raw) == 1
                ? withUnsafeBytes(of: raw) { $0.reduce(UInt128(0)) { $0 << 8 | UInt128($1) } } : nil
            let ours: UInt128? = if case .v6(let value) = IPAddress(ipv6Text: text) { value } else { nil }
            #expect(ours == system, "'\(text)'")
            if ours != system { return }
        }
    }
}

/// SplitMix64: the same strings on every run.
private struct LiteralTextGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9e37_79b9_7f4a_7c15
        var value = self.state
        value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 31)
    }
}
