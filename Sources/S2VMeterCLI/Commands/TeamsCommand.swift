import ArgumentParser
import Foundation
import S2VReports
import S2VStore

/// `s2v-meter teams`: create and list teams.
struct TeamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Create and list teams. Keys, tasks, usage and budgets belong to a team.",
        subcommands: [Create.self, List.self, RequireTags.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a team.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The team's name: 1-64 letters, digits, '.', '_' or '-'.")
        var name: String

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.teams",
                configFile: self.database.configFile
            )
            let name = self.name
            let team = try await self.database.withMigratedClient(logger: logger) { client in
                try await TeamRepository(client: client).create(name: name, logger: logger)
            }
            print("created team \(team.name) (id \(team.id))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the teams.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.teams",
                configFile: self.database.configFile
            )
            let teams = try await self.database.withMigratedClient(logger: logger) { client in
                try await TeamRepository(client: client).list(logger: logger)
            }
            guard !teams.isEmpty else {
                print("no teams yet: create one with `s2v-meter teams create NAME`")
                return
            }
            let rows = teams.map {
                [
                    String($0.id), $0.name, $0.createdAt.formatted(.iso8601),
                    $0.requiredTagKeys.isEmpty ? "-" : $0.requiredTagKeys.joined(separator: ","),
                ]
            }
            print(
                TextTable(header: ["ID", "NAME", "CREATED", "REQUIRED TAGS"], rows: rows, rightAligned: [0]).render()
            )
        }
    }
}
