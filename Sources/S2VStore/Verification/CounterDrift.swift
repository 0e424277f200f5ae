import Foundation

/// A derived counter that differs from what the ledger says it must be.
public struct CounterDrift: Sendable, Equatable {
    /// Which counter: a client limit's task counts, a budget's period, a daily rollup row or a monthly billing
    /// line. Rollup rows and billing lines are kept per tag set: `tags` is its JSON object (`{}` untagged).
    public enum Counter: Sendable, Equatable, Hashable {
        case clientLimit(id: Int64)
        case budget(id: Int64, periodStart: Date)
        case rollup(day: String, teamID: Int64, keyID: Int64, model: String, tier: String, tags: String)
        case invoice(
            month: String,
            teamID: Int64,
            model: String,
            tier: String,
            priceID: Int64,
            conservative: Bool,
            tags: String
        )
    }

    public var counter: Counter
    /// The field, such as `spent` or `tasks_succeeded`.
    public var field: String
    public var recorded: Decimal
    public var expected: Decimal

    /// `budget 3, period from 2026-11-01T00:00:00Z` or `usage_daily 2026-11-24, team 1, key 2, wan2.2-s2v 480P,
    /// tags {"project": "launch"}`.
    public var counterDescription: String {
        switch self.counter {
        case .clientLimit(let id):
            "client_limits \(id)"
        case .budget(let id, let start):
            "budget \(id), period from \(start.formatted(.iso8601))"
        case .rollup(let day, let teamID, let keyID, let model, let tier, let tags):
            "usage_daily \(day), team \(teamID), key \(keyID), \(model)\(tier.isEmpty ? "" : " " + tier)"
                + Self.tagsDescription(tags)
        case .invoice(let month, let teamID, let model, let tier, let priceID, let conservative, let tags):
            "invoice_lines \(month), team \(teamID), \(model)\(tier.isEmpty ? "" : " " + tier), price \(priceID)"
                + (conservative ? ", conservative" : "") + Self.tagsDescription(tags)
        }
    }

    private static func tagsDescription(_ tags: String) -> String {
        tags == "{}" ? "" : ", tags \(tags)"
    }
}
