import Foundation

/// Everything that shapes a simulator run: accepted keys, timing, limits and injected faults.
///
/// Every value is deterministic: the same configuration, clock and request sequence give the same
/// statuses, bodies and bill.
public struct SimulatorConfiguration: Sendable {
    /// Accepted `Authorization: Bearer` keys. Each key is its own account, with its own tasks and limits.
    public var apiKeys: [String]
    /// How long a video task (of any model) stays RUNNING.
    public var generationTime: Duration
    /// Minimum time a task stays PENDING before it may start.
    public var schedulingDelay: Duration
    /// Audio length, in seconds, used when the audio URL carries no `duration` query parameter.
    public var defaultAudioSeconds: Decimal
    /// How long a task stays queryable after its submission; afterwards queries answer UNKNOWN.
    public var taskTTL: Duration
    /// Accepted submissions per sliding second, per model and per account.
    public var submissionsPerSecond: Int
    /// Models whose submission limit is not `submissionsPerSecond`, with theirs.
    public var submissionsPerSecondByModel: [SimulatedModel: Int]
    /// Task queries (`GET /tasks/{id}` and `GET /tasks`) per sliding second, per account.
    public var queriesPerSecond: Int
    /// Failure injection by rate; all rates are zero by default.
    public var faults: FaultInjection
    /// Models the upstream launched after this simulator was written, by name, each served exactly as the known
    /// model of the same shape (its body, answers, limits and bill lines): `["wan2.5-s2v": .synthesis]`.
    public var launchedModels: [String: SimulatedModel] = [:]

    /// Creates a configuration.
    /// - Parameters:
    ///   - apiKeys: Accepted Bearer keys, one account each.
    ///   - generationTime: How long a task runs.
    ///   - schedulingDelay: Minimum PENDING time before a task may start.
    ///   - defaultAudioSeconds: Video length when the audio URL names none.
    ///   - taskTTL: How long tasks stay queryable.
    ///   - submissionsPerSecond: Submission limit per model per account.
    ///   - submissionsPerSecondByModel: Models with another submission limit; by default `videoretalk`, whose
    ///     documented limit is 1 per second.
    ///   - queriesPerSecond: Task-query limit per account.
    ///   - faults: Failure injection by rate.
    public init(
        apiKeys: [String],
        generationTime: Duration = .seconds(2),
        schedulingDelay: Duration = .zero,
        defaultAudioSeconds: Decimal = 5,
        taskTTL: Duration = .seconds(86_400),
        submissionsPerSecond: Int = 5,
        submissionsPerSecondByModel: [SimulatedModel: Int] = SimulatorConfiguration.documentedModelLimits,
        queriesPerSecond: Int = 20,
        faults: FaultInjection = FaultInjection()
    ) {
        self.apiKeys = apiKeys
        self.generationTime = generationTime
        self.schedulingDelay = schedulingDelay
        self.defaultAudioSeconds = defaultAudioSeconds
        self.taskTTL = taskTTL
        self.submissionsPerSecond = submissionsPerSecond
        self.submissionsPerSecondByModel = submissionsPerSecondByModel
        self.queriesPerSecond = queriesPerSecond
        self.faults = faults
    }

    /// The documented submission limits that differ from the usual 5 per second: `videoretalk`'s 1.
    public static let documentedModelLimits: [SimulatedModel: Int] = [.videoRetalk: 1]

    /// Accepted submissions per sliding second for `model`, per account.
    func submissionsPerSecond(for model: SimulatedModel) -> Int {
        self.submissionsPerSecondByModel[model] ?? self.submissionsPerSecond
    }
}
