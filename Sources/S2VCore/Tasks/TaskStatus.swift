/// A task's status as DashScope names it (`output.task_status`, and `tasks.status`). The column's `CHECK` lists
/// exactly these; `StoredStateTests` compares them.
public enum TaskStatus: String, CaseIterable, Sendable {
    case pending = "PENDING"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"
    /// The upstream no longer knows the task (expired), or the gateway could not learn its outcome.
    case unknown = "UNKNOWN"

    /// Whether the task can still change: PENDING or RUNNING.
    public var isUnfinished: Bool {
        self == .pending || self == .running
    }
}
