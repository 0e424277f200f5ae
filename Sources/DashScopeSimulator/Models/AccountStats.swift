/// Traffic the simulator observed for one account (or, in `SimulatorStats.total`, all accounts).
public struct AccountStats: Sendable, Equatable {
    /// Submissions that were processed (detect billed / task created), per model.
    public var acceptedSubmissions: [SimulatedModel: Int]
    /// Every authenticated submission request, including rejected ones, per model.
    public var submissionAttempts: [SimulatedModel: Int]
    /// Most accepted submissions seen within any sliding 1 s window, per model.
    public var maxAcceptedSubmissionsPerSecond: [SimulatedModel: Int]
    /// Most submission attempts (accepted or not) seen within any sliding 1 s window, per model.
    public var maxSubmissionAttemptsPerSecond: [SimulatedModel: Int]
    /// 429 answers, real and injected, per endpoint.
    public var throttled: [SimulatorEndpoint: Int]
    /// Injected faults per kind (markers and rates).
    public var injectedFaults: [FaultKind: Int]
    /// Authenticated task queries (`GET /tasks/{id}` and `GET /tasks`), including rejected ones.
    public var queries: Int
    /// Most tasks that were PENDING or RUNNING at the same time.
    public var maxUnfinishedTasks: Int
    /// Most tasks that were RUNNING at the same time.
    public var maxRunningTasks: Int

    /// Empty statistics.
    public init() {
        self.acceptedSubmissions = Self.zeros(SimulatedModel.self)
        self.submissionAttempts = Self.zeros(SimulatedModel.self)
        self.maxAcceptedSubmissionsPerSecond = Self.zeros(SimulatedModel.self)
        self.maxSubmissionAttemptsPerSecond = Self.zeros(SimulatedModel.self)
        self.throttled = Self.zeros(SimulatorEndpoint.self)
        self.injectedFaults = Self.zeros(FaultKind.self)
        self.queries = 0
        self.maxUnfinishedTasks = 0
        self.maxRunningTasks = 0
    }

    /// Folds another account in: counts add up, maxima take the larger value.
    mutating func merge(_ other: AccountStats) {
        self.acceptedSubmissions.merge(other.acceptedSubmissions, uniquingKeysWith: +)
        self.submissionAttempts.merge(other.submissionAttempts, uniquingKeysWith: +)
        self.maxAcceptedSubmissionsPerSecond.merge(other.maxAcceptedSubmissionsPerSecond, uniquingKeysWith: max)
        self.maxSubmissionAttemptsPerSecond.merge(other.maxSubmissionAttemptsPerSecond, uniquingKeysWith: max)
        self.throttled.merge(other.throttled, uniquingKeysWith: +)
        self.injectedFaults.merge(other.injectedFaults, uniquingKeysWith: +)
        self.queries += other.queries
        self.maxUnfinishedTasks = max(self.maxUnfinishedTasks, other.maxUnfinishedTasks)
        self.maxRunningTasks = max(self.maxRunningTasks, other.maxRunningTasks)
    }

    private static func zeros<Key: CaseIterable & Hashable>(_: Key.Type) -> [Key: Int] {
        Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0, 0) })
    }
}
