import Foundation
import S2VStore
import S2VTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The built `s2v-meter` executable, run as a child process the way a user runs it.
struct CommandLineProcess {
    let child: ChildProcess

    /// The executable `swift build` produced beside this test bundle.
    static var executable: URL {
        get throws {
            let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("s2v-meter") }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
            }
            return found
        }
    }

    /// Starts `executable arguments…`, optionally through `prefix` (such as `setpriv …`). With `separateErrors`,
    /// stderr (where the tool logs) is kept apart from stdout (where it prints its reports).
    static func start(
        _ arguments: [String],
        executable: URL? = nil,
        prefix: [String] = [],
        environment: [String: String]? = nil,
        separateErrors: Bool = false
    ) throws -> CommandLineProcess {
        let binary = try executable ?? Self.executable
        let command = prefix + [binary.path] + arguments
        let name = "cli-\(UUID().uuidString)"
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).log").path
        let errorPath =
            separateErrors ? FileManager.default.temporaryDirectory.appendingPathComponent("\(name).err").path : nil
        let child = try ChildProcess(
            executable: command[0],
            arguments: Array(command.dropFirst()),
            environment: environment,
            outputPath: outputPath,
            errorPath: errorPath
        )
        return CommandLineProcess(child: child)
    }

    /// A finished run: its exit status, its stdout, and everything it printed (stdout, then stderr).
    struct Finished: Sendable {
        let status: Int32
        /// The report or document the command printed, without its log lines (stderr).
        let standardOutput: String
        let output: String
    }

    /// Runs to completion and returns the exit status and everything printed. A process still running after
    /// `deadline` is killed and reported as exit status 137, so a hang fails its test instead of the suite.
    static func run(
        _ arguments: [String],
        executable: URL? = nil,
        prefix: [String] = [],
        environment: [String: String]? = nil,
        deadline: Duration = .seconds(120)
    ) async throws -> Finished {
        let running = try Self.start(
            arguments,
            executable: executable,
            prefix: prefix,
            environment: environment,
            separateErrors: true
        )
        let end = ContinuousClock.now + deadline
        while running.child.isRunning, ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(20))
        }
        if running.child.isRunning { running.child.signal(SIGKILL) }
        let status = await running.child.wait()
        defer {
            try? FileManager.default.removeItem(atPath: running.child.outputPath)
            if let errorPath = running.child.errorPath { try? FileManager.default.removeItem(atPath: errorPath) }
        }
        return Finished(status: status, standardOutput: running.child.standardOutput, output: running.child.output)
    }

    /// Sends SIGTERM and waits up to `deadline` for a graceful exit, then SIGKILL; returns the exit status.
    func stopGracefully(within deadline: Duration = .seconds(60)) async throws -> Int32 {
        self.child.signal(SIGTERM)
        let end = ContinuousClock.now + deadline
        while self.child.isRunning, ContinuousClock.now < end { try await Task.sleep(for: .milliseconds(20)) }
        if self.child.isRunning { self.child.signal(SIGKILL) }
        return await self.child.wait()
    }

    /// A port that was free a moment ago, outside the ephemeral range.
    static func freePort() throws -> Int {
        try LoopbackPort.reserve()
    }
}
