import Foundation
import S2VCore

/// A budget as stored: a hard limit on one scope per period, with its alert settings.
public struct BudgetRecord: Sendable, Equatable {
    public var id: Int64
    public var scope: BudgetScope
    /// The team of a team or key budget.
    public var teamName: String?
    public var limit: Decimal
    public var currency: String
    public var period: BudgetPeriod
    public var timezone: String
    public var alerts: AlertThresholds
    public var webhookURL: String?
    public var webhookFormat: WebhookFormat
    public var createdAt: Date
    public var updatedAt: Date

    /// `global`, `team acme`, `key 12 (team acme)`, `tag project=launch` or `tag project=launch (team acme)`.
    public var scopeDescription: String {
        switch self.scope {
        case .global: "global"
        case .team: "team \(self.teamName ?? "?")"
        case .key(let id): "key \(id) (team \(self.teamName ?? "?"))"
        case .tag(let key, let value, let teamID):
            "tag \(key)=\(value)" + (teamID == nil ? "" : " (team \(self.teamName ?? "?"))")
        }
    }
}
