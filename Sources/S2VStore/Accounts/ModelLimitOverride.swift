/// An account's own limits for one model (`s2v-meter accounts limits`); a nil figure keeps the one it would have.
public struct ModelLimitOverride: Sendable, Equatable, Codable {
    public var submissionsPerSecond: Int?
    public var maxConcurrentTasks: Int?

    public init(submissionsPerSecond: Int?, maxConcurrentTasks: Int?) {
        self.submissionsPerSecond = submissionsPerSecond
        self.maxConcurrentTasks = maxConcurrentTasks
    }
}
