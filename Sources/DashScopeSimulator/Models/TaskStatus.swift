/// `output.task_status` values.
enum TaskStatus: String, Sendable {
    case pending = "PENDING"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"
    case unknown = "UNKNOWN"

    /// Whether the task can no longer change.
    var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .canceled, .unknown: true
        case .pending, .running: false
        }
    }
}
