import Logging
import S2VCore
import S2VStore

extension UpstreamPacing {
    /// How late a call may leave after its slot before the slot counts as missed. Slots are `rateWindow / limit`
    /// apart (`ModelLimits.rateWindow`, 1.25 s): any one second then holds the calls of slots spread over
    /// 1 s + the lateness, which is at most `limit` slots while the lateness stays under 250 ms. This leaves the
    /// rest of that quarter second for calls' trips to the upstream to differ.
    static let lateTolerance: Duration = .milliseconds(120)

    /// How many slots a call reserves, each missed, before it gives up rather than leave late. Each missed slot
    /// is a call the account does not make, so this stays small.
    static let reservationsPerCall = 10

    /// Reserves the account's next slot of `lane`, waits for it (see ``waitOnTime(_:account:lane:logger:)``)
    /// and returns the call's departure: the call must still leave within that slot. A query (a GET, without a
    /// body to hold back) leaves when this returns.
    @discardableResult
    func waitForSlot(of account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws -> UpstreamDeparture {
        let slot = try await self.reserveSlot(account: account, lane: lane, logger: logger)
        return try await self.waitOnTime(slot, account: account, lane: lane, logger: logger)
    }

    /// Sleeps until `slot` and returns when the call can leave on time, with its departure. When this process was
    /// held up (load, a slow commit) and the slot has passed by more than ``lateTolerance``, the call would crowd
    /// the ones after it: it reserves a later slot and waits again.
    @discardableResult
    func waitOnTime(
        _ slot: ReservedSlot,
        account: ResolvedAccount,
        lane: AccountLane,
        logger: Logger
    ) async throws -> UpstreamDeparture {
        let slot = try await self.arrive(at: slot, account: account, lane: lane, logger: logger)
        return UpstreamDeparture {
            // The last check, when the call is about to leave (its connection up): still within `slot`, or a later one.
            _ = try await self.arrive(at: slot, account: account, lane: lane, logger: logger)
        }
    }

    /// Waits for `slot`; if it may have been missed by more than ``lateTolerance``, reserves later ones until one
    /// is met. Returns the slot met; throws ``SlotsKeptSlipping`` rather than let the call leave late.
    private func arrive(
        at slot: ReservedSlot,
        account: ResolvedAccount,
        lane: AccountLane,
        logger: Logger
    ) async throws -> ReservedSlot {
        var slot = slot
        for _ in 0..<Self.reservationsPerCall {
            if slot.earliest > .now { try await Task.sleep(until: slot.earliest, clock: .continuous) }
            guard slot.isMissed(at: .now, tolerance: Self.lateTolerance) else { return slot }
            logger.debug(
                "upstream slot may be missed; reserving a later one",
                metadata: ["account": "\(account.name)", "lane": "\(lane)"]
            )
            slot = try await self.reserveSlot(account: account, lane: lane, logger: logger)
        }
        throw SlotsKeptSlipping(account: account.name, lane: lane)
    }

    private func reserveSlot(account: ResolvedAccount, lane: AccountLane, logger: Logger) async throws -> ReservedSlot {
        let slot = try await self.reserve(
            account: account.name,
            lane: lane,
            limits: account.limits,
            maxWait: .seconds(3600),
            logger: logger
        )
        // Within the hour, always: a lane's slots are never that far apart.
        return slot ?? ReservedSlot(wait: .seconds(3600), sentAt: .now)
    }
}

/// A call could not leave within any of the slots it reserved (this process held up again and again): it is not
/// sent, so that it never crowds the account's other calls past the upstream's limit.
struct SlotsKeptSlipping: Error, CustomStringConvertible {
    let account: String
    let lane: AccountLane

    var description: String {
        "account \(self.account) missed \(UpstreamPacing.reservationsPerCall) slots of \(self.lane) in a row"
    }
}
