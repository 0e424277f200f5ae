import Logging
import S2VCore
import S2VStore
import S2VTestSupport

extension GatewayHarness {
    /// A new team with a key; returns the key and its id.
    func makeTeamKeyWithID(_ name: String) async throws -> (String, Int64) {
        try await self.database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: name, logger: Logger(label: "test"))
            let (record, secret) = try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "test",
                logger: Logger(label: "test")
            )
            return (secret.value, record.id)
        }
    }

    /// Another key of an existing team.
    func makeKey(forTeam name: String) async throws -> String {
        try await self.database.withClient { client in
            let team = try await TeamRepository(client: client).find(name: name, logger: Logger(label: "test"))
            let (_, secret) = try await APIKeyRepository(client: client).create(
                teamID: team?.id,
                isAdmin: false,
                name: "second",
                logger: Logger(label: "test")
            )
            return secret.value
        }
    }

    /// Sets client limits, as `s2v-meter limits set` does.
    func setLimits(_ scope: ClientLimitScope, _ limits: ClientLimits) async throws {
        try await self.database.withClient { client in
            try await ClientLimitRepository(client: client).set(scope, limits: limits, logger: Logger(label: "test"))
        }
    }
}
