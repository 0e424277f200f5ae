import S2VCore
import Testing

/// Where budget alerts may go: public addresses over http(s) on a real port, however the address is spelt,
/// and any address of an allowed internal host.
@Suite struct WebhookAddressRuleTests {
    let rule = WebhookAddressRule()

    @Test(arguments: [
        ("http://127.0.0.1/", IPAddressKind.loopback), ("http://127.0.0.1:8080/hook", .loopback),
        ("http://0x7f000001/", .loopback),
        ("http://2130706433/", .loopback), ("http://0177.0.0.1/", .loopback), ("http://127.1/", .loopback),
        ("http://127.0.0.1./", .loopback), ("http://[::1]/", .loopback), ("http://[0:0:0:0:0:0:0:1]:9/", .loopback),
        ("http://localhost/", .loopback), ("http://LOCALHOST./", .loopback), ("http://api.localhost/", .loopback),
        ("http://%6c%6fcalhost/", .loopback),
        ("http://169.254.169.254/latest/meta-data", .linkLocal), ("http://0xa9fea9fe/", .linkLocal),
        ("http://[fe80::1]/", .linkLocal),
        ("http://[fe80::1%25eth0]/", .linkLocal), ("http://[febf::1]/", .linkLocal),
        ("http://10.0.0.1/", .private), ("http://10.255.255.255/", .private), ("http://172.16.0.1/", .private),
        ("http://172.31.255.254/", .private), ("http://192.168.1.1/", .private), ("http://100.64.0.1/", .private),
        ("http://100.127.255.255/", .private), ("http://[fc00::1]/", .private), ("http://[fd12:3456::1]/", .private),
        ("http://224.0.0.1/", .multicast), ("http://239.255.255.250/", .multicast), ("http://[ff02::1]/", .multicast),
        ("http://0.0.0.0/", .unspecified), ("http://0/", .unspecified), ("http://[::]/", .unspecified),
        ("http://0.1.2.3/", .unspecified),
        ("http://255.255.255.255/", .broadcast), ("http://4294967295/", .broadcast),
        ("http://240.0.0.1/", .reserved), ("http://192.0.2.1/", .reserved), ("http://198.18.0.1/", .reserved),
        ("http://[2001:db8::1]/", .reserved), ("http://[100::1]/", .reserved), ("http://[2001::1]/", .reserved),
        // IPv6 forms that carry an IPv4 address are judged by that address.
        ("http://[::ffff:127.0.0.1]/", .loopback), ("http://[::ffff:7f00:1]/", .loopback),
        ("http://[::ffff:169.254.169.254]/", .linkLocal),
        ("http://[::ffff:10.0.0.1]/", .private), ("http://[::127.0.0.1]/", .loopback),
        ("http://[::a9fe:a9fe]/", .linkLocal),
        ("http://[64:ff9b::7f00:1]/", .loopback), ("http://[2002:7f00:1::1]/", .loopback),
        ("http://[2002:c0a8:101::]/", .private),
        ("https://127.0.0.1/", .loopback), ("HTTPS://[::1]:443/", .loopback),
    ])
    func nonPublicAddressesAreRefusedInEverySpelling(url: String, kind: IPAddressKind) {
        let refusal = #expect(throws: WebhookAddressRefusal.self, "\(url)") { try self.rule.check(url: url) }
        #expect(refusal?.kind == kind, "\(url): \(refusal?.message ?? "-")")
        #expect(refusal?.message.contains("webhook-allow-hosts") == true)
    }

    @Test(arguments: [
        "https://hooks.example.com/budget", "http://hooks.example.com:8080/b?x=1", "http://8.8.8.8/",
        "http://0x08080808/",
        "http://[2606:4700:4700::1111]/", "http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/", "https://h:1/",
        "https://h:65535/", "http://100.63.255.255/", "http://100.128.0.1/", "http://172.32.0.1/", "http://11.0.0.1/",
        "http://my-localhost.example/", "http://localhost.example/",
    ])
    func publicAddressesAndNamesPass(url: String) throws {
        _ = try self.rule.check(url: url)
    }

