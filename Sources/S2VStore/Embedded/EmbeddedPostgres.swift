import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A private PostgreSQL cluster in the data directory, run with the machine's own server binaries.
///
/// It is created on first use, started on demand, reused when another process already runs it, listens only on
/// a Unix socket, and is stopped when the last s2v-meter process using it lets go. Authentication is `trust`
/// over that socket, whose folder only the server's user (and root) can open.
public final class EmbeddedPostgres: Sendable {
    /// The superuser role the cluster is created with.
    public static let databaseUser = "s2v_meter"
    /// The database the application uses.
    public static let defaultDatabase = "s2v_meter"

    public let layout: ClusterLayout
    public let binaries: PostgresBinaries
    private let runner: ProcessRunner
    private let serverUserIDs: (uid: uid_t, gid: gid_t)?
    private let logger: Logger
    /// Our shared lock on the users file while we use the cluster.
    private let usersLock = Mutex<FileLock?>(nil)
    /// `max_connections` when this process starts the server; nil keeps the cluster's setting (300).
    private let maximumConnections: Int?

    private init(
        layout: ClusterLayout,
        binaries: PostgresBinaries,
        runner: ProcessRunner,
        serverUserIDs: (uid: uid_t, gid: gid_t)?,
        maximumConnections: Int?,
        logger: Logger
    ) {
        self.maximumConnections = maximumConnections
        self.layout = layout
        self.binaries = binaries
        self.runner = runner
        self.serverUserIDs = serverUserIDs
        self.logger = logger
    }

    /// Finds the binaries and decides where the cluster lives; creates the folders but starts nothing.
    ///
    /// - Parameters:
    ///   - dataDirectory: the data directory (`--data-dir`), relative paths resolve against the working directory.
    ///   - environment: reads `PATH`, `S2V_METER_PG_USER` (the server's user when root, default `postgres`)
    ///     and `S2V_METER_CLUSTERS_DIR` (where clusters go when the data directory is unreachable for that user).
    ///   - maximumConnections: the server's `max_connections` when this process starts it (nil: 300); a test
    ///     suite that runs many gateways at once needs more.
    public static func prepare(
        dataDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        maximumConnections: Int? = nil,
        logger: Logger
    ) async throws -> EmbeddedPostgres {
        let binaries = try PostgresBinaries.locate(environment: environment)
        let fileManager = FileManager.default
        let absolute = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        try fileManager.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        let dataDirectory = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path

        guard geteuid() == 0 else {
            let layout = ClusterLayout(dataDirectory: dataDirectory, clusterRoot: dataDirectory + "/postgres")
            try Self.makePrivateDirectory(layout.clusterRoot, owner: nil)
            try Self.makePrivateDirectory(layout.socketDirectory, owner: nil)
            return EmbeddedPostgres(
                layout: layout,
                binaries: binaries,
                runner: ProcessRunner(user: nil),
                serverUserIDs: nil,
                maximumConnections: maximumConnections,
                logger: logger
            )
        }

        let user = environment["S2V_METER_PG_USER"] ?? "postgres"
        guard let entry = getpwnam(user) else { throw EmbeddedPostgresError.serverUserMissing(user) }
        let ids = (uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
        let runner = ProcessRunner(user: user)
        let link = dataDirectory + "/postgres"
        let clusterRoot: String
        if let destination = try? fileManager.destinationOfSymbolicLink(atPath: link) {
            clusterRoot = destination
        } else if fileManager.fileExists(atPath: link) {
            clusterRoot = link
        } else if try await runner.run("/usr/bin/test", ["-x", dataDirectory]).succeeded {
            clusterRoot = link
        } else {
            let clustersDirectory = environment["S2V_METER_CLUSTERS_DIR"] ?? "/var/lib/s2v-meter/clusters"
            try fileManager.createDirectory(
                atPath: clustersDirectory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755]
            )
            clusterRoot = clustersDirectory + "/" + ClusterLayout.shortHash(of: dataDirectory)
            logger.info(
                "data directory is not reachable by the PostgreSQL user; cluster placed elsewhere",
                metadata: ["user": "\(user)", "cluster": "\(clusterRoot)"]
            )
        }
        let layout = ClusterLayout(dataDirectory: dataDirectory, clusterRoot: clusterRoot)
        try Self.makePrivateDirectory(layout.clusterRoot, owner: ids)
        try Self.makePrivateDirectory(layout.socketDirectory, owner: ids)
        if clusterRoot != link, !fileManager.fileExists(atPath: link) {
            try fileManager.createSymbolicLink(atPath: link, withDestinationPath: clusterRoot)
        }
        return EmbeddedPostgres(
            layout: layout,
            binaries: binaries,
            runner: runner,
            serverUserIDs: ids,
            maximumConnections: maximumConnections,
            logger: logger
        )
    }

