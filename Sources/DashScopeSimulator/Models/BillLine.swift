import Foundation

/// What one account (or all) was billed for one priced item.
public struct BillLine: Sendable, Equatable {
    /// Billed calls: images checked, or videos that SUCCEEDED.
    public var count: Int
    /// Billed units, exact: images for a detect model, seconds of video for the others.
    public var quantity: Decimal
    /// `quantity` × the item's price, exact.
    public var amount: Decimal

    /// Creates a line.
    public init(count: Int = 0, quantity: Decimal = 0, amount: Decimal = 0) {
        self.count = count
        self.quantity = quantity
        self.amount = amount
    }

    /// Adds another line's figures to this one.
    mutating func add(_ other: BillLine) {
        self.count += other.count
        self.quantity += other.quantity
        self.amount += other.amount
    }
}
