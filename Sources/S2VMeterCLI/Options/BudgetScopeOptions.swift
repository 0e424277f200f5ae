import ArgumentParser
import Logging
import PostgresNIO
import S2VCore
import S2VStore

/// `--team NAME | --key ID | --global | --tag KEY=VALUE [--team NAME]`: the scope of a budget.
struct BudgetScopeOptions: ParsableArguments {
    @Option(help: "A budget on this team's calls.")
    var team: String?

    @Option(help: "A budget on this key's calls (its id, as `keys list` shows it).")
    var key: Int64?

    @Flag(help: "A budget on every call through the gateway.")
    var global = false

    @Option(
        help: ArgumentHelp(
            "A budget on the calls carrying this tag, such as project=launch; with --team, that team's calls only.",
            valueName: "key=value"
        )
    )
    var tag: String?

    func validate() throws {
        let chosen = [self.team != nil && self.tag == nil, self.key != nil, self.global, self.tag != nil]
            .filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError(
                "choose exactly one of --team NAME, --key ID, --global or --tag KEY=VALUE [--team NAME]"
            )
        }
    }

    /// The scope, with the team name looked up.
    func resolve(client: StoreClient, logger: Logger) async throws -> BudgetScope {
        if let key = self.key { return .key(id: key) }
        let teamID = try await TeamFilterResolution.teamID(named: self.team, client: client, logger: logger)
        if let tag = self.tag {
            let (key, value) = try CostTags.pair(tag)
            return .tag(key: key, value: value, teamID: teamID)
        }
        return teamID.map { .team(id: $0) } ?? .global
    }

}
