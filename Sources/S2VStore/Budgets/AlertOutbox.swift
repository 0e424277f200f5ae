import Foundation
import Logging
import PostgresNIO
import S2VCore

/// The durable outbox of budget alerts. Alerts are written in the transactions that cross a threshold (or
/// right after a refusal) and stay until a webhook delivery succeeds.
///
/// A claim leases an alert to one instance for `lease`: no other instance sends it meanwhile. An instance that
/// dies mid-delivery leaves the lease to expire and another one sends the alert again, with the same event id.
public struct AlertOutbox: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Leases up to `limit` alerts that are due, oldest first.
    public func claim(limit: Int, lease: Duration, logger: Logger) async throws -> [BudgetAlert] {
        let rows = try await self.client.query(
            """
            WITH claimed AS (
                UPDATE budget_alerts SET attempts = attempts + 1,
                    next_attempt_at = now() + \(lease.wholeMilliseconds) * interval '1 millisecond'
                WHERE id IN (
                    SELECT id FROM budget_alerts
                    WHERE delivered_at IS NULL AND webhook_url IS NOT NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING *)
            SELECT a.id, a.event_id, a.kind, b.id, b.scope, t.name, b.key_id, b.period, b.timezone, b.currency,
                   a.period_start, budget_period_end(b.period, b.timezone, a.period_start), a.threshold,
                   a.limit_amount, a.spent, a.held, a.requested, a.occurred_at, a.webhook_url, a.webhook_format,
                   a.attempts, b.tag_key || '=' || b.tag_value
            FROM claimed a JOIN budgets b ON b.id = a.budget_id LEFT JOIN teams t ON t.id = b.team_id
            ORDER BY a.id
            """,
            logger: logger
        )
        var alerts: [BudgetAlert] = []
        for try await row in rows {
            let (
                id, eventID, kind, budgetID, scope, team, keyID, period, zone, currency, start, end, threshold, limit,
                spent, held, requested, occurredAt, url, format, attempts, tag
            ) = try row.decode(
                (
                    Int64, UUID, String, Int64, String, String?, Int64?, String, String, String, Date, Date?, Decimal,
                    Decimal, Decimal, Decimal, Decimal?, Date, String, String, Int, String?
                ).self
            )
            alerts.append(
                BudgetAlert(
                    id: id,
                    eventID: eventID,
                    kind: BudgetAlert.Kind(rawValue: kind) ?? .threshold,
                    budgetID: budgetID,
                    scope: scope,
                    teamName: team,
                    keyID: keyID,
                    tag: tag,
                    period: try BudgetPeriod.parse(period),
                    timezone: zone,
                    currency: currency,
                    periodStart: start,
                    periodEnd: end,
                    threshold: threshold,
                    limit: limit,
                    spent: spent,
                    held: held,
                    requested: requested,
                    occurredAt: occurredAt,
                    webhookURL: url,
                    webhookFormat: (try? WebhookFormat.parse(format)) ?? .json,
                    attempts: attempts
                )
            )
        }
        return alerts
    }

    /// The receiver acknowledged the alert: it is never sent again.
    public func markDelivered(_ alert: BudgetAlert, logger: Logger) async throws {
        try await self.client.query(
            "UPDATE budget_alerts SET delivered_at = now(), last_error = NULL WHERE id = \(alert.id)",
            logger: logger
        )
    }

    /// The delivery failed: try again after `retryAfter`, unless another instance has claimed the alert since
    /// (its lease ran out), whose claim stands.
    public func markFailed(_ alert: BudgetAlert, error: String, retryAfter: Duration, logger: Logger) async throws {
        try await self.client.query(
            """
            UPDATE budget_alerts SET last_error = \(error),
                next_attempt_at = now() + \(retryAfter.wholeMilliseconds) * interval '1 millisecond'
            WHERE id = \(alert.id) AND delivered_at IS NULL AND attempts = \(alert.attempts)
            """,
            logger: logger
        )
    }
}
