import Foundation
import S2VStore
import S2VTestSupport
import Testing

/// The built binary, configured by a file and the environment rather than flags, the way a deployment runs it.
@Suite struct ConfiguredServeTests {
    @Test func serveAndTheAdminCommandsReadTheConfigFile() async throws {
        let database = try await TestDatabase.make()
        let port = try CommandLineProcess.freePort()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s2v-serve-\(UUID().uuidString).json")
            .path
        let object: [String: Any] = ["database-url": database.url, "demo": true, "port": port, "log-format": "text"]
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        environment["S2V_METER_CONFIG"] = file
        environment["S2V_METER_LOG_FORMAT"] = "json"  // beats the file's "text"

        // An admin command finds the same database through the file named by S2V_METER_CONFIG.
        let created = try await CommandLineProcess.run(["teams", "create", "configured"], environment: environment)
        #expect(created.status == 0, "\(created.output)")

        let printed = try await CommandLineProcess.run(["serve", "--print-settings"], environment: environment)
        #expect(printed.status == 0, "\(printed.output)")
        #expect(printed.output.contains("(set; hidden)"), "the database URL is not printed: \(printed.output)")
        #expect(!printed.output.contains(database.name), "the database URL is not printed")
        let portLine = printed.output.split(separator: "\n").first { $0.hasPrefix("port ") }
        #expect(portLine?.contains("\(port)") == true && portLine?.contains("config file") == true, "\(printed.output)")
        let formatLine = printed.output.split(separator: "\n").first { $0.hasPrefix("log-format ") }
        #expect(formatLine?.contains("env S2V_METER_LOG_FORMAT") == true, "\(printed.output)")

        let server = try CommandLineProcess.start(["serve"], environment: environment)
        let ready = try await CrashRecoveryTests.waitForStatus(200, "http://127.0.0.1:\(port)/ready")
        #expect(ready, "serve never became ready on the file's port: \(server.child.output)")
        let status = try await server.stopGracefully()
        #expect(status == 0, "\(server.child.output)")
        let logLines = server.child.output.split(separator: "\n").filter { !$0.isEmpty }
        #expect(
            !logLines.isEmpty && logLines.allSatisfy { $0.hasPrefix("{") },
            "JSON logs, from the environment: \(server.child.output)"
        )
    }
}
