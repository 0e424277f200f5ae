import Foundation

/// One SUCCEEDED `wan2.2-s2v` task as the simulator bills it (`BilledVideo` has every model's).
public struct BilledTask: Sendable, Equatable {
    /// `output.task_id`.
    public var taskID: String
    /// Output tier.
    public var resolution: VideoResolution
    /// Billed seconds (`usage.duration`), exact.
    public var duration: Decimal
    /// `duration` × the tier's price per second, exact.
    public var amount: Decimal

    /// Creates a billed task.
    public init(taskID: String, resolution: VideoResolution, duration: Decimal, amount: Decimal) {
        self.taskID = taskID
        self.resolution = resolution
        self.duration = duration
        self.amount = amount
    }
}
