import Foundation

/// One `wan2.2-s2v` task as the simulator tracks it.
struct SimulatedTask: Sendable {
    /// `output.task_id`.
    let id: String
    /// Output tier.
    let resolution: VideoResolution
    /// Video length: the audio length named in the audio URL.
    let duration: Decimal
    /// Set when the task is bound to end FAILED (long audio or injected failure).
    let plannedFailure: TaskFailure?
    /// When the submission arrived.
    let submitTime: Date
    /// Current status (never UNKNOWN here).
    var status: TaskStatus = .pending
    /// When it started running.
    var scheduledTime: Date?
    /// When it finished or was cancelled.
    var endTime: Date?
}
