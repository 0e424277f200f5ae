import Logging
import S2VStore

extension UpstreamPacing {
    /// How late a call may leave after its slot before the slot counts as missed. Slots are spaced with a
    /// quarter second of margin (`AccountLimits.rateWindow`); a call later than this would eat into it.
    static let lateTolerance: Duration = .milliseconds(60)

    /// Reserves the account's next slot of `lane` and waits for it (see ``waitOnTime(_:account:lane:logger:)``).
    func waitForSlot(of account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws {
        let wait = try await self.reserve(account: account.name, lane: lane, limits: account.limits,
                                          maxWait: .seconds(3600), logger: logger) ?? .zero
        try await self.waitOnTime(wait, account: account, lane: lane, logger: logger)
    }

    /// Sleeps `wait` (a slot reserved a moment ago) and returns when the call can leave on time. When this
    /// process was held up (load, a slow commit) and the slot has passed by more than ``lateTolerance``, the
    /// call would crowd the ones after it: it reserves a later slot and waits again.
    func waitOnTime(_ wait: Duration, account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws {
        var slot = ContinuousClock.now + wait
        for _ in 0..<20 {
            if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
            guard ContinuousClock.now - slot > Self.lateTolerance else { return }
            logger.debug("upstream slot missed; reserving a later one", metadata: ["account": "\(account.name)", "lane": "\(lane)"])
            let next = try await self.reserve(account: account.name, lane: lane, limits: account.limits,
                                              maxWait: .seconds(3600), logger: logger) ?? .zero
            slot = ContinuousClock.now + next
        }
    }
}
