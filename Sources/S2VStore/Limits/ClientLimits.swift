import Foundation

/// The limits of one team or one key; each is optional.
public struct ClientLimits: Sendable, Equatable {
    /// Token bucket: sustained requests per second (with `burst`).
    public var requestsPerSecond: Decimal?
    /// Token bucket: requests allowed at once after a quiet period.
    public var burst: Int?
    /// Generation tasks queued in the gateway or in flight upstream at once.
    public var maxActiveTasks: Int?
    /// Generation tasks admitted per UTC day.
    public var tasksPerDay: Int?

    public init(
        requestsPerSecond: Decimal? = nil,
        burst: Int? = nil,
        maxActiveTasks: Int? = nil,
        tasksPerDay: Int? = nil
    ) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.maxActiveTasks = maxActiveTasks
        self.tasksPerDay = tasksPerDay
    }

    /// Why these limits cannot be stored, or nil when they can.
    public var problem: String? {
        if (self.requestsPerSecond == nil) != (self.burst == nil) {
            return "A request rate needs both requests per second and a burst."
        }
        if let rate = self.requestsPerSecond, rate <= 0 || rate > 100_000 {
            return "Requests per second must be above 0 and at most 100000."
        }
        if let burst = self.burst, !(1...1_000_000).contains(burst) {
            return "The burst must be between 1 and 1000000."
        }
        if let cap = self.maxActiveTasks, cap < 0 { return "The queued + running task cap cannot be negative." }
        if let daily = self.tasksPerDay, daily < 0 { return "The daily task limit cannot be negative." }
        if self == ClientLimits() { return "Give at least one limit." }
        return nil
    }
}
