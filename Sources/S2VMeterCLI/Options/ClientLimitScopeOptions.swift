import ArgumentParser
import Logging
import PostgresNIO
import S2VStore

/// `--team NAME | --key ID`: whom client limits apply to.
struct ClientLimitScopeOptions: ParsableArguments {
    @Option(help: "Limits on all of this team's requests, whatever the key.")
    var team: String?

    @Option(help: "Limits on this key's requests (its id, as `keys list` shows it).")
    var key: Int64?

    func validate() throws {
        guard (self.team == nil) != (self.key == nil) else {
            throw ValidationError("choose exactly one of --team NAME or --key ID")
        }
    }

    /// The scope, with the team name looked up.
    func resolve(client: StoreClient, logger: Logger) async throws -> ClientLimitScope {
        if let key = self.key { return .key(key) }
        let name = self.team ?? ""
        guard let team = try await TeamRepository(client: client).find(name: name, logger: logger) else {
            throw ValidationError("no team named '\(name)'")
        }
        return .team(team.id)
    }
}
