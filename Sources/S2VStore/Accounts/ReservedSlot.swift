/// An upstream slot reserved in PostgreSQL, which answers with the wait from its own clock reading to the slot.
///
/// That reading was taken somewhere between when the statement was sent (`sentAt`) and when its answer arrived,
/// so the slot itself lies between `sentAt + wait` and `answeredAt + wait`. A call leaves no sooner than the
/// later bound (``earliest``), and counts as on time only while it is within tolerance of the earlier one
/// (``soonest``): a slow commit or a held-up process then makes the call reserve again instead of leaving late,
/// unseen, and crowding the calls of the slots after its own. The two clocks are never compared, so PostgreSQL
/// may run on another machine.
public struct ReservedSlot: Sendable, Equatable {
    /// When the call may leave: never before the slot.
    public let earliest: ContinuousClock.Instant
    /// The earliest the slot can be: lateness is measured from here.
    public let soonest: ContinuousClock.Instant

    /// A slot `wait` away by PostgreSQL's clock, asked for by a statement sent at `sentAt` and answered at
    /// `answeredAt`.
    public init(wait: Duration, sentAt: ContinuousClock.Instant, answeredAt: ContinuousClock.Instant = .now) {
        self.earliest = answeredAt + wait
        self.soonest = sentAt + wait
    }

    /// Whether a call leaving at `instant` may be later than `tolerance` after its slot.
    public func isMissed(at instant: ContinuousClock.Instant, tolerance: Duration) -> Bool {
        instant - self.soonest > tolerance
    }
}
