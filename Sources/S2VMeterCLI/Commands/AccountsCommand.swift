import ArgumentParser
import Foundation
import S2VReports
import S2VStore

/// `s2v-meter accounts`: the pool of upstream DashScope accounts.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Manage the pool of upstream DashScope accounts the gateway submits to.",
        discussion: """
            Each account has its own limits, per model: DashScope allows 5 submissions per second (videoretalk 1) \
            and 1 running task of each generation model, and 20 task queries per second. Each model's figures come \
            from the model catalog (`s2v-meter models list`); an account may override them for all its models \
            (`accounts add --max-in-flight`) or for one (`accounts limits`). The gateway uses any account with room, \
            so N accounts run N tasks of a model at once. The key \
            itself is never stored: an account names the environment variable or file every gateway instance reads \
            it from. Running gateways pick up changes within 5 seconds.
            """,
        subcommands: [Add.self, List.self, Limits.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account to the pool (or bring back a removed one)."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The account's name: 1-63 letters, digits, '.', '_' or '-'.")
        var name: String

        @Option(name: .customLong("key-env"), help: "The environment variable holding the account's DashScope key.")
        var keyEnv: String?

        @Option(name: .customLong("key-file"), help: "The file (absolute path) holding the account's DashScope key.")
        var keyFile: String?

        @Option(
            name: .customLong("submissions-per-second"),
            help: "Paid submissions per second, for every model (default: each model's figure in the catalog)."
        )
        var submissionsPerSecond: Int?

        @Option(
            name: .customLong("max-in-flight"),
            help: "Tasks submitted or running at once, for each generation model (default: the catalog's, 1)."
        )
        var maxInFlight: Int?

        @Option(name: .customLong("queries-per-second"), help: "Task queries per second.")
        var queriesPerSecond = 20

        func validate() throws {
            guard (self.keyEnv == nil) != (self.keyFile == nil) else {
                throw ValidationError("give exactly one of --key-env VARIABLE or --key-file PATH")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.accounts",
                configFile: self.database.configFile
            )
            let source: UpstreamKeySource = self.keyEnv.map { .environment($0) } ?? .file(self.keyFile ?? "")
            let limits = AccountLimits(
                submissionsPerSecond: self.submissionsPerSecond,
                maxInFlight: self.maxInFlight,
                queriesPerSecond: self.queriesPerSecond
            )
            let name = self.name
            let account = try await self.database.withMigratedClient(logger: logger) { client in
                try await AccountRepository(client: client).add(
                    name: name,
                    keySource: source,
                    limits: limits,
                    logger: logger
                )
            }
            print("added account \(account.name) (key from \(account.keySource))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the pool's accounts.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Flag(help: "Include removed accounts.")
        var all = false

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.accounts",
                configFile: self.database.configFile
            )
            let all = self.all
            let accounts = try await self.database.withMigratedClient(logger: logger) { client in
                try await AccountRepository(client: client).list(includingRemoved: all, logger: logger)
            }
            guard !accounts.isEmpty else {
                print(
                    "no accounts in the pool: gateways use their own DASHSCOPE_API_KEY; add more with `s2v-meter accounts add`"
                )
                return
            }
            let rows = accounts.map { account in
                [
                    account.name, "\(account.keySource)",
                    account.limits.submissionsPerSecond.map(String.init) ?? "catalog",
                    account.limits.maxInFlight.map(String.init) ?? "catalog", String(account.limits.queriesPerSecond),
                    account.removedAt.map { "removed \($0.formatted(.iso8601))" } ?? "live",
                ]
            }
            print(
                TextTable(
                    header: ["NAME", "KEY FROM", "SUBMIT/S", "IN FLIGHT", "QUERY/S", "STATE"],
                    rows: rows,
                    rightAligned: [2, 3, 4]
                ).render()
            )
        }
    }

    struct Limits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's own limits for one model, over the catalog's.",
            discussion: """
                For an account DashScope granted more (or that must leave room for callers outside the gateway). \
                Give --clear to go back to the catalog's figures. Running gateways pick it up within 5 seconds; the \
                change is in the audit trail.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The account's name.")
        var name: String

        @Option(help: "The model, e.g. emo-v1.")
        var model: String

        @Option(name: .customLong("submissions-per-second"), help: "Paid submissions per second of this model.")
        var submissionsPerSecond: Int?

        @Option(name: .customLong("max-concurrent-tasks"), help: "Tasks of this model submitted or running at once.")
        var maxConcurrentTasks: Int?

        @Flag(help: "Remove the account's limits for the model.")
        var clear = false

        func validate() throws {
            guard self.clear == (self.submissionsPerSecond == nil && self.maxConcurrentTasks == nil) else {
                throw ValidationError(
                    "give --submissions-per-second and/or --max-concurrent-tasks, or --clear alone"
                )
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.accounts",
                configFile: self.database.configFile
            )
            let (name, model) = (self.name, self.model)
            let override = ModelLimitOverride(
                submissionsPerSecond: self.submissionsPerSecond,
                maxConcurrentTasks: self.maxConcurrentTasks
            )
            try await self.database.withMigratedClient(logger: logger) { client in
                try await AccountRepository(client: client).setModelLimits(
                    account: name,
                    model: model,
                    override,
                    logger: logger
                )
            }
            if self.clear {
                print("account \(name) uses the catalog's limits for \(model)")
            } else {
                let perSecond = self.submissionsPerSecond.map { "\($0) submissions/s" }
                let tasks = self.maxConcurrentTasks.map { "\($0) concurrent tasks" }
                print("account \(name), \(model): \([perSecond, tasks].compactMap(\.self).joined(separator: ", "))")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an account: it gets no new tasks; its unfinished tasks are still followed to the end."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The account's name.")
        var name: String

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.accounts",
                configFile: self.database.configFile
            )
            let name = self.name
            let removed = try await self.database.withMigratedClient(logger: logger) { client in
                try await AccountRepository(client: client).remove(name: name, logger: logger)
            }
            guard removed else { throw ValidationError("no account named '\(name)' in the pool") }
            print("removed account \(name)")
        }
    }
}
