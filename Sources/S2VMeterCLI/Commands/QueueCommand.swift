import ArgumentParser
import Foundation
import S2VReports
import S2VStore

/// `s2v-meter queue`: what is queued and in flight, per team and per upstream account.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show what is queued in the gateway and in flight upstream, per team and per account."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "table or json.")
    var format: Format = .table

    func run() async throws {
        let logger = try await self.logging.bootstrap(label: "s2v-meter.queue", configFile: self.database.configFile)
        let snapshot = try await self.database.withMigratedClient(logger: logger) { client in
            try await QueueRepository(client: client).snapshot(logger: logger)
        }
        switch self.format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            struct Document: Encodable {
                var teams: [QueueSnapshot.TeamLine]
                var accounts: [QueueSnapshot.AccountLine]
            }
            let data = try encoder.encode(Document(teams: snapshot.teams, accounts: snapshot.accounts))
            print(String(decoding: data, as: UTF8.self))
        case .table:
            let now = Date()
            let teamRows = snapshot.teams.map { line in
                [
                    line.team, String(line.queued), String(line.inFlight),
                    line.oldestQueuedAt.map { "\(Int(now.timeIntervalSince($0))) s" } ?? "-",
                ]
            }
            print(
                teamRows.isEmpty
                    ? "no queued or running tasks"
                    : TextTable(
                        header: ["TEAM", "QUEUED", "IN FLIGHT", "OLDEST QUEUED"],
                        rows: teamRows,
                        rightAligned: [1, 2, 3]
                    ).render()
            )
            print("")
            let accountRows = snapshot.accounts.map { line in
                [
                    line.account, String(line.inFlight), line.maxInFlight.map(String.init) ?? "catalog",
                    line.removed ? "removed" : "live",
                ]
            }
            print(
                accountRows.isEmpty
                    ? "no account has tasks in flight"
                    : TextTable(
                        header: ["ACCOUNT", "IN FLIGHT", "MAX", "STATE"],
                        rows: accountRows,
                        rightAligned: [1, 2]
                    ).render()
            )
        }
    }
}
