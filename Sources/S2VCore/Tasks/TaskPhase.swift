/// Where a generation task is in the gateway (`tasks.phase`): admitted (held, queued), then submitting (the
/// intent recorded, the call in flight), submitted (the upstream answered PENDING), running, and settled (the
/// charge or release written, once). The column's `CHECK` lists exactly these; `StoredStateTests` compares them.
public enum TaskPhase: String, CaseIterable, Sendable {
    case admitted
    case submitting
    case submitted
    case running
    case settled

    /// Not yet settled: what counts against a team's and a key's active-task limits.
    public static let active: [TaskPhase] = [.admitted, .submitting, .submitted, .running]
    /// Claimed by an upstream account: what counts against the account's running place.
    public static let onAccount: [TaskPhase] = [.submitting, .submitted, .running]
    /// Accepted upstream and not settled: what the poller asks about.
    public static let polled: [TaskPhase] = [.submitted, .running]

    /// The phase of a task the upstream reports with `status` while it is not finished.
    public init(unfinished status: TaskStatus) {
        self = status == .running ? .running : .submitted
    }
}
