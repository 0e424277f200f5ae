import Foundation
import S2VCore

/// A UTC calendar month, `YYYY-MM`, the period of a billing statement.
public struct BillingMonth: Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Parses `YYYY-MM`; anything else is an `InvalidParameter` error that says what is expected.
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1970
        else {
            throw DomainError.invalid("month must be YYYY-MM, such as 2026-11; got '\(text)'.")
        }
        self.year = year
        self.month = month
    }

    /// The month containing `date`, in UTC.
    public init(containing date: Date) {
        let components = Self.calendar.dateComponents([.year, .month], from: date)
        self.year = components.year ?? 1970
        self.month = components.month ?? 1
    }

    public var description: String {
        String(format: "%04d-%02d", self.year, self.month)
    }

    /// The first instant of the month.
    public var start: Date {
        Self.calendar.date(from: DateComponents(year: self.year, month: self.month, day: 1)) ?? .distantPast
    }

    /// The first instant of the next month.
    public var end: Date {
        Self.calendar.date(byAdding: .month, value: 1, to: self.start) ?? .distantFuture
    }

    /// The first day, `YYYY-MM-01`, as SQL `date` text.
    var firstDay: String {
        self.description + "-01"
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
