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
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `2026-11-30`.
    public static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }

    /// Parses an ISO 8601 instant (`2026-11-30T08:00:00Z`) or a UTC day (`2026-11-30`, its first instant);
    /// nil or empty text is nil.
    public static func instant(parsing text: String?, name: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        do {
            return try UsageQuery.day(text, name: name)
        } catch {
            throw ServiceError.invalidParameter(
                "\(name) must be an ISO 8601 instant such as 2026-11-30T08:00:00Z or a day such as 2026-11-30; got '\(text)'.")
        }
    }
}
