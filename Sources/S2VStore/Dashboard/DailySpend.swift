import Foundation

/// One UTC day's spend, from the daily rollup.
public struct DailySpend: Sendable, Equatable {
    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    public var cost: Decimal
    public var calls: Int64

    public init(day: String, cost: Decimal, calls: Int64) {
        self.day = day
        self.cost = cost
        self.calls = calls
    }
}
