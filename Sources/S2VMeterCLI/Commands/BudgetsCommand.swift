import ArgumentParser
import Configuration
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter budgets`: hard spending limits per gateway, team or key.
struct BudgetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgets",
        abstract: "Set, list, inspect and delete budgets: hard spending limits per period.",
        discussion: """
            A budget caps spent + held (money charged plus money reserved by unfinished tasks and calls) on the \
            whole gateway, a team or a key, per calendar month, ISO week or day in an IANA time zone, or over its \
            lifetime. A call that does not fit every budget it falls under gets 403 BudgetExceeded and is never \
            sent upstream. Periods begin at their boundary in the budget's zone; nothing resets them. Alerts go \
            out once per threshold per period, to the webhook if one is set.
            """,
        subcommands: [Set.self, List.self, Status.self, Delete.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a budget, or change the one with the same scope, period and time zone.",
            discussion: """
                Example: s2v-meter budgets set --team acme --limit 500 --period month --tz Asia/Shanghai \
                --webhook https://hooks.example.com/budget

                The limit is at most 1000000000000 with at most 8 decimal places. The time zone is UTC or a \
                canonical IANA Area/Location name. The webhook must be at a public address unless its host is in \
                --webhook-allow-hosts (the same setting as serve's: flag, S2V_METER_WEBHOOK_ALLOW_HOSTS or the \
                config file); a host name is resolved and checked again at every delivery.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var scope: BudgetScopeOptions

        @Option(help: "The hard limit, a plain decimal amount in the price book's currency (e.g. 500 or 49.99).")
        var limit: String

        @Option(help: "month, week (ISO, from Monday), day or lifetime.")
        var period: String

        @Option(name: .customLong("tz"), help: "The IANA time zone the periods follow, e.g. Asia/Shanghai.")
        var timezone = "UTC"

        @Option(help: "Alert thresholds in percent of the limit, comma-separated, or none.")
        var alert = "50,80,100"

        @Option(help: "An http(s) URL that receives each alert as a POST.")
        var webhook: String?

        @Option(
            name: .customLong("webhook-format"),
            help: "json (the event) or slack (a Slack-compatible text message)."
        )
        var webhookFormat = "json"

        @Option(name: .customLong("webhook-allow-hosts"), help: Setting.webhookAllowHosts.help)
        var webhookAllowHosts: String?

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.budgets",
                configFile: self.database.configFile
            )
            guard let limit = Decimal(exactly: self.limit) else {
                throw ValidationError(
                    "--limit must be a plain decimal amount such as 500 or 49.99; got '\(self.limit)'"
                )
            }
            let period = try BudgetPeriod.parse(self.period)
            let alerts = try AlertThresholds.parse(self.alert)
            let format = try WebhookFormat.parse(self.webhookFormat)
            let webhookAddresses = try await self.webhookSettings().rule
            let (zone, webhook, scope) = (self.timezone, self.webhook, self.scope)
            let (budget, created) = try await self.database.withMigratedClient(logger: logger) { client in
                let specification = try BudgetSpecification(
                    scope: try await scope.resolve(client: client, logger: logger),
                    limit: limit,
                    period: period,
                    timezone: zone,
                    alerts: alerts,
                    webhookURL: webhook,
                    webhookFormat: format,
                    webhookAddresses: webhookAddresses
                )
                return try await BudgetRepository(client: client).set(specification, logger: logger)
            }
            print(
                "\(created ? "created" : "changed") budget \(budget.id): \(budget.scopeDescription), "
                    + "\(budget.limit.exactString) \(budget.currency) per \(budget.period.rawValue) (\(budget.timezone))"
            )
        }

        /// `webhook-allow-hosts` from the flag, the environment or the config file, read as `serve` reads it.
        private func webhookSettings() async throws -> WebhookSettings {
            var flags = self.database.flags
            if let hosts = self.webhookAllowHosts { flags[.webhookAllowHosts] = .string(hosts) }
            let source = try await SettingsSource(
                flags: flags,
                environment: ProcessInfo.processInfo.environment,
                configFile: self.database.configFile
            )
            return try await WebhookSettings(from: source)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the budgets and their alert settings.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.budgets",
                configFile: self.database.configFile
            )
            let budgets = try await self.database.withMigratedClient(logger: logger) { client in
                try await BudgetRepository(client: client).list(logger: logger)
            }
            guard !budgets.isEmpty else {
                print("no budgets: set one with `s2v-meter budgets set`")
                return
            }
            let rows = budgets.map { budget in
                [
                    String(budget.id), budget.scopeDescription, budget.period.rawValue, budget.timezone,
                    budget.limit.exactString + " " + budget.currency,
                    budget.alerts.percentages.isEmpty
                        ? "none" : budget.alerts.percentages.map(\.exactString).joined(separator: ","),
                    budget.webhookURL.map { "\($0) (\(budget.webhookFormat.rawValue))" } ?? "-",
                ]
            }
            print(
                TextTable(
                    header: ["ID", "SCOPE", "PERIOD", "TIME ZONE", "LIMIT", "ALERTS %", "WEBHOOK"],
                    rows: rows,
                    rightAligned: [0]
                ).render()
            )
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each budget's current period: limit, spent, held, remaining, percent used and forecast."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Show the periods containing this instant (ISO 8601, e.g. 2026-11-30T16:00:00Z) instead of now.")
        var at: String?

        @Option(help: "table, csv or json.")
        var format = "table"

        func validate() throws {
            guard ["table", "csv", "json"].contains(self.format) else {
                throw ValidationError("--format must be table, csv or json")
            }
            if let at = self.at, (try? Date(at, strategy: .iso8601)) == nil {
                throw ValidationError("--at must be an ISO 8601 instant such as 2026-11-30T16:00:00Z")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.budgets",
                configFile: self.database.configFile
            )
            let instant = try self.at.map { try Date($0, strategy: .iso8601) }
            let statuses = try await self.database.withMigratedClient(logger: logger) { client in
                try await BudgetRepository(client: client).status(at: instant, logger: logger)
            }
            let document = BudgetReportDocument(statuses: statuses)
            print(try document.render(ReportFormat(rawValue: self.format) ?? .table), terminator: "")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a budget by id: it stops refusing at once; its history stays."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The budget's id, as `budgets list` shows it.")
        var id: Int64

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.budgets",
                configFile: self.database.configFile
            )
            let id = self.id
            let deleted = try await self.database.withMigratedClient(logger: logger) { client in
                try await BudgetRepository(client: client).delete(id: id, logger: logger)
            }
            guard deleted else { throw ValidationError("no budget with id \(id)") }
            print("deleted budget \(id)")
        }
    }
}
