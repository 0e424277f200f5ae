import Foundation
import S2VCore

/// A budget's usage in the period that contains a given instant.
public struct BudgetStatus: Sendable, Equatable {
    public var budget: BudgetRecord
    public var periodStart: Date
    /// The next period's start; nil for a lifetime budget.
    public var periodEnd: Date?
    public var spent: Decimal
    public var held: Decimal

    /// What the budget can still admit this period, never negative.
    public var remaining: Decimal { max(self.budget.limit - self.spent - self.held, 0) }

    /// Spent + held as a percentage of the limit, rounded to two decimals for display; nil for a zero limit.
    public var percentUsed: Decimal? {
        guard self.budget.limit > 0 else { return nil }
        return ((self.spent + self.held) * 100 / self.budget.limit).rounded(scale: 2)
    }
}
