import Foundation

/// A change to the daily rollup (`usage_daily`), applied in the same transaction as the ledger rows it derives
/// from.
public struct UsageDelta: Sendable, Equatable {
    public var calls: Int64
    public var images: Int64
    public var seconds: Decimal
    public var tasksSucceeded: Int64
    public var tasksFailed: Int64
    public var cost: Decimal

    public init(
        calls: Int64 = 0,
        images: Int64 = 0,
        seconds: Decimal = 0,
        tasksSucceeded: Int64 = 0,
        tasksFailed: Int64 = 0,
        cost: Decimal = 0
    ) {
        self.calls = calls
        self.images = images
        self.seconds = seconds
        self.tasksSucceeded = tasksSucceeded
        self.tasksFailed = tasksFailed
        self.cost = cost
    }
}
