import Foundation
import S2VCore

extension BudgetSpecification {
    /// The largest limit a budget may have: 10^12 in the price book's currency. Far above any real budget, and
    /// small enough that every figure derived from it (remaining, percent used) stays exact in `Decimal`.
    public static let maximumLimit = Decimal(1_000_000_000_000)
    /// The most decimal places a limit may have: 8, the scale of the finest charge (10.23 s × $0.071677 is
    /// $0.73325571).
    public static let maximumLimitScale = 8

    /// Refuses a limit that is negative, not a number, above ``maximumLimit`` or finer than
    /// ``maximumLimitScale`` decimal places.
    static func checkLimit(_ limit: Decimal) throws(DomainError) {
        guard !limit.isNaN else { throw .invalid("a budget's limit must be a number.") }
        guard limit >= 0 else {
            throw .invalid("a budget's limit cannot be negative; got \(limit.exactString).")
        }
        guard limit <= Self.maximumLimit else {
            throw .invalid("a budget's limit can be at most 1000000000000 (10^12).")
        }
        var compact = limit
        NSDecimalCompact(&compact)
        guard -Int(compact.exponent) <= Self.maximumLimitScale else {
            throw .invalid(
                "a budget's limit can have at most \(Self.maximumLimitScale) decimal places; got \(limit.exactString)."
            )
        }
    }
}
