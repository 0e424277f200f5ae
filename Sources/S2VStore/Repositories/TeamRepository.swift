import Foundation
import Logging
import PostgresNIO
import S2VCore

/// A team: owns keys, tasks, usage and budgets.
public struct Team: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    /// The tag keys every call of the team must carry.
    public var requiredTagKeys: [String] = []
}

/// Teams in PostgreSQL.
public struct TeamRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Creates a team; a taken or malformed name is an `InvalidParameter` error.
    public func create(name: String, logger: Logger) async throws -> Team {
        guard name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,63}/) != nil else {
            throw DomainError.invalid(
                "Team names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit."
            )
        }
        do {
            let rows = try await self.client.query(
                "INSERT INTO teams (name) VALUES (\(name)) RETURNING id, name, created_at, required_tag_keys",
                logger: logger
            )
            for try await (id, name, createdAt, required) in rows.decode((Int64, String, Date, [String]).self) {
                return Team(id: id, name: name, createdAt: createdAt, requiredTagKeys: required)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DomainError.invalid("A team named '\(name)' already exists.")
        }
        throw DomainError.invalid("The team could not be created.")
    }

    public func list(logger: Logger) async throws -> [Team] {
        let rows = try await self.client.query(
            "SELECT id, name, created_at, required_tag_keys FROM teams ORDER BY name",
            logger: logger
        )
        var teams: [Team] = []
        for try await (id, name, createdAt, required) in rows.decode((Int64, String, Date, [String]).self) {
            teams.append(Team(id: id, name: name, createdAt: createdAt, requiredTagKeys: required))
        }
        return teams
    }

    public func find(name: String, logger: Logger) async throws -> Team? {
        let rows = try await self.client.query(
            "SELECT id, name, created_at, required_tag_keys FROM teams WHERE name = \(name)",
            logger: logger
        )
        for try await (id, name, createdAt, required) in rows.decode((Int64, String, Date, [String]).self) {
            return Team(id: id, name: name, createdAt: createdAt, requiredTagKeys: required)
        }
        return nil
    }

    /// Sets the tag keys every call of the team must carry (empty: none). Audited (`admin_changes`), and
    /// gateways drop their cached keys of the team at once (sql/0013), so calls are checked from then on.
    ///
    /// - Parameter actor: who makes the change, for the admin change log (nil: the session's actor).
    /// - Returns: the team as changed, or nil if there is no such team.
    public func requireTags(
        teamID: Int64,
        keys: [String],
        actor: String? = nil,
        logger: Logger
    ) async throws -> Team? {
        var unique: [String] = []
        for key in keys where !unique.contains(key) {
            try CostTags.Rules.check(key: key)
            unique.append(key)
        }
        guard unique.count <= CostTags.Rules.maxTags else {
            throw DomainError.invalid("A team can require at most \(CostTags.Rules.maxTags) tag keys.")
        }
        let sorted = unique.sorted()
        return try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                UPDATE teams SET required_tag_keys = \(sorted)::text[] WHERE id = \(teamID)
                RETURNING id, name, created_at, required_tag_keys
                """,
                logger: logger
            )
            for try await (id, name, createdAt, required) in rows.decode((Int64, String, Date, [String]).self) {
                return Team(id: id, name: name, createdAt: createdAt, requiredTagKeys: required)
            }
            return nil
        }
    }
}
