import DashScopeSimulator
import Foundation
import NIOHTTP1
import S2VCore
import S2VGateway
import Testing

/// Budget alerts go through a durable outbox: a receiver that was down gets each one exactly once when it
/// comes back, however many instances deliver.
@Suite struct BudgetAlertTests {
    /// Fast retries, and the local receiver (127.0.0.1) allowed as an internal webhook host.
    static let fastDelivery: @Sendable (inout GatewayConfiguration) -> Void = {
        $0.alerts = AlertDeliverySettings(
            pollInterval: .milliseconds(100),
            initialBackoff: .milliseconds(200),
            maximumBackoff: .milliseconds(600),
            timeout: .seconds(2),
            addresses: WebhookAddressRule(allowedHosts: ["127.0.0.1"])
        )
    }

    @Test(.timeLimit(.minutes(5))) func aReceiverThatWasDownGetsEachAlertExactlyOnceFromTwoInstances() async throws {
        let first = try await GatewayHarness.start(gateway: Self.fastDelivery)
        let second = try await GatewayHarness.start(gateway: Self.fastDelivery, database: first.database)
        let receiver = try WebhookReceiver()
        let admin = try await first.makeAdminKey()
        let key = try await first.makeTeamKey("acme")

        // Four images fit: 50 % after two, 80 % and 100 % with the fourth, then a refusal.
        let created = try await first.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.002296", "period": "day", "webhook_url": "\(receiver.url)"}
                """
        )
        #expect(created.status == 201, "\(created.text)")
        for instance in [first, second, first, second] {
            #expect(try await instance.detect(key: key).status == 200)
        }
        #expect(try await second.detect(key: key).status == 403)
        #expect(try await first.detect(key: key).status == 403, "a second refusal is no new alert")

        // While the receiver is down, both instances keep retrying.
        try await Self.waitUntil {
            try await first.scalar("SELECT min(attempts) FROM budget_alerts", as: Int.self) ?? 0 >= 3
        }
        #expect(receiver.deliveries.isEmpty)

        try await receiver.start()
        try await Self.waitUntil {
            try await first.scalar("SELECT count(*) FROM budget_alerts WHERE delivered_at IS NULL", as: Int.self) == 0
        }
        // Time for any duplicate to arrive.
        try await Task.sleep(for: .seconds(1.5))
        // Each alert reaches the receiver under its own event id. A delivery whose answer comes after the 2 s
        // timeout (a loaded machine) is sent again with the same id, which the receiver deduplicates by; the two
        // instances never make a second event of one alert.
        let all = receiver.deliveries
        let ids = all.compactMap(\.eventID)
        #expect(ids.count == all.count, "every delivery carries X-S2V-Event-Id")
        #expect(Set(ids).count == 4, "\(all.map(\.json))")
        let deliveries = Set(ids).compactMap { id in all.first { $0.eventID == id } }
        #expect(deliveries.count == 4)
        let kinds = deliveries.map { "\($0.json["type"] as? String ?? "?") \($0.json["threshold"] as? String ?? "?")" }
        #expect(
            Set(kinds) == [
                "budget.threshold_crossed 50", "budget.threshold_crossed 80", "budget.threshold_crossed 100",
                "budget.call_refused 100",
            ]
        )
        for delivery in deliveries {
            let event = delivery.json
            #expect(event["event_id"] as? String == delivery.eventID)
            #expect(event["scope"] as? String == "team")
            #expect(event["team"] as? String == "acme")
            #expect(event["period"] as? String == "day")
            #expect(event["limit"] as? String == "0.002296")
            #expect(event["spent"] is String && event["held"] is String && event["budget_id"] is Int)
        }
        await receiver.stop()
        await second.stop(dropDatabase: false)
        await first.stop()
    }

    @Test(.timeLimit(.minutes(5))) func slackFormatSendsReadableText() async throws {
        let harness = try await GatewayHarness.start(gateway: Self.fastDelivery)
        let receiver = try WebhookReceiver()
        try await receiver.start()
        let admin = try await harness.makeAdminKey()
        let key = try await harness.makeTeamKey("acme")
        _ = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: """
                {"scope": "team", "team": "acme", "limit": "0.000574", "period": "month", "alert_thresholds": [100],
                 "webhook_url": "\(receiver.url)", "webhook_format": "slack"}
                """
        )
        #expect(try await harness.detect(key: key).status == 200)
        try await Self.waitUntil { !receiver.deliveries.isEmpty }
        let text = try #require(receiver.deliveries.first?.json["text"] as? String)
        #expect(text.contains("budget 1 of team acme"), "\(text)")
        #expect(text.contains("reached 100 % of its limit"))
        // Alerts measure spent + held: the call's hold reached the limit before it was sent.
        #expect(text.contains("spent 0 + held 0.000574 of 0.000574 USD"), "\(text)")
        await receiver.stop()
        await harness.stop()
    }

    static func waitUntil(timeout: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("condition not met within \(timeout)")
        throw CancellationError()
    }
}
