import S2VStore

/// An upstream account this instance can use: its limits and a client that sends its key.
struct ResolvedAccount: Sendable {
    let name: String
    let limits: AccountLimits
    let upstream: UpstreamClient
    /// Removed from the pool: no new work goes to it, its unfinished tasks are still followed.
    let removed: Bool

    var paced: PacedAccount { PacedAccount(name: self.name, limits: self.limits) }
}
