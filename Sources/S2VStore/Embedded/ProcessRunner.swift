import Foundation

/// Runs external programs (the PostgreSQL binaries), optionally as another system user.
public struct ProcessRunner: Sendable {
    /// What a finished program left behind.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String

        public var succeeded: Bool { self.status == 0 }
    }

    /// Run the programs as this system user (through `runuser`); `nil` runs them as the current user.
    public let user: String?

    public init(user: String?) {
        self.user = user
    }

    /// Runs `executable` with `arguments` and waits for it to exit, capturing stdout and stderr together.
    ///
    /// The wait happens on a thread of its own so that the cooperative pool is not blocked.
    public func run(_ executable: String, _ arguments: [String]) async throws -> Outcome {
        let (launchPath, launchArguments) = self.command(executable, arguments)
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try Self.runBlocking(launchPath, launchArguments))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The same as ``run(_:_:)`` but blocking the calling thread; for `atexit` handlers only.
    public func runBlocking(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let (launchPath, launchArguments) = self.command(executable, arguments)
        return try Self.runBlocking(launchPath, launchArguments)
    }

    private func command(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        guard let user = self.user else { return (executable, arguments) }
        return ("/usr/sbin/runuser", ["-u", user, "--", executable] + arguments)
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> Outcome {
        // A file rather than a pipe: a daemon forked by the program (the postmaster) must not be able to hold
        // our read end open.
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("s2v-meter-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess(executable: executable, arguments: arguments, outputPath: outputPath)
        let status = child.waitBlocking()
        return Outcome(status: status, output: child.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
