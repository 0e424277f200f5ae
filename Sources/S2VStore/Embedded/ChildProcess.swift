import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Used instead of Foundation's `Process`, whose child monitoring on Linux can miss the exit of children
/// launched concurrently from several threads and then wait forever on a zombie.
public final class ChildProcess: @unchecked Sendable {
    // `status` is written once, by whoever reaps the child, under the lock.
    private let lock = NSLock()
    private var status: Int32?
    public let pid: pid_t
    /// Where stdout went, and stderr unless `errorPath` is set.
    public let outputPath: String
    /// Where stderr went, when kept apart from stdout.
    public let errorPath: String?

    /// Starts `executable` with `arguments`; stdin is /dev/null, stdout goes to `outputPath`, and stderr to
    /// `errorPath`, or to `outputPath` too when that is nil.
    ///
    /// - Parameter environment: the child's environment; nil passes this process's own.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        outputPath: String,
        errorPath: String? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // Nothing else of ours: without this the child (a PostgreSQL server started mid-run, say) keeps copies of
        // whatever sockets and pipes were open, and their peers never see them close.
        Self.closeInheritedDescriptors(&actions)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = environmentStrings.map { strdup($0) } + [nil]
        defer { for variable in envp { free(variable) } }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw EmbeddedPostgresError.commandFailed(command: executable, output: String(cString: strerror(result)))
        }
        self.pid = pid
        self.outputPath = outputPath
        self.errorPath = errorPath
    }

    /// Whether the child has not exited yet (reaps it if it has).
    public var isRunning: Bool {
        self.lock.withLock {
            guard self.status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(self.pid, &raw, WNOHANG) == self.pid else { return true }
            self.status = Self.exitCode(raw)
            return false
        }
    }

    /// Blocks the calling thread until the child exits; returns its exit code (128 + signal if killed).
    public func waitBlocking() -> Int32 {
        if let status = self.lock.withLock({ self.status }) { return status }
        var raw: Int32 = 0
        while waitpid(self.pid, &raw, 0) == -1 {
            guard errno == EINTR else {
                // Reaped by `isRunning` on another thread in the meantime.
                return self.lock.withLock { self.status ?? -1 }
            }
        }
        let code = Self.exitCode(raw)
        self.lock.withLock { self.status = code }
        return code
    }

    /// Waits for the exit on a thread of its own, so that the cooperative pool is not blocked.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitBlocking()) }
        }
    }

    /// Sends `signal` (SIGTERM by default).
    public func signal(_ signal: Int32 = SIGTERM) {
        kill(self.pid, signal)
    }

    /// Everything the child printed so far (with stderr kept apart, stdout then stderr).
    public var output: String {
        self.standardOutput + (self.errorPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "")
    }

    /// What the child printed to stdout so far (and to stderr, unless kept apart).
    public var standardOutput: String {
        (try? String(contentsOfFile: self.outputPath, encoding: .utf8)) ?? ""
    }

    private static func exitCode(_ raw: Int32) -> Int32 {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not
    /// export: closes every descriptor from 3 up in the child.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }
}
