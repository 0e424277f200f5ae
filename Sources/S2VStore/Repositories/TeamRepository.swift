import Foundation
import Logging
import PostgresNIO
import S2VCore

/// A team: owns keys, tasks, usage and budgets.
public struct Team: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
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
                "INSERT INTO teams (name) VALUES (\(name)) RETURNING id, name, created_at",
                logger: logger
            )
            for try await (id, name, createdAt) in rows.decode((Int64, String, Date).self) {
                return Team(id: id, name: name, createdAt: createdAt)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DomainError.invalid("A team named '\(name)' already exists.")
        }
        throw DomainError.invalid("The team could not be created.")
    }

    public func list(logger: Logger) async throws -> [Team] {
        let rows = try await self.client.query("SELECT id, name, created_at FROM teams ORDER BY name", logger: logger)
        var teams: [Team] = []
        for try await (id, name, createdAt) in rows.decode((Int64, String, Date).self) {
            teams.append(Team(id: id, name: name, createdAt: createdAt))
        }
        return teams
    }

    public func find(name: String, logger: Logger) async throws -> Team? {
        let rows = try await self.client.query(
            "SELECT id, name, created_at FROM teams WHERE name = \(name)",
            logger: logger
        )
        for try await (id, name, createdAt) in rows.decode((Int64, String, Date).self) {
            return Team(id: id, name: name, createdAt: createdAt)
        }
        return nil
    }
}
