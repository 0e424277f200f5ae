import ArgumentParser
import Foundation
import S2VCore
import S2VStore

extension TeamsCommand {
    /// `s2v-meter teams require-tags T cost_center project`: the tag keys every call of a team must carry.
    struct RequireTags: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "require-tags",
            abstract: "Set the tag keys every call of a team must carry.",
            discussion: """
                A call whose key and X-S2V-Tags header together lack one of these keys is refused with 400, naming \
                the missing key, before anything is held or sent: so no spend of the team goes untagged. The list \
                replaces the previous one; --none clears it. The change is audited and applies on every gateway \
                instance at once.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The team's name.")
        var team: String

        @Argument(help: "The tag keys to require, such as cost_center project.")
        var keys: [String] = []

        @Flag(help: "Require no tag keys.")
        var none = false

        func validate() throws {
            guard self.keys.isEmpty == self.none else {
                throw ValidationError("give the tag keys to require, or --none to require none")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.teams",
                configFile: self.database.configFile
            )
            let (name, keys) = (self.team, self.keys)
            let team = try await self.database.withMigratedClient(logger: logger) { client in
                let teams = TeamRepository(client: client)
                guard let team = try await teams.find(name: name, logger: logger),
                    let changed = try await teams.requireTags(teamID: team.id, keys: keys, logger: logger)
                else {
                    throw ValidationError("no team named '\(name)'")
                }
                return changed
            }
            let required = team.requiredTagKeys
            print(
                required.isEmpty
                    ? "team \(team.name) requires no tags"
                    : "team \(team.name) requires the tag keys \(required.joined(separator: ", ")) on every call"
            )
        }
    }
}
