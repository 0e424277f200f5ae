import Logging
import PostgresNIO

/// Applies the numbered migrations in order, each in one transaction, under a PostgreSQL advisory lock so that
/// instances starting together apply each file exactly once.
public struct MigrationRunner: Sendable {
    /// What the database holds compared with the files.
    public struct Status: Sendable, Equatable {
        public var appliedVersions: [Int]
        public var pending: [Migration]

        public var isCurrent: Bool { self.pending.isEmpty }
    }

    /// The advisory lock's key: "s2vmigr" in ASCII.
    static let advisoryLockKey: Int64 = 0x0073_3276_6d69_6772

    private let client: StoreClient
    private let migrations: [Migration]
    private let logger: Logger

    public init(client: StoreClient, migrations: [Migration], logger: Logger) {
        self.client = client
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies every pending migration; returns the ones this call applied.
    ///
    /// Throws ``MigrationError/changedAfterApply(version:name:)`` if an applied file was edited.
    @discardableResult
    public func apply() async throws -> [Migration] {
        try await self.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: self.logger)
            do {
                let applied = try await self.applyLocked(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: self.logger)
                return applied
            } catch {
                _ = try? await connection.query(
                    "SELECT pg_advisory_unlock(\(Self.advisoryLockKey))",
                    logger: self.logger
                )
                throw error
            }
        }
    }

    /// Compares the database with the files without changing anything.
    public func status() async throws -> Status {
        try await self.client.withConnection { connection in
            let applied = try await self.appliedChecksums(on: connection)
            try self.verify(applied)
            return Status(
                appliedVersions: applied.keys.sorted(),
                pending: self.migrations.filter { applied[$0.version] == nil }
            )
        }
    }

    private func applyLocked(on connection: PostgresConnection) async throws -> [Migration] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            logger: self.logger
        )
        let applied = try await self.appliedChecksums(on: connection)
        try self.verify(applied)
        var appliedNow: [Migration] = []
        for migration in self.migrations where applied[migration.version] == nil {
            try await self.applyOne(migration, on: connection)
            appliedNow.append(migration)
        }
        return appliedNow
    }

    private func applyOne(_ migration: Migration, on connection: PostgresConnection) async throws {
        self.logger.info(
            "applying migration",
            metadata: ["version": "\(migration.version)", "name": "\(migration.name)"]
        )
        do {
            try await connection.withTransaction(logger: self.logger) { transaction in
                for (number, statement) in SQLStatementSplitter.split(migration.sql).enumerated() {
                    do {
                        try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    } catch {
                        throw MigrationError.statementFailed(
                            version: migration.version,
                            name: migration.name,
                            statement: number + 1,
                            reason: Self.describe(error)
                        )
                    }
                }
                try await transaction.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """,
                    logger: self.logger
                )
            }
        } catch let error as PostgresTransactionError {
            throw error.underlying
        }
    }

    private func appliedChecksums(
        on connection: PostgresConnection
    ) async throws -> [Int: (name: String, checksum: String)] {
        let exists = try await connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL",
            logger: self.logger
        )
        var tableExists = false
        for try await (value) in exists.decode(Bool.self) { tableExists = value }
        guard tableExists else { return [:] }
        var applied: [Int: (name: String, checksum: String)] = [:]
        let rows = try await connection.query(
            "SELECT version, name, checksum FROM schema_migrations",
            logger: self.logger
        )
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied[version] = (name, checksum)
        }
        return applied
    }

    private func verify(_ applied: [Int: (name: String, checksum: String)]) throws(MigrationError) {
        let files = Dictionary(uniqueKeysWithValues: self.migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let file = files[version] else {
                throw .unknownApplied(version: version, name: record.name)
            }
            guard file.checksum == record.checksum else {
                throw .changedAfterApply(version: version, name: file.name)
            }
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError, let message = error.serverInfo?[.message] {
            return message
        }
        return String(reflecting: error)
    }
}
