/// The calendar period a budget's usage is counted over, in the budget's IANA time zone.
public enum BudgetPeriod: String, Sendable, CaseIterable, Codable {
    /// A calendar month, from the 1st at 00:00.
    case month
    /// An ISO week, from Monday at 00:00.
    case week
    /// A calendar day, from 00:00; 23 or 25 hours long on daylight-saving days.
    case day
    /// One period that never ends.
    case lifetime

    /// Parses `month`, `week`, `day` or `lifetime`, with a clear error for anything else.
    public static func parse(_ text: String) throws(DomainError) -> BudgetPeriod {
        guard let period = BudgetPeriod(rawValue: text.lowercased()) else {
            throw .invalid("period must be one of month, week, day, lifetime; got '\(text)'.")
        }
        return period
    }
}
