/// What a budget counts: every call through the gateway, one team's calls, or one key's calls.
public enum BudgetScope: Sendable, Equatable, Hashable {
    case global
    case team(id: Int64)
    case key(id: Int64)

    /// The scope's name as stored: `global`, `team` or `key`.
    public var kind: String {
        switch self {
        case .global: "global"
        case .team: "team"
        case .key: "key"
        }
    }
}
