import Foundation

/// One group of a usage report.
public struct UsageRow: Sendable, Equatable {
    /// The group's value for each dimension asked for.
    public var groups: [UsageDimension: String]
    public var calls: Int64
    public var images: Int64
    public var seconds: Decimal
    public var tasksSucceeded: Int64
    public var tasksFailed: Int64
    public var cost: Decimal
}
