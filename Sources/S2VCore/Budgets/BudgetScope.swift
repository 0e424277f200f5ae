/// What a budget counts: every call through the gateway, one team's calls, one key's calls, or the calls that
/// carry one cost-attribution tag (gateway-wide, or within one team).
public enum BudgetScope: Sendable, Equatable, Hashable {
    case global
    case team(id: Int64)
    case key(id: Int64)
    case tag(key: String, value: String, teamID: Int64?)

    /// The scope's name as stored: `global`, `team`, `key` or `tag`.
    public var kind: String {
        switch self {
        case .global: "global"
        case .team: "team"
        case .key: "key"
        case .tag: "tag"
        }
    }

    /// The tag a tag budget counts, as `key=value`; nil for the other scopes.
    public var tagText: String? {
        if case .tag(let key, let value, _) = self { "\(key)=\(value)" } else { nil }
    }
}
