import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter limits`: client limits per team and per key.
struct LimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Set, list and clear client limits per team and per key.",
        discussion: """
            A request over a limit gets 429 Throttling.RateQuota with Retry-After and X-RateLimit-Limit, \
            X-RateLimit-Remaining and X-RateLimit-Reset. A refused request takes nothing from any other limit \
            and no budget. Limits hold across every gateway instance (they live in PostgreSQL).
            """,
        subcommands: [Set.self, List.self, Clear.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the limits of a team or key, replacing the ones it had."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var scope: ClientLimitScopeOptions

        @Option(help: "Requests per second, sustained (a token bucket; needs --burst).")
        var rps: String?

        @Option(help: "Requests allowed at once after a quiet period (the bucket's size).")
        var burst: Int?

        @Option(name: .customLong("max-active"), help: "Generation tasks queued or running at once.")
        var maxActive: Int?

        @Option(name: .customLong("tasks-per-day"), help: "Generation tasks admitted per UTC day.")
        var tasksPerDay: Int?

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.limits",
                configFile: self.database.configFile
            )
            var rate: Decimal?
            if let text = self.rps {
                guard let value = Decimal(exactly: text) else {
                    throw ValidationError("--rps must be a decimal number")
                }
                rate = value
            }
            let limits = ClientLimits(
                requestsPerSecond: rate,
                burst: self.burst,
                maxActiveTasks: self.maxActive,
                tasksPerDay: self.tasksPerDay
            )
            if let problem = limits.problem { throw ValidationError(problem) }
            let options = self.scope
            let scope = try await self.database.withMigratedClient(logger: logger) { client in
                let scope = try await options.resolve(client: client, logger: logger)
                try await ClientLimitRepository(client: client).set(scope, limits: limits, logger: logger)
                return scope
            }
            print("limits set for \(scope)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the client limits.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.limits",
                configFile: self.database.configFile
            )
            let records = try await self.database.withMigratedClient(logger: logger) { client in
                try await ClientLimitRepository(client: client).list(logger: logger)
            }
            guard !records.isEmpty else {
                print("no client limits: set one with `s2v-meter limits set --team NAME --rps 10 --burst 20`")
                return
            }
            let rows = records.map { record in
                [
                    "\(record.scope)", record.subject, record.limits.requestsPerSecond?.exactString ?? "-",
                    record.limits.burst.map(String.init) ?? "-", record.limits.maxActiveTasks.map(String.init) ?? "-",
                    record.limits.tasksPerDay.map(String.init) ?? "-",
                ]
            }
            print(
                TextTable(
                    header: ["SCOPE", "WHO", "REQ/S", "BURST", "MAX ACTIVE", "TASKS/DAY"],
                    rows: rows,
                    rightAligned: [2, 3, 4, 5]
                ).render()
            )
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the limits of a team or key.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var scope: ClientLimitScopeOptions

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.limits",
                configFile: self.database.configFile
            )
            let options = self.scope
            let (scope, cleared) = try await self.database.withMigratedClient(logger: logger) { client in
                let scope = try await options.resolve(client: client, logger: logger)
                return (scope, try await ClientLimitRepository(client: client).clear(scope, logger: logger))
            }
            guard cleared else { throw ValidationError("\(scope) has no limits") }
            print("limits cleared for \(scope)")
        }
    }
}
