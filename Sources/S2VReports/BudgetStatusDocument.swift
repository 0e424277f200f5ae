import Foundation
import S2VCore
import S2VStore

/// A budget's current period as JSON, amounts as exact decimal strings: the shape of `budgets status
/// --format json` and of the admin API.
public struct BudgetStatusDocument: Codable, Sendable, Equatable {
    public var id: Int64
    public var scope: String
    public var team: String?
    public var keyID: Int64?
    /// A tag budget's tag, `key=value`.
    public var tag: String?
    public var period: String
    public var timezone: String
    public var currency: String
    public var periodStart: String
    public var periodEnd: String?
    public var limit: String
    public var spent: String
    public var held: String
    public var remaining: String
    public var percentUsed: String?
    /// Spent + held at the period's end at this period's average rate so far; nil for lifetime budgets and in a
    /// period's first minute.
    public var forecast: String?
    public var forecastExceedsLimit: Bool
    public var asOf: String
    public var alertThresholds: [String]
    public var webhookURL: String?
    public var webhookFormat: String

    enum CodingKeys: String, CodingKey {
        case id, scope, team
        case keyID = "key_id"
        case tag
        case period, timezone, currency
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case limit, spent, held, remaining
        case percentUsed = "percent_used"
        case forecast
        case forecastExceedsLimit = "forecast_exceeds_limit"
        case asOf = "as_of"
        case alertThresholds = "alert_thresholds"
        case webhookURL = "webhook_url"
        case webhookFormat = "webhook_format"
    }

    public init(_ status: BudgetStatus) {
        let budget = status.budget
        self.id = budget.id
        self.scope = budget.scope.kind
        self.team = budget.teamName
        if case .key(let id) = budget.scope { self.keyID = id }
        self.tag = budget.scope.tagText
        self.period = budget.period.rawValue
        self.timezone = budget.timezone
        self.currency = budget.currency
        self.periodStart = Self.iso(status.periodStart, zone: budget.timezone)
        self.periodEnd = status.periodEnd.map { Self.iso($0, zone: budget.timezone) }
        self.limit = budget.limit.exactString
        self.spent = status.spent.exactString
        self.held = status.held.exactString
        self.remaining = status.remaining.exactString
        self.percentUsed = status.percentUsed?.exactString
        self.forecast = status.forecast?.exactString
        self.forecastExceedsLimit = status.forecastExceedsLimit
        self.asOf = Self.iso(status.asOf, zone: budget.timezone)
        self.alertThresholds = budget.alerts.percentages.map(\.exactString)
        self.webhookURL = budget.webhookURL
        self.webhookFormat = budget.webhookFormat.rawValue
    }

    /// An instant in ISO 8601 with the zone's offset, e.g. `2026-11-01T00:00:00+08:00`.
    public static func iso(_ date: Date, zone: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: zone) ?? .gmt
        return formatter.string(from: date)
    }
}
