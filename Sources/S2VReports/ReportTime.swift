import Foundation
import S2VCore

/// How reports write instants and days: ISO 8601 in UTC.
public enum ReportTime {
    /// `2026-11-30T12:00:00Z`.
    public static func instant(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `2026-11-30T12:00:00.123Z`, for audit rows.
    public static func preciseInstant(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        )
    }

    /// `2026-11-30`.
    public static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }

    /// Parses an ISO 8601 instant (`2026-11-30T08:00:00Z`) or a UTC day (`2026-11-30`, its first instant);
    /// nil or empty text is nil. Instants outside years 0001–9999 are refused.
    public static func instant(parsing text: String?, name: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: .iso8601) {
            // The ISO 8601 parser reads six-digit years: past PostgreSQL's last year (294276) the store refuses the
            // value, and past 294277 encoding it for PostgreSQL traps.
            guard Self.accepted.contains(date) else {
                throw ServiceError.invalidParameter("\(name) must lie in the years 0001 to 9999; got '\(text)'.")
            }
            return date
        }
        do {
            return try UsageQuery.day(text, name: name)
        } catch {
            throw ServiceError.invalidParameter(
                "\(name) must be an ISO 8601 instant such as 2026-11-30T08:00:00Z or a day such as 2026-11-30; got '\(text)'."
            )
        }
    }

    /// The instants a report or audit query may name: from 0001-01-01T00:00:00Z up to, not including,
    /// 10000-01-01T00:00:00Z (as Foundation's Gregorian calendar, the ISO 8601 parser's, counts them).
    public static let accepted: Range<Date> = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: 1, month: 1, day: 1)) ?? .distantPast
        let end = calendar.date(from: DateComponents(year: 10_000, month: 1, day: 1)) ?? .distantFuture
        return first..<end
    }()
}
