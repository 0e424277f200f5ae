import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import S2VMeterCLI
import S2VStore
import S2VTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CommandLineTests {
    @Test func helpListsTheCommands() async throws {
        let help = S2VMeter.helpMessage()
        for command in ["serve", "migrate", "simulate"] {
            #expect(help.contains(command), "help lists \(command)")
        }
        let finished = try await CommandLineProcess.run(["--help"])
        let (status, output) = (finished.status, finished.output)
        #expect(status == 0)
        #expect(output.contains("serve") && output.contains("migrate") && output.contains("simulate"))
    }

    @Test func migrateAppliesOnceAndRefusesAnEditedFile() async throws {
        let database = try await TestDatabase.make(migrated: false)
        let url = database.url
        let sqlCopy = try Self.copyOfProjectSQL()
        defer { try? FileManager.default.removeItem(atPath: sqlCopy) }

        let first = try await CommandLineProcess.run(["migrate", "--database-url", url, "--sql-dir", sqlCopy])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("applied  0001_schema.sql"))

        let second = try await CommandLineProcess.run(["migrate", "--database-url", url, "--sql-dir", sqlCopy])
        #expect(second.status == 0)
        #expect(second.output.contains("schema is current"))

        let file = sqlCopy + "/0001_schema.sql"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\n-- an innocent-looking edit\n").write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try await CommandLineProcess.run(["migrate", "--database-url", url, "--sql-dir", sqlCopy])
        #expect(edited.status != 0)
        #expect(edited.output.contains("0001_schema.sql was changed after it was applied"))
        try await database.cluster.dropDatabase(database.name)
    }

    /// An applied migration that changed is a startup error for `serve` too: it exits instead of serving.
    @Test func serveRefusesToStartOnAnEditedMigration() async throws {
        let database = try await TestDatabase.make(migrated: false)
        let url = database.url
        let sqlCopy = try Self.copyOfProjectSQL()
        defer { try? FileManager.default.removeItem(atPath: sqlCopy) }
        #expect(try await CommandLineProcess.run(["migrate", "--database-url", url, "--sql-dir", sqlCopy]).status == 0)
        let file = sqlCopy + "/0001_schema.sql"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\n-- edited\n").write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )

        let port = try CommandLineProcess.freePort()
        let served = try await CommandLineProcess.run(
            ["serve", "--demo", "--port", "\(port)", "--database-url", url, "--sql-dir", sqlCopy])
        #expect(served.status != 0)
        #expect(served.output.contains("changed after it was applied"))
        try await database.cluster.dropDatabase(database.name)
    }

    /// The README's run command, as the current user (root in CI): the embedded cluster starts, `/ready`
    /// answers 200, and SIGTERM stops the gateway and the cluster it started.
    @Test func serveDemoBecomesReadyAndStopsCleanly() async throws {
        let dataDirectory = "/tmp/s2v-serve-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        try await Self.checkServeDemo(dataDirectory: dataDirectory)
    }

    /// The same as an ordinary user: the binary and `sql/` are copied where that user can reach them, since a
    /// checkout under /root is not readable by others.
    @Test(.enabled(if: geteuid() == 0, "needs root to switch to an ordinary user"))
    func serveDemoWorksAsAnOrdinaryUser() async throws {
        let folder = "/tmp/s2v-user-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let binary = URL(fileURLWithPath: folder + "/s2v-meter")
        // cp in its own process: a copy written by this (multi-threaded, spawning) process could leak its write
        // descriptor into a concurrently spawned child, and exec would then fail with "Text file busy".
        let copied = try ChildProcess(
            executable: "/bin/cp",
            arguments: [try CommandLineProcess.executable.path, binary.path],
            outputPath: folder + "/cp.log"
        )
        #expect(await copied.wait() == 0)
        let sql = try Self.copyOfProjectSQL()
        defer { try? FileManager.default.removeItem(atPath: sql) }
        try FileManager.default.moveItem(atPath: sql, toPath: folder + "/sql")
        let dataDirectory = folder + "/data"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        guard chown(dataDirectory, 65534, 65534) == 0 else { throw POSIXError(.EPERM) }
        chmod(folder, 0o755)

        try await Self.checkServeDemo(
            dataDirectory: dataDirectory,
            binary: binary,
            prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            extraArguments: ["--sql-dir", folder + "/sql"]
        )
        let owner =
            try FileManager.default.attributesOfItem(atPath: dataDirectory + "/postgres/data")[.ownerAccountID] as? Int
        #expect(owner == 65534, "the cluster belongs to the ordinary user")
    }

    static func checkServeDemo(
        dataDirectory: String,
        binary: URL? = nil,
        prefix: [String] = [],
        extraArguments: [String] = []
    ) async throws {
        let port = try CommandLineProcess.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        let server = try CommandLineProcess.start(
            ["serve", "--demo", "--port", "\(port)", "--data-dir", dataDirectory] + extraArguments,
            executable: binary,
            prefix: prefix,
            environment: environment
        )
        var ready = false
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline, server.child.isRunning {
            if try await Self.status(of: "http://127.0.0.1:\(port)/ready") == 200 {
                ready = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(ready, "serve --demo never became ready: \(server.child.output)")
        #expect(try await Self.status(of: "http://127.0.0.1:\(port)/health") == 200)

        let status = try await server.stopGracefully()
        #expect(status == 0, "\(server.child.output)")
        let pidFile = dataDirectory + "/postgres/data/postmaster.pid"
        #expect(!FileManager.default.fileExists(atPath: pidFile), "the cluster it started is stopped")
    }

    static func status(of url: String) async throws -> Int? {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }

    /// A private copy of `sql/`, readable by everyone.
    static func copyOfProjectSQL() throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql")
        let copy = "/tmp/s2v-sql-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        chmod(copy, 0o755)
        return copy
    }
}
