import Foundation
import S2VCore
import S2VStore

/// The parameters of a usage report, parsed the same way for the CLI and the HTTP API: UTC days
/// [from, to) and the dimensions to group by.
public struct UsageQuery: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var dimensions: [UsageDimension]

    /// - Parameters:
    ///   - from: first UTC day, `YYYY-MM-DD`; default the first day of the current month.
    ///   - to: the day after the last, exclusive; default tomorrow.
    ///   - by: comma-separated dimensions; default `team,model,tier`.
    ///   - now: the current instant, for the defaults.
    ///   - prefix: put before parameter names in messages: `--` for the command line.
    /// - Throws: `InvalidParameter` with a message that says what is expected.
    public init(from: String?, to: String?, by: String?, now: Date = Date(), prefix: String = "") throws {
        let calendar = Self.calendar
        let today = calendar.startOfDay(for: now)
        self.from =
            try from.map { try Self.day($0, name: prefix + "from") }
            ?? calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
        self.to =
            try to.map { try Self.day($0, name: prefix + "to") } ?? calendar.date(byAdding: .day, value: 1, to: today)!
        guard self.from < self.to else {
            throw ServiceError.invalidParameter("\(prefix)from must be before \(prefix)to (\(prefix)to is exclusive).")
        }
        self.dimensions = try Self.dimensions(by ?? "team,model,tier", name: prefix + "by")
    }

    /// Parses `team,model,tag:project`: any of team, key, model, tier, day, month and `tag:KEY`, each at most
    /// once.
    public static func dimensions(_ text: String, name: String = "by") throws -> [UsageDimension] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var dimensions: [UsageDimension] = []
        for item in names {
            let dimension: UsageDimension?
            do {
                dimension = try UsageDimension(name: item)
            } catch {
                throw ServiceError.invalidParameter("\(name): \(error.message)")
            }
            guard let dimension else {
                throw ServiceError.invalidParameter(
                    "\(name) takes team, key, model, tier, day, month or tag:KEY; not '\(item.prefix(80))'."
                )
            }
            if !dimensions.contains(dimension) { dimensions.append(dimension) }
        }
        return dimensions
    }

    /// Parses a UTC day, `YYYY-MM-DD`, in the years 0001 to 9999.
    public static func day(_ text: String, name: String) throws -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), year >= 1, let month = Int(parts[1]), let day = Int(parts[2]),
            let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day)),
            Self.calendar.component(.day, from: date) == day, Self.calendar.component(.month, from: date) == month
        else {
            throw ServiceError.invalidParameter("\(name) must be a day such as 2026-11-01; got '\(text)'.")
        }
        return date
    }

    /// The document for rows of this query.
    public func document(rows: [UsageRow]) -> UsageReportDocument {
        UsageReportDocument(
            from: ReportTime.day(self.from),
            to: ReportTime.day(self.to),
            dimensions: self.dimensions,
            rows: rows
        )
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
