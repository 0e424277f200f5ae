import Foundation

/// How a generation task ended, as the settlement records it.
public enum TaskOutcome: Sendable, Equatable {
    /// SUCCEEDED: the billed seconds × the price of the billed tier is captured. Missing or impossible seconds
    /// capture the full hold and flag the task for review.
    case succeeded(billed: BilledUsage, output: String, usage: String?)
    /// FAILED upstream, or refused at submission: the hold is released, nothing is charged. Outputs are merged
    /// over the output stored before.
    case failed(output: String)
    /// CANCELED while PENDING: the hold is released. A nil output is written by the gateway.
    case canceled(output: String?)
    /// The upstream answers UNKNOWN for a task it had accepted (expired before it was settled): the full hold is
    /// captured, conservatively, and the task flagged for review.
    case forgotten
    /// The submission's outcome could not be determined within the unresolved-submission limit (no usable
    /// answer, and the upstream's task list unreadable or silent): the full hold is captured, conservatively,
    /// and the task flagged for review.
    case unresolvedSubmission

    /// The status the task ends with.
    public var status: TaskStatus {
        switch self {
        case .succeeded: .succeeded
        case .failed: .failed
        case .canceled: .canceled
        case .forgotten, .unresolvedSubmission: .unknown
        }
    }
}
