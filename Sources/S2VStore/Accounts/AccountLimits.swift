/// What one upstream account allows (DashScope: 5 submissions per second per model, one running wan2.2-s2v
/// task, 20 task queries per second). The gateway keeps every instance, together, inside these.
public struct AccountLimits: Sendable, Equatable, Codable {
    /// Paid submissions per second, per model (face-detect and generation counted apart).
    public var submissionsPerSecond: Int
    /// Generation tasks claimed, submitted or running at once.
    public var maxInFlight: Int
    /// Task queries per second.
    public var queriesPerSecond: Int

    public init(submissionsPerSecond: Int = 5, maxInFlight: Int = 1, queriesPerSecond: Int = 20) {
        self.submissionsPerSecond = submissionsPerSecond
        self.maxInFlight = maxInFlight
        self.queriesPerSecond = queriesPerSecond
    }

    /// The window the rates are kept over: one second plus a margin for the time between a call's slot and the
    /// upstream receiving it (commit, scheduling, network), so the upstream never counts more than the limit in
    /// any one second. Calls are spaced `rateWindow / limit` apart: 250 ms for 5 per second, which tolerates a
    /// quarter second of delay per call at the price of 4 calls per second sustained instead of 5.
    public static let rateWindow: Duration = .milliseconds(1_250)

    /// The spacing of two submissions of one model.
    public var submissionSpacing: Duration { Self.rateWindow / self.submissionsPerSecond }

    /// The spacing of two task queries.
    public var querySpacing: Duration { Self.rateWindow / self.queriesPerSecond }

    /// Whether every figure is within what the database accepts (1 to 1,000).
    public var isValid: Bool {
        [self.submissionsPerSecond, self.maxInFlight, self.queriesPerSecond].allSatisfy { (1...1_000).contains($0) }
    }
}
