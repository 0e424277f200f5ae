import ArgumentParser
import Foundation
import S2VCore
import S2VStore

/// `s2v-meter seed`: a realistic synthetic data set for report benchmarks.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract:
            "Fill a database with a synthetic data set (default: 50 teams, 10 million calls, 1 million tasks, a year).",
        discussion: """
            For benchmarks and demos, never for a production database. Writes teams named <prefix>001…, two keys \
            each, settled tasks (one in twenty failed), face-detect charges, the call log, and one monthly budget \
            per team, then computes every rollup from the ledger, so `s2v-meter verify` finds no drift. It runs \
            in one transaction: interrupted, it leaves nothing. Needs a superuser connection (the embedded \
            cluster's user is one) and a database without gateway-wide budgets.

            The default set takes several minutes and about 8 GB of disk: start with --calls 100000 --tasks 10000.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Teams to create.") var teams = 50
    @Option(name: .customLong("keys-per-team"), help: "Keys per team.") var keysPerTeam = 2
    @Option(help: "Client calls in all: the tasks' submissions plus face-detect calls.") var calls = 10_000_000
    @Option(help: "Generation tasks (each is one of the calls).") var tasks = 1_000_000
    @Option(help: "Days the calls are spread over, ending today (UTC).") var days = 365
    @Option(name: .customLong("team-prefix"), help: "Team names start with this.") var teamPrefix = "seed-"

    func validate() throws {
        _ = try self.specification()
    }

    func specification() throws -> SeedSpecification {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: Date()))!
        do {
            return try SeedSpecification(
                teamPrefix: self.teamPrefix,
                teams: self.teams,
                keysPerTeam: self.keysPerTeam,
                calls: self.calls,
                tasks: self.tasks,
                days: self.days,
                end: tomorrow
            )
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let logger = try await self.logging.bootstrap(label: "s2v-meter.seed", configFile: self.database.configFile)
        let specification = try self.specification()
        let started = ContinuousClock.now
        try await self.database.withMigratedClient(logger: logger) { client in
            try await DataSetSeeder(client: client).seed(specification, logger: logger) { name, took in
                FileHandle.standardError.write(
                    Data("seed: \(name) in \(took.formatted(.units(allowed: [.seconds, .milliseconds])))\n".utf8)
                )
            }
        }
        print(
            """
            seeded \(specification.teams) teams, \(specification.teams * specification.keysPerTeam) keys, \
            \(specification.calls) calls (\(specification.tasks) tasks) over \(specification.days) days \
            in \((ContinuousClock.now - started).formatted(.units(allowed: [.seconds])))
            """
        )
    }
}
