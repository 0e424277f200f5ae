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
    /// The instant these figures are for.
    public var asOf: Date

    public init(budget: BudgetRecord, periodStart: Date, periodEnd: Date?, spent: Decimal, held: Decimal, asOf: Date) {
        self.budget = budget
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.spent = spent
        self.held = held
        self.asOf = asOf
    }

    /// What the budget can still admit this period, never negative.
    public var remaining: Decimal { max(self.budget.limit - self.spent - self.held, 0) }

    /// (spent + held) / limit: 1 means full. nil for a zero limit, of which no share can be taken.
    ///
    /// Total, never NaN: `Decimal` division gives NaN when the quotient leaves its exponent range (a limit of
    /// 1e127 and a hold of 0.36), so a quotient too small to hold is 0 and one too large is the greatest finite
    /// `Decimal`. Limits set since budgets are bounded never come near either; older rows might.
    public var utilisation: Decimal? {
        let used = self.spent + self.held
        let limit = self.budget.limit
        guard !used.isNaN, !limit.isNaN, limit > 0 else { return nil }
        guard used > 0 else { return 0 }
        let quotient = used / limit
        guard quotient.isNaN else { return quotient }
        return used < limit ? 0 : .greatestFiniteMagnitude
    }

    /// Spent + held as a percentage of the limit, rounded to two decimals for display; nil for a zero limit.
    /// Never NaN (see ``utilisation``).
    public var percentUsed: Decimal? {
        guard let utilisation = self.utilisation else { return nil }
        let percent = utilisation * 100
        return (percent.isNaN ? .greatestFiniteMagnitude : percent).rounded(scale: 2)
    }

    /// Spent + held at the period's end if use goes on at this period's average rate so far, rounded to six
    /// decimals (an estimate, for display). nil for a lifetime budget and in a period's first minute, when there
    /// is too little to go on.
    public var forecast: Decimal? {
        guard let end = self.periodEnd else { return nil }
        let elapsed = Int64((self.asOf.timeIntervalSince(self.periodStart) * 1000).rounded(.down))
        let length = Int64((end.timeIntervalSince(self.periodStart) * 1000).rounded(.down))
        guard elapsed >= 60_000, length > 0 else { return nil }
        guard elapsed < length else { return self.spent + self.held }
        return ((self.spent + self.held) * Decimal(length) / Decimal(elapsed)).rounded(scale: 6)
    }

    /// Whether the forecast passes the limit: at this rate the budget will refuse calls before the period ends.
    public var forecastExceedsLimit: Bool {
        guard let forecast = self.forecast else { return false }
        return forecast > self.budget.limit
    }
}
