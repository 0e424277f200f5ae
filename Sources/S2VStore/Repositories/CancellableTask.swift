import S2VCore

/// What a cancel needs to know about a task: where it stands, and the upstream account and task id holding it
/// once it was submitted.
public struct CancellableTask: Sendable, Equatable {
    public var phase: TaskPhase
    public var status: TaskStatus
    public var account: String?
    public var upstreamTaskID: String?
}