    /// Creates the cluster if needed, starts it unless it already runs, and registers this process as a user.
    public func start() async throws {
        let control = try FileLock(path: self.layout.controlLockPath)
        try await control.lockExclusive()
        defer { control.unlock() }

        try await self.initializeIfNeeded()
        let status = try await self.runner.run(self.binaries.pgCtl, ["status", "-D", self.layout.pgData])
        if status.succeeded {
            self.logger.debug("embedded PostgreSQL already running", metadata: ["socket": "\(self.layout.socketPath)"])
        } else {
            self.logger.info("starting embedded PostgreSQL", metadata: ["cluster": "\(self.layout.clusterRoot)"])
            let options = self.maximumConnections.map { ["-o", "-c max_connections=\($0)"] } ?? []
            let started = try await self.runner.run(
                self.binaries.pgCtl,
                [
                    "start", "-w", "-t", "120", "-D", self.layout.pgData, "-l", self.layout.logFile,
                ] + options
            )
            guard started.succeeded else {
                let log = (try? String(contentsOfFile: self.layout.logFile, encoding: .utf8)) ?? ""
                let tail = log.split(separator: "\n").suffix(5).joined(separator: " | ")
                throw EmbeddedPostgresError.commandFailed(command: "pg_ctl start", output: started.output + " " + tail)
            }
        }
        try self.registerAsUser()
        try await self.createDatabase(Self.defaultDatabase)
    }

    /// Lets go of the cluster; stops the server when no other process uses it. Returns whether it stopped it.
    @discardableResult
    public func stopIfUnused() async throws -> Bool {
        let control = try FileLock(path: self.layout.controlLockPath)
        try await control.lockExclusive()
        defer { control.unlock() }
        return try await self.stopLocked()
    }

    /// The same as ``stopIfUnused()`` but blocking; for `atexit` handlers, where no task can run.
    @discardableResult
    public func stopIfUnusedBlocking() throws -> Bool {
        let control = try FileLock(path: self.layout.controlLockPath)
        try control.lockExclusiveBlocking()
        defer { control.unlock() }
        guard self.releaseUserLockAndCheckLast() else { return false }
        let outcome = try self.runner.runBlocking(self.binaries.pgCtl, self.stopArguments)
        return outcome.succeeded
    }

    /// Client settings for a database of this cluster.
    public func clientConfiguration(database: String = EmbeddedPostgres.defaultDatabase) -> PostgresClient.Configuration
    {
        var configuration = PostgresClient.Configuration(
            unixSocketPath: self.layout.socketPath,
            username: Self.databaseUser,
            password: nil,
            database: database
        )
        configuration.options.maximumConnections = 10
        return configuration
    }

