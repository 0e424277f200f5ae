import ArgumentParser
import Foundation
import S2VCore
import S2VStore

extension KeysCommand {
    /// `s2v-meter keys tag ID --tag k=v --untag k`: changes a key's default tags, audited.
    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a team key's default cost-attribution tags.",
            discussion: """
                --tag adds a tag or changes its value; --untag removes one. The change is recorded in the admin \
                change log with the tags before and after (`s2v-meter audit changes`), and applies to the key's \
                next call on every gateway instance. Calls already admitted keep the tags they were admitted with.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: Int64

        @Option(help: ArgumentHelp("A tag to set, such as env=prod; repeat for more.", valueName: "key=value"))
        var tag: [String] = []

        @Option(help: ArgumentHelp("A tag key to remove; repeat for more.", valueName: "key"))
        var untag: [String] = []

        func validate() throws {
            guard !self.tag.isEmpty || !self.untag.isEmpty else {
                throw ValidationError("give at least one --tag KEY=VALUE or --untag KEY")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(label: "s2v-meter.keys", configFile: self.database.configFile)
            let (id, remove) = (self.id, self.untag)
            let set = try CostTags(cliPairs: self.tag)
            let (before, after) = try await self.database.withMigratedClient(logger: logger) { client in
                try await APIKeyRepository(client: client).setTags(id: id, set: set, remove: remove, logger: logger)
            }
            func show(_ tags: CostTags) -> String { tags.isEmpty ? "(none)" : tags.text }
            if before == after {
                print("key \(id): tags unchanged, \(show(after))")
            } else {
                print("key \(id): tags \(show(before)) -> \(show(after))")
            }
        }
    }
}
