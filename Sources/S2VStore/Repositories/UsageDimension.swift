import S2VCore

/// A dimension a usage report can group by: team, key, model, tier, day, month, or the value of one
/// cost-attribution tag (`tag:project`), empty for spend without that tag.
public enum UsageDimension: Sendable, Hashable {
    case team
    case key
    case model
    case tier
    case day
    case month
    /// The value of one tag key, checked against `CostTags.Rules`.
    case tag(String)

    /// The fixed dimensions, by name.
    static let named: [String: UsageDimension] = [
        "team": .team, "key": .key, "model": .model, "tier": .tier, "day": .day, "month": .month,
    ]

    /// A dimension by its name: `team` … `month`, or `tag:KEY`. Throws for a tag key that breaks the rules; nil
    /// for any other name.
    public init?(name: String) throws(DomainError) {
        if name.hasPrefix("tag:") {
            let key = String(name.dropFirst(4))
            try CostTags.Rules.check(key: key)
            self = .tag(key)
            return
        }
        guard let dimension = Self.named[name] else { return nil }
        self = dimension
    }

    /// The dimension's name, which is also its column in CSV and its field in JSON: `team`, `tag:project`.
    public var name: String {
        switch self {
        case .team: "team"
        case .key: "key"
        case .model: "model"
        case .tier: "tier"
        case .day: "day"
        case .month: "month"
        case .tag(let key): "tag:\(key)"
        }
    }

    /// The SQL expression over `usage_daily u JOIN teams t`: a fixed whitelist, and for a tag its key, which
    /// `CostTags.Rules` limits to lowercase letters, digits and `_ . -` (never a quote).
    var sql: String {
        switch self {
        case .team: "t.name"
        case .key: "u.key_id::text"
        case .model: "u.model"
        case .tier: "u.tier"
        case .day: "to_char(u.day, 'YYYY-MM-DD')"
        case .month: "to_char(u.day, 'YYYY-MM')"
        case .tag(let key): "coalesce(u.tags ->> '\(key)', '')"
        }
    }
}
