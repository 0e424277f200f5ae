/// The upstream's limits for one model on one account: DashScope counts submissions and running tasks per model.
public struct ModelLimits: Sendable, Equatable, Codable {
    /// Paid submissions per second.
    public var submissionsPerSecond: Int
    /// Generation tasks submitted or running at once; nil for a detect model (a synchronous call).
    public var maxConcurrentTasks: Int?

    public init(submissionsPerSecond: Int, maxConcurrentTasks: Int?) {
        self.submissionsPerSecond = submissionsPerSecond
        self.maxConcurrentTasks = maxConcurrentTasks
    }

    /// The window the rates are kept over: one second plus a margin for the time between a call's slot and the
    /// upstream receiving it (commit, scheduling, network), so the upstream never counts more than the limit in
    /// any one second. Calls are spaced `rateWindow / limit` apart: 250 ms for 5 per second.
    public static let rateWindow: Duration = .milliseconds(1_250)

    /// The spacing of two submissions of the model.
    public var submissionSpacing: Duration { Self.rateWindow / self.submissionsPerSecond }
}