    @Test func theMessageNamesTheHostAndWhy() {
        let refusal = #expect(throws: WebhookAddressRefusal.self) { try self.rule.check(url: "http://0x7f000001/") }
        #expect(
            refusal?.message.hasPrefix("the webhook host 0x7f000001 is a loopback address (127.0.0.0/8)") == true,
            "\(refusal?.message ?? "-")"
        )
        let mapped = #expect(throws: WebhookAddressRefusal.self) {
            try self.rule.check(url: "http://[::ffff:169.254.169.254]/")
        }
        #expect(
            mapped?.message.contains(
                "an IPv4-mapped IPv6 form of 169.254.169.254, a link-local address (169.254.0.0/16)"
            ) == true,
            "\(mapped?.message ?? "-")"
        )
    }

    @Test(arguments: [
        ("ftp://hooks.example.com/", "http(s) URL"), ("file:///etc/passwd", "http(s) URL"),
        ("gopher://h/", "http(s) URL"), ("hooks.example.com/b", "http(s) URL"), ("http:///path", "no host"),
        ("http://h:99999/", "port 99999 is out of range"), ("http://h:0/", "port 0 is out of range"),
        ("https://h:65536/", "out of range"), ("http://[::1]:99999/", "out of range"),
        ("http://a%0d%0aX-Injected:1/", "DNS name"), ("http://exa%20mple.com/", "DNS name"),
        ("http://[::1%25%0d%0a]/", "DNS name"),
    ])
    func badSchemesPortsAndHostsAreRefused(url: String, message: String) {
        let refusal = #expect(throws: WebhookAddressRefusal.self, "\(url)") { try self.rule.check(url: url) }
        #expect(refusal?.message.contains(message) == true, "\(url): \(refusal?.message ?? "-")")
    }

    @Test func allowedHostsMayBeAtAnyAddressButKeepTheSchemeAndPortRules() throws {
        let rule = WebhookAddressRule(allowedHosts: ["Hooks.Internal", "127.0.0.1", "[fd00::5]", "localhost"])
        _ = try rule.check(url: "http://hooks.internal:9000/b")
        _ = try rule.check(url: "http://HOOKS.INTERNAL./b")
        _ = try rule.check(url: "http://127.0.0.1:8080/hook")
        _ = try rule.check(url: "http://[fd00::5]/")
        _ = try rule.check(url: "http://localhost:1/")
        // The match is exact: another spelling of an allowed address is not the allowed host.
        #expect(throws: WebhookAddressRefusal.self) { try rule.check(url: "http://0x7f000001/") }
        let subdomain = try rule.check(url: "http://sub.hooks.internal/")
        #expect(throws: WebhookAddressRefusal.self) { try rule.check(addresses: [.v4(0x0a00_0001)], of: subdomain) }
        #expect(throws: WebhookAddressRefusal.self) { try rule.check(url: "ftp://hooks.internal/") }
        #expect(throws: WebhookAddressRefusal.self) { try rule.check(url: "http://hooks.internal:99999/") }

        let target = try rule.check(url: "http://hooks.internal/")
        try rule.check(addresses: [.v4(0x7f00_0001), .v6(1)], of: target)
    }

    /// At delivery every resolved address counts: one loopback address among public ones is enough.
    @Test func resolvedAddressesAreEachChecked() throws {
        let target = try self.rule.check(url: "https://hooks.example.com/b")
        try self.rule.check(
            addresses: [.v4(0x0808_0808), try #require(IPAddress(hostLiteral: "2606:4700::1"))],
            of: target
        )
        let refusal = #expect(throws: WebhookAddressRefusal.self) {
            try self.rule.check(addresses: [.v4(0x0808_0808), .v4(0x7f00_0001)], of: target)
        }
        #expect(
            refusal?.message.contains("resolved to 127.0.0.1, a loopback address") == true,
            "\(refusal?.message ?? "-")"
        )
        #expect(throws: WebhookAddressRefusal.self) { try self.rule.check(addresses: [], of: target) }
        #expect(throws: WebhookAddressRefusal.self) {
            try self.rule.check(addresses: [try #require(IPAddress(hostLiteral: "::ffff:10.1.2.3"))], of: target)
        }
    }

    /// An http URL is pinned to the checked address, with the original host and port in `Host`.
    @Test func aTargetIsPinnedToItsCheckedAddress() throws {
        let target = try self.rule.check(url: "http://user@hooks.example.com:8080/a%20b/c?x=1&y=%2F#frag")
        #expect(target.pinned(to: .v4(0x0808_0808)) == "http://user@8.8.8.8:8080/a%20b/c?x=1&y=%2F")
        #expect(target.pinned(to: .v6(1)) == "http://user@[::1]:8080/a%20b/c?x=1&y=%2F")
        #expect(target.hostHeader == "hooks.example.com:8080")
        let plain = try self.rule.check(url: "http://Hooks.Example.com/b")
        #expect(plain.hostHeader == "Hooks.Example.com")
        #expect(plain.pinned(to: .v4(0x0808_0808)) == "http://8.8.8.8:80/b")
        #expect(try self.rule.check(url: "https://[2606:4700::1]:8443/").hostHeader == "[2606:4700::1]:8443")
    }
}
