import Foundation
import S2VCore
import S2VReports
import S2VStore

/// The body POSTed to a budget's webhook: the event as JSON (amounts as exact decimal strings), or a
/// Slack-compatible `{"text": ...}` message.
struct AlertWebhookBody {
    let alert: BudgetAlert

    struct Event: Encodable {
        var eventID: String
        var type: String
        var occurredAt: String
        var budgetID: Int64
        var scope: String
        var team: String?
        var keyID: Int64?
        /// A tag budget's tag, `key=value`.
        var tag: String?
        var period: String
        var timezone: String
        var periodStart: String
        var periodEnd: String?
        var currency: String
        var limit: String
        var spent: String
        var held: String
        var threshold: String
        var requested: String?

        enum CodingKeys: String, CodingKey {
            case eventID = "event_id"
            case type
            case occurredAt = "occurred_at"
            case budgetID = "budget_id"
            case scope, team
            case keyID = "key_id"
            case tag
            case period, timezone
            case periodStart = "period_start"
            case periodEnd = "period_end"
            case currency
            case limit, spent, held, threshold, requested
        }
    }

    /// `budget.threshold_crossed` or `budget.call_refused`.
    var type: String { self.alert.kind == .threshold ? "budget.threshold_crossed" : "budget.call_refused" }

    var event: Event {
        let alert = self.alert
        return Event(
            eventID: alert.eventID.uuidString.lowercased(),
            type: self.type,
            occurredAt: alert.occurredAt.formatted(.iso8601),
            budgetID: alert.budgetID,
            scope: alert.scope,
            team: alert.teamName,
            keyID: alert.scope == "key" ? alert.keyID : nil,
            tag: alert.tag,
            period: alert.period.rawValue,
            timezone: alert.timezone,
            periodStart: BudgetStatusDocument.iso(alert.periodStart, zone: alert.timezone),
            periodEnd: alert.periodEnd.map { BudgetStatusDocument.iso($0, zone: alert.timezone) },
            currency: alert.currency,
            limit: alert.limit.exactString,
            spent: alert.spent.exactString,
            held: alert.held.exactString,
            threshold: alert.threshold.exactString,
            requested: alert.requested?.exactString
        )
    }

    /// One line for people: what happened to which budget, with its figures.
    var text: String {
        let alert = self.alert
        let scope =
            switch alert.scope {
            case "global": "the gateway-wide budget \(alert.budgetID)"
            case "key":
                "budget \(alert.budgetID) of key \(alert.keyID.map(String.init) ?? "?") (team \(alert.teamName ?? "?"))"
            case "tag":
                "budget \(alert.budgetID) of tag \(alert.tag ?? "?")"
                    + (alert.teamName.map { " (team \($0))" } ?? " (every team)")
            default: "budget \(alert.budgetID) of team \(alert.teamName ?? "?")"
            }
        let window =
            alert.period == .lifetime
            ? "lifetime"
            : "\(alert.period.rawValue) from \(BudgetStatusDocument.iso(alert.periodStart, zone: alert.timezone))"
        let figures =
            "spent \(alert.spent.exactString) + held \(alert.held.exactString) of \(alert.limit.exactString) \(alert.currency)"
        let what =
            alert.kind == .threshold
            ? "reached \(alert.threshold.exactString) % of its limit"
            : "refused a call needing \(alert.requested?.exactString ?? "?") \(alert.currency)"
        return "s2v-meter: \(scope) (\(window)) \(what): \(figures). Event \(alert.eventID.uuidString.lowercased())."
    }

    func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch self.alert.webhookFormat {
        case .json: return try encoder.encode(self.event)
        case .slack: return try encoder.encode(["text": self.text])
        }
    }
}
