import Foundation
import Logging
import PostgresNIO
import S2VStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The launcher itself, on clusters of their own (the other suites share one cluster started the same way).
@Suite(.serialized) struct EmbeddedPostgresTests {
    let logger = Logger(label: "test.embedded")

    /// A data directory under /tmp that is removed afterwards, cluster stopped.
    func withDataDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = "/tmp/s2v-embedded-\(UUID().uuidString.prefix(8))"
        defer { Self.forceCleanup(directory) }
        try await body(directory)
    }

    @Test func startsQueriesAndStopsWhenLastUserLeaves() async throws {
        try await self.withDataDirectory { directory in
            let first = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: self.logger)
            try await first.start()
            #expect(FileManager.default.fileExists(atPath: first.layout.socketPath))
            #expect(first.layout.socketPath.hasPrefix(directory))
            let pid = try Self.postmasterPID(first)

            // A second process-like user reuses the running server instead of starting another.
            let second = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: self.logger)
            try await second.start()
            #expect(try Self.postmasterPID(second) == pid)
            #expect(try await Self.selectOne(second) == 1)

            // The first user leaving does not stop the server the second still uses.
            #expect(try await first.stopIfUnused() == false)
            #expect(try await Self.selectOne(second) == 1)
            // The last one out stops it.
            #expect(try await second.stopIfUnused() == true)
            #expect(!FileManager.default.fileExists(atPath: second.layout.socketPath))
        }
    }

    @Test func dataIsDurableAcrossRestarts() async throws {
        try await self.withDataDirectory { directory in
            let cluster = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: self.logger)
            try await cluster.start()
            try await Self.withClient(cluster) { client in
                try await client.query("CREATE TABLE kept (value numeric)")
                try await client.query("INSERT INTO kept VALUES (0.73325571)")
            }
            try await cluster.stopIfUnused()

            let again = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: self.logger)
            try await again.start()
            let value = try await Self.withClient(again) { client in
                var value: Decimal?
                for try await row in try await client.query("SELECT value FROM kept").decode(Decimal.self) {
                    value = row
                }
                return value
            }
            #expect(value == Decimal(string: "0.73325571"))
            try await again.stopIfUnused()
        }
    }

    @Test func missingBinariesGiveAnInstallHint() throws {
        #expect(throws: EmbeddedPostgresError.binariesNotFound) {
            try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"], versionsRoot: "/nonexistent")
        }
        let message = EmbeddedPostgresError.binariesNotFound.description
        #expect(message.contains("apt-get install -y postgresql"))
        #expect(!message.contains("\n"))
    }

    @Test func findsVersionedBinariesOffPath() throws {
        let binaries = try PostgresBinaries.locate(environment: ["PATH": "/nonexistent"])
        #expect(binaries.directory.hasPrefix("/usr/lib/postgresql/"))
    }

    @Test(.enabled(if: geteuid() == 0, "only root must relocate the cluster for the server's user"))
    func asRootAnUnreachableDataDirectoryGetsItsClusterElsewhere() async throws {
        let privateParent = "/tmp/s2v-private-\(UUID().uuidString.prefix(8))"
        let clusters = "/tmp/s2v-clusters-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(
            atPath: privateParent,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        defer {
            Self.forceCleanup(privateParent + "/data")
            try? FileManager.default.removeItem(atPath: privateParent)
            try? FileManager.default.removeItem(atPath: clusters)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["S2V_METER_CLUSTERS_DIR"] = clusters
        let cluster = try await EmbeddedPostgres.prepare(
            dataDirectory: privateParent + "/data",
            environment: environment,
            logger: self.logger
        )
        #expect(cluster.layout.clusterRoot.hasPrefix(clusters + "/"))
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: privateParent + "/data/postgres")
                == cluster.layout.clusterRoot
        )
        try await cluster.start()
        #expect(try await Self.selectOne(cluster) == 1)
        let owner =
            try FileManager.default.attributesOfItem(atPath: cluster.layout.pgData)[.ownerAccountName] as? String
        #expect(owner == "postgres")
        try await cluster.stopIfUnused()
    }

    static func postmasterPID(_ cluster: EmbeddedPostgres) throws -> String {
        let contents = try String(contentsOfFile: cluster.layout.pgData + "/postmaster.pid", encoding: .utf8)
        return String(contents.split(separator: "\n").first ?? "")
    }

    static func selectOne(_ cluster: EmbeddedPostgres) async throws -> Int {
        try await self.withClient(cluster) { client in
            var result = 0
            for try await value in try await client.query("SELECT 1").decode(Int.self) { result = value }
            return result
        }
    }

    static func withClient<Result: Sendable>(
        _ cluster: EmbeddedPostgres,
        _ body: @Sendable (StoreClient) async throws -> Result
    ) async throws -> Result {
        try await StoreClient(configuration: cluster.clientConfiguration(), backgroundLogger: Logger(label: "test"))
            .whileRunning(body)
    }

    /// Stops a cluster a failed test may have left running, then removes its folder.
    static func forceCleanup(_ directory: String) {
        let link = directory + "/postgres"
        let root = (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) ?? link
        if let binaries = try? PostgresBinaries.locate(),
            FileManager.default.fileExists(atPath: root + "/data/postmaster.pid")
        {
            let user: String? = geteuid() == 0 ? "postgres" : nil
            _ = try? ProcessRunner(user: user).runBlocking(
                binaries.pgCtl,
                ["stop", "-D", root + "/data", "-m", "immediate", "-w"]
            )
        }
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
