import Foundation

/// One video task, of any video model, as the simulator tracks it.
struct SimulatedTask: Sendable {
    /// `output.task_id`.
    let id: String
    /// The model, and the tier its usage reports and the bill charges.
    let item: PricedItem
    /// Video length: the audio length named in the audio URL.
    let duration: Decimal
    /// Set when the task is bound to end FAILED (audio out of the model's limit, or an injected failure).
    let plannedFailure: TaskFailure?
    /// When the submission arrived.
    let submitTime: Date
    /// Current status (never UNKNOWN here).
    var status: TaskStatus = .pending
    /// When it started running.
    var scheduledTime: Date?
    /// When it finished or was cancelled.
    var endTime: Date?

    /// The task's model.
    var model: SimulatedModel { self.item.model }
}
