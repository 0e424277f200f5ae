import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import S2VCore
import S2VStore
import ServiceLifecycle

/// Delivers budget alerts from the durable outbox to their webhooks, with exponential backoff until the
/// receiver answers 2xx. Every instance runs one; a lease keeps two from sending the same alert at once, and
/// each alert carries an event id (`X-S2V-Event-Id` and `event_id`) the receiver can deduplicate by.
///
/// Before each attempt the webhook's address is checked again, after DNS (``WebhookDestination``): a webhook
/// that points at a loopback, private or otherwise non-public address gets no request, and the attempt is
/// recorded as failed with the reason.
struct AlertDeliverer: Service {
    let outbox: AlertOutbox
    let resolver: any WebhookResolver
    let settings: AlertDeliverySettings
    let logger: Logger
    /// The loop, its deadline and its heartbeat.
    let rounds: BackgroundRounds

    /// The deliverer's own client: redirects are not followed, since a receiver could redirect to an address
    /// the rule refuses (the upstream client follows them).
    static var httpConfiguration: HTTPClient.Configuration {
        HTTPClient.Configuration(redirectConfiguration: .disallow)
    }

    func run() async throws {
        let http = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: Self.httpConfiguration
        )
        // Shut down however the rounds end: a client that is not shut down traps when it is released.
        do {
            try await self.deliverRounds(http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try? await http.shutdown()
    }

    private func deliverRounds(_ http: HTTPClient) async throws {
        try await self.rounds.run(pause: self.settings.pollInterval) {
            // One at a time: an alert is leased only while it is being sent, never while it waits behind
            // others, so a lease cannot run out before its delivery starts.
            guard
                let alert = try await self.outbox.claim(limit: 1, lease: self.settings.lease, logger: self.logger).first
            else { return false }
            try await self.deliver(alert, http: http)
            return true
        }
    }

    /// One attempt; the outcome is recorded either way.
    private func deliver(_ alert: BudgetAlert, http: HTTPClient) async throws {
        let failure: String
        do {
            let destination = try await WebhookDestination.vet(
                alert.webhookURL,
                rule: self.settings.addresses,
                resolver: self.resolver
            )
            var request = HTTPClientRequest(url: destination.connectURL)
            request.method = .POST
            if let host = destination.hostHeader { request.headers.add(name: "Host", value: host) }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "s2v-meter")
            request.headers.add(name: "X-S2V-Event-Id", value: alert.eventID.uuidString.lowercased())
            request.body = .bytes(ByteBuffer(bytes: try AlertWebhookBody(alert: alert).data()))
            let response = try await http.execute(request, timeout: TimeAmount(self.settings.timeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) {
                try await self.outbox.markDelivered(alert, logger: self.logger)
                self.logger.info(
                    "budget alert delivered",
                    metadata: [
                        "event_id": "\(alert.eventID)", "budget_id": "\(alert.budgetID)",
                        "attempts": "\(alert.attempts)",
                        "checked_addresses": "\(destination.addresses.map(\.description).joined(separator: ","))",
                    ]
                )
                return
            }
            failure = "HTTP \(response.status.code)"
        } catch let refusal as WebhookAddressRefusal {
            failure = "not sent: \(refusal.message)"
            self.logger.warning(
                "budget alert not sent: the webhook address is refused",
                metadata: [
                    "event_id": "\(alert.eventID)", "budget_id": "\(alert.budgetID)", "reason": "\(refusal.message)",
                ]
            )
        } catch {
            failure = "\(error)"
        }
        let retryAfter = self.settings.backoff(afterAttempts: alert.attempts)
        try await self.outbox.markFailed(alert, error: failure, retryAfter: retryAfter, logger: self.logger)
        self.logger.warning(
            "budget alert delivery failed; will retry",
            metadata: [
                "event_id": "\(alert.eventID)", "error": "\(failure)", "attempts": "\(alert.attempts)",
                "retry_in": "\(retryAfter)",
            ]
        )
    }
}
