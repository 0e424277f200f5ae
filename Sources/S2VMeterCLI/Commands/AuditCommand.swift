import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter audit`: who called what, when, at what cost; and who changed keys, budgets, prices, limits and
/// accounts.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: every client call, and every admin change with its before and after.",
        subcommands: [Calls.self, Changes.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    struct Calls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Client calls, newest first: time, team, key, endpoint, model, tier, status, error and cost.",
            discussion: """
                Pages hold --limit calls; the next page starts at the cursor printed after the table (or \
                next_cursor in JSON). --all prints every matching call, which suits CSV export:

                  s2v-meter audit calls --team render-farm --from 2026-11-01 --to 2026-12-01 --all --format csv > calls.csv
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Only this team's calls.") var team: String?
        @Option(name: .customLong("key-id"), help: "Only this key's calls.") var keyID: Int64?
        @Option(help: "Only calls of this model.") var model: String?
        @Option(help: "Only this HTTP status (403) or class (4xx).") var status: String?
        @Option(name: .customLong("error-code"), help: "Only this error code, such as BudgetExceeded.") var errorCode:
            String?
        @Option(help: "From this instant (ISO 8601) or UTC day, inclusive.") var from: String?
        @Option(help: "Before this instant (ISO 8601) or UTC day, exclusive.") var to: String?
        @Option(name: .customLong("task-id"), help: "Only calls about this task.") var taskID: String?
        @Option(help: "Start below this cursor (from the previous page).") var cursor: Int64?
        @Option(help: "Calls per page, 1 to 1000.") var limit = 100
        @Flag(help: "Every matching call, page after page.") var all = false
        @Option(help: "table, csv or json.") var format: Format = .table

        func validate() throws {
            _ = try self.filter(teamID: nil)
            guard (1...AuditRepository.maximumPageSize).contains(self.limit) else {
                throw ValidationError("--limit must be from 1 to \(AuditRepository.maximumPageSize)")
            }
            if self.all && self.format == .json {
                throw ValidationError("--all writes table or csv; page through JSON with --cursor")
            }
        }

        func filter(teamID: Int64?) throws -> CallFilter {
            try TeamFilterResolution.validating {
                CallFilter(
                    teamID: teamID,
                    keyID: self.keyID,
                    model: self.model,
                    status: try self.status.map(StatusFilter.init),
                    errorCode: self.errorCode,
                    from: try AuditCommand.instant(self.from, name: "--from"),
                    to: try AuditCommand.instant(self.to, name: "--to"),
                    taskID: try self.taskID.map { text in
                        guard let id = UUID(uuidString: text) else {
                            throw ServiceError.invalidParameter("--task-id must be a task id (a UUID)")
                        }
                        return id
                    }
                )
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.audit",
                configFile: self.database.configFile
            )
            let (teamName, cursor, limit, all) = (self.team, self.cursor, self.limit, self.all)
            let format = ReportFormat(rawValue: self.format.rawValue) ?? .table
            let command = self
            try await self.database.withMigratedClient(logger: logger) { client in
                let filter = try command.filter(
                    teamID: try await TeamFilterResolution.teamID(named: teamName, client: client, logger: logger)
                )
                let audit = AuditRepository(client: client)
                var page = try await audit.calls(filter, cursor: cursor, limit: limit, logger: logger)
                guard all else {
                    print(try AuditCallsDocument(page: page).render(format), terminator: format == .csv ? "" : "\n")
                    return
                }
                // CSV streams page after page; a table needs every row to size its columns.
                var rows = page.rows
                if format == .csv { print(try AuditCallsDocument(page: page).render(.csv), terminator: "") }
                while let next = page.nextCursor {
                    page = try await audit.calls(
                        filter,
                        cursor: next,
                        limit: AuditRepository.maximumPageSize,
                        logger: logger
                    )
                    if format == .csv {
                        print(AuditCallsDocument(page: page).csv(includeHeader: false), terminator: "")
                    } else {
                        rows += page.rows
                    }
                }
                if format != .csv {
                    print(try AuditCallsDocument(page: AuditPage(rows: rows, nextCursor: nil)).render(format))
                }
            }
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Admin changes, newest first: who (cli:user@host, key:ID or sql:user), when, what, before and after."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Only changes to this team and its keys, budgets and limits.") var team: String?
        @Option(help: "Only team, key, budget, price, limit, account or model changes.") var object: String?
        @Option(help: "From this instant (ISO 8601) or UTC day, inclusive.") var from: String?
        @Option(help: "Before this instant (ISO 8601) or UTC day, exclusive.") var to: String?
        @Option(help: "Start below this cursor (from the previous page).") var cursor: Int64?
        @Option(help: "Changes per page, 1 to 1000.") var limit = 100
        @Option(help: "table, csv or json.") var format: Format = .table

        func validate() throws {
            if let object = self.object, !ChangeFilter.objects.contains(object) {
                throw ValidationError("--object must be one of \(ChangeFilter.objects.joined(separator: ", "))")
            }
            _ = try TeamFilterResolution.validating { try AuditCommand.instant(self.from, name: "--from") }
            _ = try TeamFilterResolution.validating { try AuditCommand.instant(self.to, name: "--to") }
            guard (1...AuditRepository.maximumPageSize).contains(self.limit) else {
                throw ValidationError("--limit must be from 1 to \(AuditRepository.maximumPageSize)")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.audit",
                configFile: self.database.configFile
            )
            let (teamName, object, cursor, limit) = (self.team, self.object, self.cursor, self.limit)
            let from = try AuditCommand.instant(self.from, name: "--from")
            let to = try AuditCommand.instant(self.to, name: "--to")
            let page = try await self.database.withMigratedClient(logger: logger) { client in
                let teamID = try await TeamFilterResolution.teamID(named: teamName, client: client, logger: logger)
                return try await AuditRepository(client: client).changes(
                    ChangeFilter(teamID: teamID, object: object, from: from, to: to),
                    cursor: cursor,
                    limit: limit,
                    logger: logger
                )
            }
            let format = ReportFormat(rawValue: self.format.rawValue) ?? .table
            print(try AuditChangesDocument(page: page).render(format), terminator: format == .csv ? "" : "\n")
        }
    }

    /// An ISO 8601 instant or a UTC day.
    static func instant(_ text: String?, name: String) throws -> Date? {
        try ReportTime.instant(parsing: text, name: name)
    }
}
