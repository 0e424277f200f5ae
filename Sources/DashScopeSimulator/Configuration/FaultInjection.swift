/// Failure injection by rate, drawn from a seeded deterministic generator.
///
/// Each submission draws one number in [0, 1) and picks at most one fault, walking the rates in
/// declaration order (throttle, internal error, timeout, lost response, task failure, malformed, dropped);
/// if the rates add up to more than 1, the earlier ones win. Submissions draw from one stream per
/// model and task queries from a stream of their own, so polling does not shift submission faults, and traffic
/// to one model does not shift another's.
/// A `sim_fail=` marker in a request's URLs overrides the draw (the draw still happens).
public struct FaultInjection: Sendable {
    /// Seed of the deterministic generator (SplitMix64); the same seed reproduces a run.
    public var seed: UInt64
    /// Rate of injected 429 `Throttling.RateQuota` (nothing processed, nothing billed).
    public var throttleRate: Double
    /// Rate of injected 500 `InternalError` (nothing processed, nothing billed).
    public var internalErrorRate: Double
    /// Rate of timeouts: the simulator waits `timeoutDelay`, then answers 408; nothing processed or billed.
    public var timeoutRate: Double
    /// Rate of lost responses: the request is processed and billed, but answered only after `timeoutDelay`.
    public var lostResponseRate: Double
    /// Rate of accepted video tasks (every video model) that end FAILED (not billed). Not used for face-detect.
    public var taskFailureRate: Double
    /// Rate of malformed 200 bodies: the request is processed and billed, but the body is truncated JSON.
    public var malformedRate: Double
    /// Rate of dropped responses: the request is processed and billed, but the connection closes before the
    /// answer's body.
    public var droppedResponseRate: Double
    /// How `GET /tasks` answers every account (`DashScopeSimulator.setTaskListAnswer` changes it per account).
    public var taskListAnswer: TaskListAnswer
    /// How long a timeout or lost response is held back. Real time, not the injected clock.
    public var timeoutDelay: Duration
    /// Whether `throttleRate` and `internalErrorRate` also apply to task queries (`GET /tasks...`).
    public var injectIntoQueries: Bool

    /// Creates a fault configuration; every rate defaults to 0 (no faults).
    public init(
        seed: UInt64 = 1,
        throttleRate: Double = 0,
        internalErrorRate: Double = 0,
        timeoutRate: Double = 0,
        lostResponseRate: Double = 0,
        taskFailureRate: Double = 0,
        malformedRate: Double = 0,
        timeoutDelay: Duration = .seconds(30),
        injectIntoQueries: Bool = true,
        droppedResponseRate: Double = 0,
        taskListAnswer: TaskListAnswer = .documented
    ) {
        self.seed = seed
        self.throttleRate = throttleRate
        self.internalErrorRate = internalErrorRate
        self.timeoutRate = timeoutRate
        self.lostResponseRate = lostResponseRate
        self.taskFailureRate = taskFailureRate
        self.malformedRate = malformedRate
        self.timeoutDelay = timeoutDelay
        self.injectIntoQueries = injectIntoQueries
        self.droppedResponseRate = droppedResponseRate
        self.taskListAnswer = taskListAnswer
    }
}
