/// Spaces upstream task queries so that this instance stays within the account's query rate.
actor QueryPacer {
    private let spacing: Duration
    private var nextSlot = ContinuousClock.now

    init(queriesPerSecond: Int) {
        self.spacing = .seconds(1) / max(queriesPerSecond, 1)
    }

    /// Waits for the next free slot.
    func acquire() async {
        let now = ContinuousClock.now
        let slot = max(now, self.nextSlot)
        self.nextSlot = slot + self.spacing
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }
}
