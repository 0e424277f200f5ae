/// What a usage report can group by.
public enum UsageDimension: String, Sendable, CaseIterable {
    case team
    case key
    case model
    case tier
    case day
    case month

    /// The SQL expression over `usage_daily u JOIN teams t`; a fixed whitelist, never user text.
    var sql: String {
        switch self {
        case .team: "t.name"
        case .key: "u.key_id::text"
        case .model: "u.model"
        case .tier: "u.tier"
        case .day: "to_char(u.day, 'YYYY-MM-DD')"
        case .month: "to_char(u.day, 'YYYY-MM')"
        }
    }
}
