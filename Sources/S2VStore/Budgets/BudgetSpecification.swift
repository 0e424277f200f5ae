import Foundation
import S2VCore

/// What `budgets set` asks for. A live budget with the same scope, period and time zone is changed in place;
/// otherwise a new one is created and counts the ledger's existing rows for its periods.
public struct BudgetSpecification: Sendable, Equatable {
    public var scope: BudgetScope
    public var limit: Decimal
    public var period: BudgetPeriod
    /// An IANA time zone such as `Asia/Shanghai`; checked against PostgreSQL's zone database.
    public var timezone: String
    public var alerts: AlertThresholds
    public var webhookURL: String?
    public var webhookFormat: WebhookFormat

    public init(scope: BudgetScope, limit: Decimal, period: BudgetPeriod, timezone: String = "UTC",
                alerts: AlertThresholds = .standard, webhookURL: String? = nil, webhookFormat: WebhookFormat = .json) throws(ServiceError) {
        guard limit >= 0 else { throw .invalidParameter("a budget's limit cannot be negative; got \(limit.exactString).") }
        if let webhookURL {
            guard let url = URL(string: webhookURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false else {
                throw .invalidParameter("the webhook must be an http(s) URL; got '\(webhookURL)'.")
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
