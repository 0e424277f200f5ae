/// Traffic statistics, per account and in total.
///
/// In `total`, counts are sums over accounts and the `max…` fields are the largest per-account value
/// (limits are per account, so that is what "never more than N" assertions need).
public struct SimulatorStats: Sendable, Equatable {
    /// All accounts together.
    public var total: AccountStats
    /// Per account, keyed by the account's API key.
    public var accounts: [String: AccountStats]

    /// Creates statistics.
    public init(total: AccountStats, accounts: [String: AccountStats]) {
        self.total = total
        self.accounts = accounts
    }
}
