import Foundation
import Logging
import PostgresNIO
import S2VCore

/// A gateway key as listed: never the key itself.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: Int64
    public var teamName: String?
    public var isAdmin: Bool
    public var name: String
    public var prefix: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// The key's default cost-attribution tags.
    public var tags: CostTags = CostTags()
}

/// Gateway keys in PostgreSQL, stored as SHA-256 hashes.
public struct APIKeyRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Creates a key for `teamID` (nil with `isAdmin` for an admin key); returns the record and the key,
    /// which exists nowhere else afterwards.
    public func create(
        teamID: Int64?,
        isAdmin: Bool,
        name: String,
        tags: CostTags = CostTags(),
        logger: Logger
    ) async throws -> (APIKeyRecord, APIKeySecret) {
        guard tags.isEmpty || teamID != nil else {
            throw DomainError.invalid("Admin keys make no metered calls, so they carry no tags.")
        }
        let secret = APIKeySecret.generate()
        let hash = secret.hash
        let rows = try await self.client.query(
            """
            INSERT INTO api_keys (team_id, is_admin, name, prefix, key_hash, tags)
            VALUES (\(teamID), \(isAdmin), \(name), \(secret.displayPrefix), \(Data(hash)), \(tags.jsonText)::jsonb)
            RETURNING id
            """,
            logger: logger
        )
        var keyID: Int64?
        for try await id in rows.decode(Int64.self) { keyID = id }
        guard let keyID, let record = try await self.list(logger: logger).first(where: { $0.id == keyID }) else {
            throw DomainError.invalid("The key could not be created.")
        }
        return (record, secret)
    }

    /// Every key, newest first; optionally one team's.
    public func list(teamID: Int64? = nil, logger: Logger) async throws -> [APIKeyRecord] {
        let rows = try await self.client.query(
            """
            SELECT k.id, t.name, k.is_admin, k.name, k.prefix, k.created_at, k.revoked_at, k.tags::text
            FROM api_keys k LEFT JOIN teams t ON t.id = k.team_id
            WHERE \(teamID)::bigint IS NULL OR k.team_id = \(teamID)
            ORDER BY k.id DESC
            """,
            logger: logger
        )
        var keys: [APIKeyRecord] = []
        for try await (id, team, isAdmin, name, prefix, createdAt, revokedAt, tags)
            in rows.decode((Int64, String?, Bool, String, String, Date, Date?, String).self)
        {
            keys.append(
                APIKeyRecord(
                    id: id,
                    teamName: team,
                    isAdmin: isAdmin,
                    name: name,
                    prefix: prefix,
                    createdAt: createdAt,
                    revokedAt: revokedAt,
                    tags: try CostTags(jsonText: tags)
                )
            )
        }
        return keys
    }

    /// Revokes a key by id; returns false if there is no such key or it was already revoked.
    public func revoke(id: Int64, logger: Logger) async throws -> Bool {
        let rows = try await self.client.query(
            "UPDATE api_keys SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
            logger: logger
        )
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    /// Sets a team key's dispatch priority; returns false if there is no such active team key.
    public func setPriority(id: Int64, priority: Int, logger: Logger) async throws -> Bool {
        guard (-100...100).contains(priority) else {
            throw DomainError.invalid("The priority must be between -100 and 100.")
        }
        let rows = try await self.client.query(
            """
            UPDATE api_keys SET priority = \(priority) WHERE id = \(id) AND revoked_at IS NULL AND team_id IS NOT NULL
            RETURNING id
            """,
            logger: logger
        )
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    /// The caller a key belongs to, or nil for an unknown or revoked key. Gateways cache the answer for at most a
    /// second, and drop it when keys change (a notification, sql/0013).
    public func authenticate(_ secret: APIKeySecret, logger: Logger) async throws -> Caller? {
        let rows = try await self.client.query(
            """
            SELECT k.id, k.team_id, t.name, k.is_admin, k.tags::text, coalesce(t.required_tag_keys, '{}')
            FROM api_keys k LEFT JOIN teams t ON t.id = k.team_id
            WHERE k.key_hash = \(Data(secret.hash)) AND k.revoked_at IS NULL
            """,
            logger: logger
        )
        for try await (keyID, teamID, teamName, isAdmin, tags, required)
            in rows.decode((Int64, Int64?, String?, Bool, String, [String]).self)
        {
            return Caller(
                keyID: keyID,
                teamID: teamID,
                teamName: teamName,
                isAdmin: isAdmin,
                tags: try CostTags(jsonText: tags),
                requiredTagKeys: required
            )
        }
        return nil
    }
}
