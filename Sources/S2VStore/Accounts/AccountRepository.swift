import Foundation
import Logging
import PostgresNIO
import S2VCore

/// The pool of upstream accounts in PostgreSQL (`s2v-meter accounts`).
public struct AccountRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Adds an account, or brings back a removed one with new settings. A live account of that name is an error.
    public func add(
        name: String,
        keySource: UpstreamKeySource,
        limits: AccountLimits,
        logger: Logger
    ) async throws -> UpstreamAccount {
        guard UpstreamAccount.isValidName(name) else {
            throw DomainError.invalid(
                "Account names are 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit."
            )
        }
        guard limits.isValid else {
            throw DomainError.invalid("Account limits must be between 1 and 1000.")
        }
        let (keyEnv, keyFile) = Self.columns(keySource)
        if case .environment(let variable) = keySource, variable.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) == nil {
            throw DomainError.invalid("'\(variable)' is not an environment variable name.")
        }
        if case .file(let path) = keySource, !path.hasPrefix("/") {
            throw DomainError.invalid("The key file must be an absolute path.")
        }
        let rows = try await self.client.query(
            """
            INSERT INTO upstream_accounts (name, key_env, key_file, submissions_per_second, max_in_flight, queries_per_second)
            VALUES (\(name), \(keyEnv), \(keyFile), \(limits.submissionsPerSecond), \(limits.maxInFlight), \(limits.queriesPerSecond))
            ON CONFLICT (name) DO UPDATE SET key_env = excluded.key_env, key_file = excluded.key_file,
                submissions_per_second = excluded.submissions_per_second, max_in_flight = excluded.max_in_flight,
                queries_per_second = excluded.queries_per_second, added_at = now(), removed_at = NULL
                WHERE upstream_accounts.removed_at IS NOT NULL
            RETURNING \(unescaped: Self.columnList)
            """,
            logger: logger
        )
        for try await row in rows.decode(Row.self) { return Self.account(row) }
        throw DomainError.invalid("An account named '\(name)' already exists; remove it first to change it.")
    }

    /// Every account, live ones first; removed ones only with `includingRemoved`.
    public func list(includingRemoved: Bool = false, logger: Logger) async throws -> [UpstreamAccount] {
        let rows = try await self.client.query(
            """
            SELECT \(unescaped: Self.columnList) FROM upstream_accounts
            WHERE \(includingRemoved) OR removed_at IS NULL
            ORDER BY removed_at IS NOT NULL, name
            """,
            logger: logger
        )
        var accounts: [UpstreamAccount] = []
        for try await row in rows.decode(Row.self) { accounts.append(Self.account(row)) }
        return accounts
    }

    /// Removes an account from the pool: no new submissions go to it. Returns false when no live account has
    /// that name.
    public func remove(name: String, logger: Logger) async throws -> Bool {
        let rows = try await self.client.query(
            """
            UPDATE upstream_accounts SET removed_at = now() WHERE name = \(name) AND removed_at IS NULL RETURNING name
            """,
            logger: logger
        )
        for try await _ in rows.decode(String.self) { return true }
        return false
    }

    private typealias Row = (String, String?, String?, Int?, Int?, Int, Date, Date?)

    private static let columnList =
        "name, key_env, key_file, submissions_per_second, max_in_flight, queries_per_second, added_at, removed_at"

    private static func account(_ row: Row) -> UpstreamAccount {
        let (name, keyEnv, keyFile, perSecond, inFlight, queries, addedAt, removedAt) = row
        let source: UpstreamKeySource = keyEnv.map { .environment($0) } ?? .file(keyFile ?? "")
        return UpstreamAccount(
            name: name,
            keySource: source,
            limits: AccountLimits(submissionsPerSecond: perSecond, maxInFlight: inFlight, queriesPerSecond: queries),
            addedAt: addedAt,
            removedAt: removedAt
        )
    }

    private static func columns(_ source: UpstreamKeySource) -> (String?, String?) {
        switch source {
        case .environment(let name): (name, nil)
        case .file(let path): (nil, path)
        }
    }
}
