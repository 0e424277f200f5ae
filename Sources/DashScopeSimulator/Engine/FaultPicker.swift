/// Draws injected faults from one deterministic stream.
struct FaultPicker: Sendable {
    private var generator: SplitMix64
    private let rates: [(FaultKind, Double)]

    /// - Parameters:
    ///   - seed: Seed of this stream.
    ///   - rates: Candidate faults with their rates, in priority order.
    init(seed: UInt64, rates: [(FaultKind, Double)]) {
        self.generator = SplitMix64(seed: seed)
        self.rates = rates
    }

    /// Draws once (always, so markers do not shift the stream) and returns the marker if given, else the drawn fault.
    mutating func pick(marker: FaultKind?) -> FaultKind? {
        let draw = self.generator.nextUnit()
        var threshold = 0.0
        var drawn: FaultKind?
        for (kind, rate) in self.rates where rate > 0 {
            threshold += rate
            if draw < threshold {
                drawn = kind
                break
            }
        }
        return marker ?? drawn
    }
}
