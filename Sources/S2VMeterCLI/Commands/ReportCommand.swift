import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter report`: usage, monthly statements and budget status, read from rollups.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Usage, monthly billing statements and budget status, read from rollups (never the call log).",
        subcommands: [Usage.self, Invoice.self, Budgets.self]
    )

    struct Usage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Calls, images, video seconds, tasks and cost for a range of UTC days.",
            discussion: """
                Amounts belong to the day a call or task was admitted (a task's charge belongs to its admission, \
                even when it settles later). Amounts are exact decimals, never rounded.

                Example: s2v-meter report usage --from 2026-11-01 --to 2026-12-01 --by team,model --format csv
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "First UTC day, YYYY-MM-DD. Default: the first day of this month.")
        var from: String?

        @Option(help: "Day after the last, YYYY-MM-DD (exclusive). Default: tomorrow.")
        var to: String?

        @Option(
            help: """
                Group by any of: team, key, model, tier, day, month, and tag:KEY for a cost-attribution tag \
                (comma-separated). A tag column is empty for spend without that tag.
                """
        )
        var by = "team,model,tier"

        @Option(help: "table, csv or json.")
        var format: Format = .table

        @Option(help: "Only this team.")
        var team: String?

        func validate() throws {
            _ = try self.query()
        }

        func query() throws -> UsageQuery {
            try TeamFilterResolution.validating {
                try UsageQuery(from: self.from, to: self.to, by: self.by, prefix: "--")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.report",
                configFile: self.database.configFile
            )
            let query = try self.query()
            let teamName = self.team
            let rows = try await self.database.withMigratedClient(logger: logger) { client in
                let teamID = try await TeamFilterResolution.teamID(named: teamName, client: client, logger: logger)
                return try await UsageReportRepository(client: client).usage(
                    from: query.from,
                    to: query.to,
                    groupedBy: query.dimensions,
                    teamID: teamID,
                    logger: logger
                )
            }
            let text = try query.document(rows: rows).render(ReportFormat(rawValue: self.format.rawValue) ?? .table)
            // The table and CSV end in a line break (CSV in CRLF, one `Character`); JSON does not.
            print(text, terminator: text.last?.isNewline == true ? "" : "\n")
        }
    }

    struct Invoice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The monthly billing statement: per team, quantity × unit price = amount per model, tier and price version.",
            discussion: """
                A statement covers the calls and tasks admitted in one UTC calendar month. Conservative charges \
                (tasks the upstream forgot, charged their full hold) are flagged for review. JSON and CSV amounts \
                are exact decimal strings; --format html writes a printable page.

                With --split tag:KEY it is a chargeback statement: each team's lines are split by the value of that \
                tag, one section per value plus one for charges without the tag, and each team's sections add up \
                exactly to its plain statement.

                Example: s2v-meter report invoice --month 2026-11 --team render-farm --format html > nov.html
                Example: s2v-meter report invoice --month 2026-11 --split tag:cost_center --format csv
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json, html
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "The month, YYYY-MM. Default: this month (UTC).")
        var month: String?

        @Option(help: "Only this team.")
        var team: String?

        @Option(help: ArgumentHelp("Split each team by a tag: tag:KEY, such as tag:cost_center.", valueName: "tag:KEY"))
        var split: String?

        @Option(help: "table, csv, json or html.")
        var format: Format = .table

        func validate() throws {
            _ = try self.billingMonth()
            _ = try TeamFilterResolution.validating { try InvoiceSplit.tagKey(self.split, name: "--split") }
        }

        func billingMonth() throws -> BillingMonth {
            try TeamFilterResolution.validating {
                try self.month.map(BillingMonth.init) ?? BillingMonth(containing: Date())
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.report",
                configFile: self.database.configFile
            )
            let month = try self.billingMonth()
            let teamName = self.team
            let tagKey = try InvoiceSplit.tagKey(self.split, name: "--split")
            let statement = try await self.database.withMigratedClient(logger: logger) { client in
                let teamID = try await TeamFilterResolution.teamID(named: teamName, client: client, logger: logger)
                return try await InvoiceRepository(client: client).statement(
                    month: month,
                    teamID: teamID,
                    splitByTag: tagKey,
                    logger: logger
                )
            }
            let text = try InvoiceDocument(statement: statement).render(
                ReportFormat(rawValue: self.format.rawValue) ?? .table
            )
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }

    struct Budgets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Budget status: this period's limit, spent, held, remaining, percent used and forecast to period end."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Only this team's budgets (its team and key budgets).")
        var team: String?

        @Option(help: "table, csv or json.")
        var format: Format = .table

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.report",
                configFile: self.database.configFile
            )
            let teamName = self.team
            let statuses = try await self.database.withMigratedClient(logger: logger) { client in
                let teamID = try await TeamFilterResolution.teamID(named: teamName, client: client, logger: logger)
                return try await BudgetRepository(client: client).status(teamID: teamID, logger: logger)
            }
            print(
                try BudgetReportDocument(statuses: statuses).render(
                    ReportFormat(rawValue: self.format.rawValue) ?? .table
                ),
                terminator: ""
            )
        }
    }
}
