import Logging
import S2VStore

extension UpstreamPacing {
    /// How late a call may leave after its slot before the slot counts as missed. Slots are spaced with a
    /// quarter second of margin (`ModelLimits.rateWindow`); a call later than this would eat into it.
    static let lateTolerance: Duration = .milliseconds(60)

    /// Reserves the account's next slot of `lane`, waits for it (see ``waitOnTime(_:account:lane:logger:)``) and
    /// returns the call's departure: the call must still leave within that slot. A query (a GET, without a
    /// body to hold back) leaves when this returns.
    @discardableResult
    func waitForSlot(of account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws -> UpstreamDeparture {
        let wait =
            try await self.reserve(
                account: account.name,
                lane: lane,
                limits: account.limits,
                maxWait: .seconds(3600),
                logger: logger
            ) ?? .zero
        return try await self.waitOnTime(wait, account: account, lane: lane, logger: logger)
    }

    /// Sleeps `wait` (a slot reserved a moment ago) and returns when the call can leave on time, with its
    /// departure. When this process was held up (load, a slow commit) and the slot has passed by more than
    /// ``lateTolerance``, the call would crowd the ones after it: it reserves a later slot and waits again.
    @discardableResult
    func waitOnTime(
        _ wait: Duration,
        account: ResolvedAccount,
        lane: AccountLane,
        logger: Logger
    ) async throws -> UpstreamDeparture {
        let slot = try await self.arrive(at: .now + wait, account: account, lane: lane, logger: logger)
        return self.departure(slot: slot, account: account, lane: lane, logger: logger)
    }

    /// The last check, when the call is about to leave (its connection up): still within `slot`, or a later one.
    private func departure(
        slot: ContinuousClock.Instant,
        account: ResolvedAccount,
        lane: AccountLane,
        logger: Logger
    ) -> UpstreamDeparture {
        UpstreamDeparture {
            _ = try await self.arrive(at: slot, account: account, lane: lane, logger: logger)
        }
    }

    /// Waits for `slot`; if it has been missed by more than ``lateTolerance``, reserves later ones until one is
    /// met. Returns the slot met.
    private func arrive(
        at slot: ContinuousClock.Instant,
        account: ResolvedAccount,
        lane: AccountLane,
        logger: Logger
    ) async throws -> ContinuousClock.Instant {
        var slot = slot
        for _ in 0..<20 {
            if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
            guard ContinuousClock.now - slot > Self.lateTolerance else { return slot }
            logger.debug(
                "upstream slot missed; reserving a later one",
                metadata: ["account": "\(account.name)", "lane": "\(lane)"]
            )
            let next =
                try await self.reserve(
                    account: account.name,
                    lane: lane,
                    limits: account.limits,
                    maxWait: .seconds(3600),
                    logger: logger
                ) ?? .zero
            slot = ContinuousClock.now + next
        }
        return slot
    }
}
