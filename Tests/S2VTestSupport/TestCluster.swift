import Foundation
import Logging
import PostgresNIO
import S2VStore
import Synchronization

/// One throwaway embedded PostgreSQL cluster per test process, started by the project's own launcher.
///
/// It lives in `/tmp/s2v-meter-tests-<pid>` (reachable by the `postgres` user when tests run as root) and is
/// stopped and removed when the process exits. Suites never share a database: see ``TestDatabase``.
public enum TestCluster {
    static let logger: Logger = {
        var logger = Logger(label: "s2v-meter.tests")
        logger.logLevel = .error
        return logger
    }()

    /// The server's `max_connections`: the suite peaks near 300 backends.
    static let maximumConnections = 1000

    /// The migrated database every test database is copied from.
    static let templateName = "s2v_template"

    private static let started = Task<EmbeddedPostgres, any Error> {
        Self.sweepAbandonedClusters()
        let directory = Self.directory(for: getpid())
        // The whole suite runs at once: dozens of gateways, each with its pool, plus command-line processes.
        let cluster = try await EmbeddedPostgres.prepare(
            dataDirectory: directory,
            maximumConnections: Self.maximumConnections,
            logger: Self.logger
        )
        try await cluster.start()
        clusterToStopAtExit.withLock { $0 = (cluster, directory) }
        atexit {
            guard let (cluster, directory) = clusterToStopAtExit.withLock({ $0 }) else { return }
            _ = try? cluster.stopIfUnusedBlocking()
            try? FileManager.default.removeItem(atPath: directory)
        }
        try await Self.createTemplate(on: cluster)
        return cluster
    }

    /// The running cluster; started by the first caller.
    public static func shared() async throws -> EmbeddedPostgres {
        try await Self.started.value
    }

    static func directory(for pid: pid_t) -> String {
        "/tmp/s2v-meter-tests-\(pid)"
    }

    private static func createTemplate(on cluster: EmbeddedPostgres) async throws {
        try await cluster.createDatabase(Self.templateName)
        let migrations = try MigrationDirectory.locate().load()
        let client = StoreClient(
            configuration: cluster.clientConfiguration(database: Self.templateName),
            backgroundLogger: Self.logger
        )
        _ = try await client.whileRunning { client in
            try await MigrationRunner(client: client, migrations: migrations, logger: Self.logger).apply()
        }
    }

    /// Stops clusters left behind by test processes that died without running their exit handler.
    private static func sweepAbandonedClusters() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("s2v-meter-tests-") {
            guard let pid = pid_t(name.dropFirst("s2v-meter-tests-".count)), kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            let directory = "/tmp/" + name
            let pgData = directory + "/postgres/data"
            if let binaries = try? PostgresBinaries.locate() {
                let owner = (try? FileManager.default.attributesOfItem(atPath: pgData)[.ownerAccountName]) as? String
                let runner = ProcessRunner(user: geteuid() == 0 ? owner : nil)
                _ = try? runner.runBlocking(binaries.pgCtl, ["stop", "-D", pgData, "-m", "immediate", "-w"])
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}

private let clusterToStopAtExit = Mutex<(EmbeddedPostgres, String)?>(nil)