    /// Creates a database unless it exists. The name must be a plain lower-case identifier.
    public func createDatabase(_ name: String) async throws {
        precondition(Self.isPlainIdentifier(name), "database names are plain identifiers")
        try await self.withMaintenanceConnection { connection in
            let rows = try await connection.query(
                "SELECT 1 FROM pg_database WHERE datname = \(name)",
                logger: self.logger
            )
            var exists = false
            for try await _ in rows { exists = true }
            if !exists {
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: self.logger)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                    // Another process created it between our check and our CREATE: that is what we wanted.
                }
            }
        }
    }

    /// Creates `target` as a copy of `source` (which must have no open connections); fast for test fixtures.
    public func copyDatabase(from source: String, to target: String) async throws {
        precondition(
            Self.isPlainIdentifier(source) && Self.isPlainIdentifier(target),
            "database names are plain identifiers"
        )
        try await self.withMaintenanceConnection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(target) TEMPLATE \(source)"),
                logger: self.logger
            )
        }
    }

    /// Drops a database if it exists, disconnecting its sessions.
    public func dropDatabase(_ name: String) async throws {
        precondition(Self.isPlainIdentifier(name), "database names are plain identifiers")
        try await self.withMaintenanceConnection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"),
                logger: self.logger
            )
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 63
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
            && !(name.first?.isNumber ?? true)
    }

    private var stopArguments: [String] {
        ["stop", "-D", self.layout.pgData, "-m", "fast", "-w", "-t", "120"]
    }

    private func stopLocked() async throws -> Bool {
        guard self.releaseUserLockAndCheckLast() else {
            self.logger.debug("embedded PostgreSQL still used by another process; left running")
            return false
        }
        let status = try await self.runner.run(self.binaries.pgCtl, ["status", "-D", self.layout.pgData])
        guard status.succeeded else { return false }
        self.logger.info("stopping embedded PostgreSQL", metadata: ["cluster": "\(self.layout.clusterRoot)"])
        let stopped = try await self.runner.run(self.binaries.pgCtl, self.stopArguments)
        guard stopped.succeeded else {
            // A shutdown already under way (one asked for by a stop that gave up waiting for it) can finish
            // between the status and the stop: the cluster is stopped, which is what was asked.
            let after = try await self.runner.run(self.binaries.pgCtl, ["status", "-D", self.layout.pgData])
            if !after.succeeded { return true }
            throw EmbeddedPostgresError.commandFailed(command: "pg_ctl stop", output: stopped.output)
        }
        return true
    }

    /// Drops our shared lock and tells whether any other process still holds one.
    private func releaseUserLockAndCheckLast() -> Bool {
        let ours = self.usersLock.withLock { lock -> FileLock? in
            defer { lock = nil }
            return lock
        }
        ours?.unlock()
        guard let probe = try? FileLock(path: self.layout.usersLockPath) else { return false }
        defer { probe.unlock() }
        return probe.tryLockExclusive()
    }

    private func registerAsUser() throws {
        try self.usersLock.withLock { lock in
            guard lock == nil else { return }
            let users = try FileLock(path: self.layout.usersLockPath)
            // Only a stopper ever holds this file exclusively, and only while it holds the control lock we hold now.
            guard users.tryLockShared() else {
                throw EmbeddedPostgresError.lockFailed(path: users.path, reason: "held exclusively by a stopper")
            }
            lock = users
        }
    }

    private func initializeIfNeeded() async throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: self.layout.initializedMarker) { return }
        // A marker-less data folder is what an interrupted initdb leaves: start over.
        if fileManager.fileExists(atPath: self.layout.pgData) {
            try fileManager.removeItem(atPath: self.layout.pgData)
        }
        self.logger.info("creating embedded PostgreSQL cluster", metadata: ["cluster": "\(self.layout.clusterRoot)"])
        let created = try await self.runner.run(
            self.binaries.initdb,
            [
                "-D", self.layout.pgData, "-U", Self.databaseUser, "--auth=trust", "--encoding=UTF8", "--locale=C",
            ]
        )
        guard created.succeeded else {
            throw EmbeddedPostgresError.commandFailed(command: "initdb", output: created.output)
        }
        let settings = """

            # s2v-meter embedded cluster: Unix socket only.
            listen_addresses = ''
            unix_socket_directories = '\(self.layout.socketDirectory)'
            unix_socket_permissions = 0700
            port = \(ClusterLayout.port)
            max_connections = 300

            """
        let configuration = try FileHandle(forWritingTo: URL(fileURLWithPath: self.layout.pgData + "/postgresql.conf"))
        try configuration.seekToEnd()
        try configuration.write(contentsOf: Data(settings.utf8))
        try configuration.close()
        try Data().write(to: URL(fileURLWithPath: self.layout.initializedMarker))
    }

    private func withMaintenanceConnection(_ body: (PostgresConnection) async throws -> Void) async throws {
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: self.layout.socketPath,
            username: Self.databaseUser,
            password: nil,
            database: "postgres"
        )
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(),
            configuration: configuration,
            id: 0,
            logger: self.logger
        )
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func makePrivateDirectory(_ path: String, owner: (uid: uid_t, gid: gid_t)?) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let owner {
            guard chown(path, owner.uid, owner.gid) == 0 else {
                throw EmbeddedPostgresError.commandFailed(
                    command: "chown \(path)",
                    output: String(cString: strerror(errno))
                )
            }
        }
        guard chmod(path, 0o700) == 0 else {
            throw EmbeddedPostgresError.commandFailed(
                command: "chmod \(path)",
                output: String(cString: strerror(errno))
            )
        }
    }
}
