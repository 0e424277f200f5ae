import Foundation
import S2VCore

/// A budget alert waiting in the outbox: a threshold crossed or a call refused, with the figures at that moment.
public struct BudgetAlert: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Spent + held reached `threshold` percent of the limit.
        case threshold
        /// The budget refused a call (the first refusal of the period).
        case refused
    }

    public var id: Int64
    /// Stable across retries and instances: the receiver deduplicates by it.
    public var eventID: UUID
    public var kind: Kind
    public var budgetID: Int64
    public var scope: String
    public var teamName: String?
    public var keyID: Int64?
    /// A tag budget's tag, `key=value`.
    public var tag: String?
    public var period: BudgetPeriod
    public var timezone: String
    public var currency: String
    public var periodStart: Date
    public var periodEnd: Date?
    /// Percent of the limit; 100 for a refusal.
    public var threshold: Decimal
    public var limit: Decimal
    public var spent: Decimal
    public var held: Decimal
    /// For a refusal: what the refused call needed.
    public var requested: Decimal?
    public var occurredAt: Date
    public var webhookURL: String
    public var webhookFormat: WebhookFormat
    /// Delivery attempts so far, this one included.
    public var attempts: Int
}
