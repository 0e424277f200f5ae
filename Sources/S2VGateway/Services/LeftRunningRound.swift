import Synchronization

/// The round of one background service that was left running past its deadline and has not ended yet.
///
/// The service starts no new round while it runs: a new one would queue behind the same hung server and hold
/// one more pooled connection, and rounds piling up would exhaust the pool for requests and `/ready` alike.
/// A round still running `lostAfter` after it was left is deemed lost: a query written on a connection that
/// died never returns, and such a connection no longer counts against the pool.
final class LeftRunningRound: Sendable {
    private struct Left {
        var ended: Task<Void, Never>
        var since: ContinuousClock.Instant
    }

    private let left = Mutex<Left?>(nil)

    /// Tracks `round`; `whenEnded` is called once it ends, with how long it ran after it was left.
    func track<Value: Sendable>(_ round: Task<Value, any Error>, whenEnded: @escaping @Sendable (Duration) -> Void) {
        let since = ContinuousClock.now
        let ended = Task {
            _ = await round.result
            whenEnded(ContinuousClock.now - since)
        }
        self.left.withLock { $0 = Left(ended: ended, since: since) }
    }

    /// When a round is left running: how long ago it was left. Nil when none is.
    var leftFor: Duration? {
        self.left.withLock { $0.map { ContinuousClock.now - $0.since } }
    }

    /// Waits until the round left running ends, but no longer than until `lostAfter` after it was left; then
    /// forgets it either way. Returns whether it ended.
    func waitForEnd(lostAfter: Duration) async -> Bool {
        guard let left = self.left.withLock({ $0 }) else { return true }
        let remaining = left.since + lostAfter - ContinuousClock.now
        let ended: Bool
        do {
            try await StoreDeadline.wait(atMost: max(remaining, .zero), { await left.ended.value }, whenLate: { _ in })
            ended = true
        } catch {
            ended = false
        }
        self.left.withLock { if $0?.since == left.since { $0 = nil } }
        return ended
    }
}
