import Foundation
import Logging
import S2VStore

/// A private embedded PostgreSQL cluster that a test can hang and stop: for the tests of what the gateway does
/// when its store goes silent (every server process SIGSTOPped) or away (`pg_ctl stop -m immediate`).
///
/// Not the shared test cluster: hanging that one would hang every suite. Call ``remove()`` at the end; a test
/// that hangs the cluster resumes it in a `defer`, whatever happens.
public final class FreezableCluster: Sendable {
    public let embedded: EmbeddedPostgres
    public let directory: String

    private init(embedded: EmbeddedPostgres, directory: String) {
        self.embedded = embedded
        self.directory = directory
    }

    /// Creates and starts a cluster in a directory of its own under `/tmp`.
    public static func start() async throws -> FreezableCluster {
        let directory = "/tmp/s2v-freezable-\(UUID().uuidString.prefix(8).lowercased())"
        let embedded = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: TestCluster.logger)
        try await embedded.start()
        return FreezableCluster(embedded: embedded, directory: directory)
    }

    /// The cluster's default database, migrated by the harness when it starts a gateway on it.
    public var database: TestDatabase {
        TestDatabase(name: EmbeddedPostgres.defaultDatabase, cluster: self.embedded)
    }

    /// Hangs the server: the postmaster first, so that it forks nothing new, then every process it started
    /// (backends, checkpointer, writers). Connections stay open and nothing answers, as with a frozen host.
    public func freeze() throws {
        let postmaster = try self.postmasterPID()
        kill(postmaster, SIGSTOP)
        for child in Self.children(of: postmaster) { kill(child, SIGSTOP) }
    }

    /// Resumes every process of the server. Harmless when it is not frozen or not running.
    public func thaw() {
        guard let postmaster = try? self.postmasterPID() else { return }
        for child in Self.children(of: postmaster) { kill(child, SIGCONT) }
        kill(postmaster, SIGCONT)
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`): connections are cut.
    public func stopImmediately() async throws {
        let outcome = try await self.runner.run(
            self.embedded.binaries.pgCtl,
            ["stop", "-D", self.embedded.layout.pgData, "-m", "immediate", "-w", "-t", "60"]
        )
        guard outcome.succeeded else {
            throw EmbeddedPostgresError.commandFailed(command: "pg_ctl stop -m immediate", output: outcome.output)
        }
    }

    /// Starts the server again after ``stopImmediately()``.
    public func restart() async throws {
        try await self.embedded.start()
    }

    /// Resumes and stops the server, and removes its files.
    public func remove() async {
        self.thaw()
        _ = try? await self.stopImmediately()
        try? FileManager.default.removeItem(atPath: self.embedded.layout.clusterRoot)
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// The user the server runs as: `pg_ctl` must run as that user when the tests run as root.
    private var runner: ProcessRunner {
        let owner =
            (try? FileManager.default.attributesOfItem(atPath: self.embedded.layout.pgData)[.ownerAccountName])
            as? String
        return ProcessRunner(user: geteuid() == 0 ? owner : nil)
    }

    private func postmasterPID() throws -> pid_t {
        let text = try String(contentsOfFile: self.embedded.layout.pgData + "/postmaster.pid", encoding: .utf8)
        guard let first = text.split(separator: "\n").first, let pid = pid_t(first.trimmingCharacters(in: .whitespaces))
        else {
            throw EmbeddedPostgresError.commandFailed(command: "read postmaster.pid", output: text)
        }
        return pid
    }

    /// The processes whose parent is `parent`, from `/proc/<pid>/stat`.
    private static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                // The command name, in parentheses, may hold spaces: the fields after its closing one are plain.
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == parent else { return nil }
            return pid
        }
    }
}
