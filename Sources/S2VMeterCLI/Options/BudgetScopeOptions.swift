import ArgumentParser
import Logging
import PostgresNIO
import S2VCore
import S2VStore

/// `--team NAME | --key ID | --global`: the scope of a budget.
struct BudgetScopeOptions: ParsableArguments {
    @Option(help: "A budget on this team's calls.")
    var team: String?

    @Option(help: "A budget on this key's calls (its id, as `keys list` shows it).")
    var key: Int64?

    @Flag(help: "A budget on every call through the gateway.")
    var global = false

    func validate() throws {
        let chosen = [self.team != nil, self.key != nil, self.global].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose exactly one of --team NAME, --key ID or --global") }
    }

    /// The scope, with the team name looked up.
    func resolve(client: StoreClient, logger: Logger) async throws -> BudgetScope {
        if let key = self.key { return .key(id: key) }
        guard let name = self.team else { return .global }
        guard let team = try await TeamRepository(client: client).find(name: name, logger: logger) else {
            throw ValidationError("no team named '\(name)'")
        }
        return .team(id: team.id)
    }
}
