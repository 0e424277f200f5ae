import Foundation
import S2VCore

/// What `budgets set` asks for. A live budget with the same scope, period and time zone is changed in place;
/// otherwise a new one is created and counts the ledger's existing rows for its periods.
///
/// Every value is checked here, so the CLI and the admin API accept exactly the same budgets: the limit's size
/// and scale (``checkLimit(_:)``), the time zone's name (``checkTimeZoneName(_:)``; PostgreSQL must know it too,
/// which the repository checks) and the webhook's address (``WebhookAddressRule``).
public struct BudgetSpecification: Sendable, Equatable {
    public var scope: BudgetScope
    public var limit: Decimal
    public var period: BudgetPeriod
    /// A canonical IANA time zone such as `Asia/Shanghai`, or `UTC`.
    public var timezone: String
    public var alerts: AlertThresholds
    public var webhookURL: String?
    public var webhookFormat: WebhookFormat

    /// - Parameter webhookAddresses: where a webhook may point. Its allowed hosts come from the
    ///   `webhook-allow-hosts` setting of whoever sets the budget; without it, only public addresses. The URL's
    ///   host is checked as written (a literal address, `localhost`); names are not resolved here but at every
    ///   delivery.
    public init(
        scope: BudgetScope,
        limit: Decimal,
        period: BudgetPeriod,
        timezone: String = "UTC",
        alerts: AlertThresholds = .standard,
        webhookURL: String? = nil,
        webhookFormat: WebhookFormat = .json,
        webhookAddresses: WebhookAddressRule = WebhookAddressRule()
    ) throws(DomainError) {
        try Self.checkLimit(limit)
        try Self.checkTimeZoneName(timezone)
        if let webhookURL {
            do {
                _ = try webhookAddresses.check(url: webhookURL)
            } catch {
                throw .invalid(error.message)
            }
        }
        self.scope = scope
        self.limit = limit
        self.period = period
        self.timezone = timezone
        self.alerts = alerts
        self.webhookURL = webhookURL
        self.webhookFormat = webhookFormat
    }
}
