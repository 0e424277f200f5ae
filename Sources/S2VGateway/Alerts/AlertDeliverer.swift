import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import S2VStore
import ServiceLifecycle

/// Delivers budget alerts from the durable outbox to their webhooks, with exponential backoff until the
/// receiver answers 2xx. Every instance runs one; a lease keeps two from sending the same alert at once, and
/// each alert carries an event id (`X-S2V-Event-Id` and `event_id`) the receiver can deduplicate by.
struct AlertDeliverer: Service {
    let outbox: AlertOutbox
    let http: HTTPClient
    let settings: AlertDeliverySettings
    let logger: Logger
    let startup: StartupGate

    func run() async throws {
        try await BackgroundRounds.run(
            "alert delivery", startup: self.startup, logger: self.logger,
            pause: { try? await Task.sleep(for: self.settings.pollInterval) }
        ) {
            // One at a time: an alert is leased only while it is being sent, never while it waits behind
            // others, so a lease cannot run out before its delivery starts.
            guard let alert = try await self.outbox.claim(limit: 1, lease: self.settings.lease, logger: self.logger).first
            else { return false }
            try await self.deliver(alert)
            return true
        }
    }

    /// One attempt; the outcome is recorded either way.
    private func deliver(_ alert: BudgetAlert) async throws {
        var request = HTTPClientRequest(url: alert.webhookURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "s2v-meter")
        request.headers.add(name: "X-S2V-Event-Id", value: alert.eventID.uuidString.lowercased())
        request.body = .bytes(ByteBuffer(bytes: try AlertWebhookBody(alert: alert).data()))
        let failure: String
        do {
            let response = try await self.http.execute(request, timeout: TimeAmount(self.settings.timeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) {
                try await self.outbox.markDelivered(alert, logger: self.logger)
                self.logger.info("budget alert delivered", metadata: [
                    "event_id": "\(alert.eventID)", "budget_id": "\(alert.budgetID)", "attempts": "\(alert.attempts)"])
                return
            }
            failure = "HTTP \(response.status.code)"
        } catch {
            failure = "\(error)"
        }
        let retryAfter = self.settings.backoff(afterAttempts: alert.attempts)
        try await self.outbox.markFailed(alert, error: failure, retryAfter: retryAfter, logger: self.logger)
        self.logger.warning("budget alert delivery failed; will retry", metadata: [
            "event_id": "\(alert.eventID)", "error": "\(failure)", "attempts": "\(alert.attempts)",
            "retry_in": "\(retryAfter)"])
    }
}
