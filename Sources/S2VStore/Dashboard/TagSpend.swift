import Foundation

/// Spend with one value of a tag key over a range of UTC days, from the daily rollup; `tagValue` is `""` for
/// spend without the tag.
public struct TagSpend: Sendable, Equatable {
    public var tagValue: String
    public var cost: Decimal
    public var calls: Int64

    public init(tagValue: String, cost: Decimal, calls: Int64) {
        self.tagValue = tagValue
        self.cost = cost
        self.calls = calls
    }
}
