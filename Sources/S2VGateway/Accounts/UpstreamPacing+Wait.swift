import Logging
import S2VStore

extension UpstreamPacing {
    /// Reserves the account's next slot of `lane` and waits for it.
    func waitForSlot(of account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws {
        let wait = try await self.reserve(account: account.name, lane: lane, limits: account.limits,
                                          maxWait: .seconds(3600), logger: logger)
        if let wait, wait > .zero { try await Task.sleep(for: wait) }
    }
}
