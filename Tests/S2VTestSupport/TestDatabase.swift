import Foundation
import Logging
import PostgresNIO
import S2VStore

/// A fresh, migrated database of the shared test cluster, for one suite or one test.
public struct TestDatabase: Sendable {
    public let name: String
    public let cluster: EmbeddedPostgres

    public init(name: String, cluster: EmbeddedPostgres) {
        self.name = name
        self.cluster = cluster
    }

    /// The database's URL, for the command line's `--database-url`.
    public var url: String {
        "postgres://s2v_meter@/\(self.name)?host=\(self.cluster.layout.socketDirectory)"
    }

    /// Client settings for this database.
    public var configuration: PostgresClient.Configuration {
        self.cluster.clientConfiguration(database: self.name)
    }

    /// Copies the migrated template into a new database. With `migrated: false` the database is empty.
    public static func make(migrated: Bool = true) async throws -> TestDatabase {
        let cluster = try await TestTrace.step("cluster") { try await TestCluster.shared() }
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        if migrated {
            try await TestTrace.step("copy \(name)") {
                try await cluster.copyDatabase(from: TestCluster.templateName, to: String(name))
            }
        } else {
            try await cluster.createDatabase(String(name))
        }
        return TestDatabase(name: String(name), cluster: cluster)
    }

    /// Makes a database, runs `body` with a running client on it, then drops the database.
    public static func withClient<Result: Sendable>(
        migrated: Bool = true,
        _ body: @Sendable (StoreClient, TestDatabase) async throws -> Result
    ) async throws -> Result {
        let database = try await TestDatabase.make(migrated: migrated)
        defer {
            Task {
                try? await TestTrace.step("drop \(database.name)") {
                    try await database.cluster.dropDatabase(database.name)
                }
            }
        }
        return try await database.withClient { client in try await body(client, database) }
    }

    /// Runs `body` with a running client on this database.
    public func withClient<Result: Sendable>(
        _ body: @Sendable (StoreClient) async throws -> Result
    ) async throws -> Result {
        try await TestTrace.step("withClient \(self.name)") {
            try await StoreClient(configuration: self.configuration, backgroundLogger: TestCluster.logger).whileRunning(
                body
            )
        }
    }
}
