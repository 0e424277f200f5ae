import Foundation
import NIOHTTP1
import S2VCore
import S2VGateway
import Testing

/// Budget webhooks go only to public addresses: a non-public one is refused when the budget is set, and a name
/// that resolves to one is refused at every delivery, unless the host is on the allow-list.
@Suite struct WebhookAddressTests {
    /// A name only the test resolver knows, resolving to this machine.
    static let rebindingName = "rebind.test"
    static let resolver = StaticWebhookResolver(names: [Self.rebindingName: [.v4(0x7f00_0001)]])

    static func delivery(allowing hosts: [String]) -> @Sendable (inout GatewayConfiguration) -> Void {
        { configuration in
            configuration.alerts = AlertDeliverySettings(
                pollInterval: .milliseconds(100),
                initialBackoff: .milliseconds(200),
                maximumBackoff: .milliseconds(600),
                timeout: .seconds(2),
                addresses: WebhookAddressRule(allowedHosts: hosts)
            )
        }
    }

    @Test func nonPublicWebhooksAreRefusedWhenTheBudgetIsSet() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let cases: [(String, String)] = [
            ("http://127.0.0.1/", "the webhook host 127.0.0.1 is a loopback address"),
            ("http://[::1]/", "the webhook host ::1 is a loopback address"),
            ("http://0x7f000001/", "the webhook host 0x7f000001 is a loopback address (127.0.0.0/8)"),
            ("http://169.254.169.254/latest/meta-data/", "is a link-local address (169.254.0.0/16)"),
            ("http://[::ffff:169.254.169.254]/", "IPv4-mapped IPv6 form of 169.254.169.254"),
            ("http://10.0.0.8:8080/hook", "is a private address (10.0.0.0/8)"),
            ("http://localhost:8080/hook", "names this machine"),
            ("https://hooks.example.com:99999/b", "the webhook port 99999 is out of range"),
            ("ftp://hooks.example.com/b", "must be an http(s) URL"),
        ]
        for (url, message) in cases {
            let reply = try await harness.send(
                .POST,
                "/v1/budgets",
                key: admin,
                body: """
                    {"scope": "global", "limit": "1", "period": "day", "webhook_url": "\(url)"}
                    """
            )
            #expect(reply.status == 400, "\(url): \(reply.text)")
            #expect(reply.json["code"] as? String == "InvalidParameter")
            #expect((reply.json["message"] as? String)?.contains(message) == true, "\(url): \(reply.text)")
        }
        #expect(try await harness.scalar("SELECT count(*) FROM budgets", as: Int.self) == 0)
        // A public name is accepted as written; it is resolved and checked at each delivery.
        let accepted = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "global", "limit": "1", "period": "day", "webhook_url": "https://hooks.example.com/b"}
                """
        )
        #expect(accepted.status == 201, "\(accepted.text)")
        await harness.stop()
    }

    /// The name passes when the budget is set, but resolves to 127.0.0.1 when the alert is due: nothing is sent,
    /// and the attempt is recorded as failed with the reason.
    @Test(.timeLimit(.minutes(5))) func aNameThatResolvesToLoopbackGetsNoDelivery() async throws {
        let harness = try await GatewayHarness.start(
            gateway: Self.delivery(allowing: []),
            webhookResolver: Self.resolver
        )
        let receiver = try WebhookReceiver()
        try await receiver.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("acme")
        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.000574", "period": "month", "alert_thresholds": [100],
                 "webhook_url": "http://\(Self.rebindingName):\(receiver.port)/hook"}
                """
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(try await harness.detect(key: key).status == 200)

        try await BudgetAlertTests.waitUntil {
            try await harness.scalar("SELECT min(attempts) FROM budget_alerts", as: Int.self) ?? 0 >= 2
        }
        let error = try await harness.scalar("SELECT last_error FROM budget_alerts", as: String.self)
        #expect(
            error?.contains("not sent: the webhook host rebind.test resolved to 127.0.0.1, a loopback address") == true,
            "\(error ?? "-")"
        )
        #expect(
            try await harness.scalar("SELECT count(*) FROM budget_alerts WHERE delivered_at IS NOT NULL", as: Int.self)
                == 0
        )
        #expect(receiver.deliveries.isEmpty, "the receiver on 127.0.0.1 got \(receiver.deliveries.count) requests")
        await receiver.stop()
        await harness.stop()
    }

    /// Listed in the allow-list, the same name is delivered to. The name exists only in the test resolver, so the
    /// request reached the receiver through the checked address (pinned), with the name in `Host`.
    @Test(.timeLimit(.minutes(5))) func anAllowedNameIsDeliveredToItsCheckedAddress() async throws {
        let harness = try await GatewayHarness.start(
            gateway: Self.delivery(allowing: [Self.rebindingName]),
            webhookResolver: Self.resolver
        )
        let receiver = try WebhookReceiver()
        try await receiver.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("acme")
        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.000574", "period": "month", "alert_thresholds": [100],
                 "webhook_url": "http://\(Self.rebindingName):\(receiver.port)/hook?source=s2v"}
                """
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(try await harness.detect(key: key).status == 200)

        try await BudgetAlertTests.waitUntil { !receiver.deliveries.isEmpty }
        let delivery = try #require(receiver.deliveries.first)
        #expect(delivery.host == "\(Self.rebindingName):\(receiver.port)")
        #expect(delivery.json["type"] as? String == "budget.threshold_crossed")
        try await BudgetAlertTests.waitUntil {
            try await harness.scalar("SELECT count(*) FROM budget_alerts WHERE delivered_at IS NOT NULL", as: Int.self)
                == 1
        }
        await receiver.stop()
        await harness.stop()
    }

    /// A receiver may answer with a redirect; it is not followed, since it could lead to any address.
    @Test(.timeLimit(.minutes(5))) func aRedirectIsNotFollowed() async throws {
        let harness = try await GatewayHarness.start(gateway: Self.delivery(allowing: ["127.0.0.1"]))
        let target = try WebhookReceiver()
        try await target.start()
        let redirecting = try WebhookReceiver(redirectingTo: "http://localhost:\(target.port)/hook")
        try await redirecting.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("acme")
        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.000574", "period": "month", "alert_thresholds": [100],
                 "webhook_url": "\(redirecting.url)"}
                """
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(try await harness.detect(key: key).status == 200)

        try await BudgetAlertTests.waitUntil { redirecting.deliveries.count >= 2 }
        #expect(try await harness.scalar("SELECT last_error FROM budget_alerts", as: String.self) == "HTTP 307")
        #expect(target.deliveries.isEmpty, "the redirect was followed to localhost")
        await redirecting.stop()
        await target.stop()
        await harness.stop()
    }
}
