import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter keys`: issue, list and revoke gateway keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Issue, list and revoke gateway keys.",
        discussion: """
            A key is shown once, when it is created, on the last line of the output; only its SHA-256 hash is \
            stored. Clients use it in place of their DashScope key. A revoked key stops working at once, on every \
            gateway instance.
            """,
        subcommands: [Create.self, List.self, Revoke.self, Priority.self, Tag.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a key for a team, or an admin key; prints it once, on the last line.",
            discussion: """
                A team key calls the DashScope API through the gateway and spends for its team. An admin key \
                (--admin) belongs to no team: it manages budgets over /v1/budgets and cannot make metered calls.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "The team the key spends for.")
        var team: String?

        @Flag(help: "Issue an admin key (no team) for the admin HTTP API.")
        var admin = false

        @Option(help: "A label to recognize the key by, such as the service that uses it.")
        var name = ""

        @Option(
            help: ArgumentHelp(
                "A default cost-attribution tag on every call of the key, such as project=launch; repeat for more. "
                    + "Requests may add tags (X-S2V-Tags) but never change these.",
                valueName: "key=value"
            )
        )
        var tag: [String] = []

        func validate() throws {
            guard (self.team != nil) != self.admin else { throw ValidationError("give either --team NAME or --admin") }
            guard self.tag.isEmpty || !self.admin else { throw ValidationError("admin keys carry no tags") }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(label: "s2v-meter.keys", configFile: self.database.configFile)
            let (label, admin) = (self.name, self.admin)
            let tags = try CostTags(cliPairs: self.tag)
            let teamName = self.team ?? ""
            let (record, secret) = try await self.database.withMigratedClient(logger: logger) { client in
                if admin {
                    return try await APIKeyRepository(client: client).create(
                        teamID: nil,
                        isAdmin: true,
                        name: label,
                        logger: logger
                    )
                }
                guard let team = try await TeamRepository(client: client).find(name: teamName, logger: logger) else {
                    throw ValidationError(
                        "no team named '\(teamName)': create it with `s2v-meter teams create \(teamName)`"
                    )
                }
                return try await APIKeyRepository(client: client).create(
                    teamID: team.id,
                    isAdmin: false,
                    name: label,
                    tags: tags,
                    logger: logger
                )
            }
            print(
                "created \(admin ? "admin key \(record.id)" : "key \(record.id) for team \(teamName)")\(label.isEmpty ? "" : " (\(label))")"
            )
            if !tags.isEmpty { print("tags: \(tags.text)") }
            print("store it now: it is shown only once")
            print(secret.value)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Only this team's keys.")
        var team: String?

        func run() async throws {
            let logger = try await self.logging.bootstrap(label: "s2v-meter.keys", configFile: self.database.configFile)
            let teamName = self.team
            let keys = try await self.database.withMigratedClient(logger: logger) { client in
                var teamID: Int64?
                if let teamName {
                    guard let team = try await TeamRepository(client: client).find(name: teamName, logger: logger)
                    else {
                        throw ValidationError("no team named '\(teamName)'")
                    }
                    teamID = team.id
                }
                return try await APIKeyRepository(client: client).list(teamID: teamID, logger: logger)
            }
            let rows = keys.map { key in
                [
                    String(key.id), key.teamName ?? (key.isAdmin ? "(admin)" : "-"), key.name, key.prefix + "…",
                    key.createdAt.formatted(.iso8601),
                    key.revokedAt.map { "revoked " + $0.formatted(.iso8601) } ?? "active",
                    key.tags.isEmpty ? "-" : key.tags.text,
                ]
            }
            print(
                TextTable(
                    header: ["ID", "TEAM", "NAME", "KEY", "CREATED", "STATE", "TAGS"],
                    rows: rows,
                    rightAligned: [0]
                ).render()
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id; it stops working at once.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: Int64

        func run() async throws {
            let logger = try await self.logging.bootstrap(label: "s2v-meter.keys", configFile: self.database.configFile)
            let id = self.id
            let revoked = try await self.database.withMigratedClient(logger: logger) { client in
                try await APIKeyRepository(client: client).revoke(id: id, logger: logger)
            }
            guard revoked else { throw ValidationError("no active key with id \(id)") }
            print("revoked key \(id)")
        }
    }
    struct Priority: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a key's dispatch priority (-100 to 100, default 0).",
            discussion: """
                A key's queued tasks go before its team's other queued tasks; teams still take turns, so a priority \
                never lets one team pass another. It applies to tasks admitted from now on.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: Int64

        @Argument(help: "The priority: higher goes first.")
        var priority: Int

        func validate() throws {
            guard (-100...100).contains(self.priority) else {
                throw ValidationError("the priority must be between -100 and 100")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(label: "s2v-meter.keys", configFile: self.database.configFile)
            let (id, priority) = (self.id, self.priority)
            let changed = try await self.database.withMigratedClient(logger: logger) { client in
                try await APIKeyRepository(client: client).setPriority(id: id, priority: priority, logger: logger)
            }
            guard changed else { throw ValidationError("no active team key with id \(id)") }
            print("key \(id) now has dispatch priority \(priority)")
        }
    }
}
