import ArgumentParser
import Foundation
import S2VStore

/// `s2v-meter report`: usage and cost reports.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Usage and cost reports, read from the daily rollups.",
        subcommands: [Usage.self])

    struct Usage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Calls, images, video seconds, tasks and cost for a range of UTC days.",
            discussion: """
                Amounts belong to the day a call or task was admitted (a task's charge belongs to its admission, \
                even when it settles later). Amounts are exact decimals, never rounded.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "First UTC day, YYYY-MM-DD. Default: the first day of this month.")
        var from: String?

        @Option(help: "Day after the last, YYYY-MM-DD (exclusive). Default: tomorrow.")
        var to: String?

        @Option(help: "Group by any of: team, key, model, tier, day, month (comma-separated).")
        var by = "team,model,tier"

        @Option(help: "table, csv or json.")
        var format: Format = .table

        @Option(help: "Only this team.")
        var team: String?

        func validate() throws {
            _ = try self.dimensions()
            _ = try self.range()
        }

        func dimensions() throws -> [UsageDimension] {
            try self.by.split(separator: ",").map { name in
                guard let dimension = UsageDimension(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--by takes team, key, model, tier, day or month; not '\(name)'")
                }
                return dimension
            }
        }

        func range() throws -> (Date, Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let today = calendar.startOfDay(for: Date())
            let from = try self.from.map { try Self.day($0, option: "--from") }
                ?? calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
            let to = try self.to.map { try Self.day($0, option: "--to") } ?? calendar.date(byAdding: .day, value: 1, to: today)!
            guard from < to else { throw ValidationError("--from must be before --to") }
            return (from, to)
        }

        static func day(_ text: String, option: String) throws -> Date {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, let date = formatter.date(from: text) else {
                throw ValidationError("\(option) must be a day such as 2026-11-01")
            }
            return date
        }

        func run() async throws {
            let logger = self.logging.bootstrap(label: "s2v-meter.report")
            let dimensions = try self.dimensions()
            let (from, to) = try self.range()
            let teamName = self.team
            let rows = try await self.database.withMigratedClient(logger: logger) { client in
                var teamID: Int64?
                if let teamName {
                    guard let team = try await TeamRepository(client: client).find(name: teamName, logger: logger) else {
                        throw ValidationError("no team named '\(teamName)'")
                    }
                    teamID = team.id
                }
                return try await UsageReportRepository(client: client).usage(
                    from: from, to: to, groupedBy: dimensions, teamID: teamID, logger: logger)
            }
            let dayFormat = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
            let document = UsageReportDocument(
                from: from.formatted(dayFormat), to: to.formatted(dayFormat), dimensions: dimensions, rows: rows)
            switch self.format {
            case .json: print(try document.json())
            case .csv: print(document.csv(), terminator: "")
            case .table: print(document.table())
            }
        }
    }
}
