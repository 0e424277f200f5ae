import Foundation

/// One SUCCEEDED task of any video model, as the simulator bills it.
public struct BilledVideo: Sendable, Equatable {
    /// `output.task_id`.
    public var taskID: String
    /// The model and the tier it was billed at: the tier its usage reported.
    public var item: PricedItem
    /// Billed seconds (`usage.duration` or `usage.video_duration`), exact.
    public var duration: Decimal
    /// `duration` × the item's price per second, exact.
    public var amount: Decimal

    /// Creates a billed video.
    public init(taskID: String, item: PricedItem, duration: Decimal, amount: Decimal) {
        self.taskID = taskID
        self.item = item
        self.duration = duration
        self.amount = amount
    }
}
