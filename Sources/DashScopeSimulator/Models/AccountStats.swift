/// Traffic the simulator observed for one account (or, in `SimulatorStats.total`, all accounts).
///
/// Per-model counts always hold the wan2.2 pair (as before the family, so readers that look them up keep
/// working) and every other model once the account has sent it a request.
public struct AccountStats: Sendable, Equatable {
    /// The models every per-model count holds, used or not.
    static let alwaysCountedModels: [SimulatedModel] = [.detect, .synthesis]

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
    /// Most tasks that were PENDING or RUNNING at the same time, all models together.
    public var maxUnfinishedTasks: Int
    /// Most tasks that were RUNNING at the same time, all models together (each model runs one at a time).
    public var maxRunningTasks: Int
    /// Most tasks of one video model that were PENDING or RUNNING at the same time, per model that had a task.
    public var maxUnfinishedTasksByModel: [SimulatedModel: Int]

    /// Empty statistics.
    public init() {
        let models = Dictionary(uniqueKeysWithValues: Self.alwaysCountedModels.map { ($0, 0) })
        self.acceptedSubmissions = models
        self.submissionAttempts = models
        self.maxAcceptedSubmissionsPerSecond = models
        self.maxSubmissionAttemptsPerSecond = models
        self.throttled = Self.zeros(SimulatorEndpoint.self)
        self.injectedFaults = Self.zeros(FaultKind.self)
        self.queries = 0
        self.maxUnfinishedTasks = 0
        self.maxRunningTasks = 0
        self.maxUnfinishedTasksByModel = [:]
    }

    /// Makes `model` appear, with zeros, in every per-model submission count.
    mutating func include(_ model: SimulatedModel) {
        let counts: [WritableKeyPath<AccountStats, [SimulatedModel: Int]>] = [
            \.acceptedSubmissions, \.submissionAttempts, \.maxAcceptedSubmissionsPerSecond,
            \.maxSubmissionAttemptsPerSecond,
        ]
        for count in counts where self[keyPath: count][model] == nil {
            self[keyPath: count][model] = 0
        }
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
        self.maxUnfinishedTasksByModel.merge(other.maxUnfinishedTasksByModel, uniquingKeysWith: max)
    }

    private static func zeros<Key: CaseIterable & Hashable>(_: Key.Type) -> [Key: Int] {
        Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0, 0) })
    }
}
