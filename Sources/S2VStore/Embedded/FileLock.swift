import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock(2)` lock on a file, shared between processes of the same machine.
///
/// Each instance opens the file itself, so two instances in one process exclude each other like two processes.
public final class FileLock: @unchecked Sendable {
    // The descriptor is only touched by the owner of the lock, one call at a time.
    private let descriptor: Int32
    public let path: String

    public init(path: String) throws(EmbeddedPostgresError) {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .lockFailed(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(self.descriptor)
    }

    /// Waits for an exclusive lock, on a thread of its own so that the cooperative pool is not blocked.
    public func lockExclusive() async throws {
        try await self.blocking(LOCK_EX)
    }

    /// Takes an exclusive lock if nobody holds any lock on the file; returns whether it did.
    public func tryLockExclusive() -> Bool {
        flock(self.descriptor, LOCK_EX | LOCK_NB) == 0
    }

    /// Takes a shared lock unless somebody holds an exclusive one; returns whether it did.
    public func tryLockShared() -> Bool {
        flock(self.descriptor, LOCK_SH | LOCK_NB) == 0
    }

    /// Takes an exclusive lock, blocking the calling thread; for `atexit` handlers only.
    public func lockExclusiveBlocking() throws(EmbeddedPostgresError) {
        guard flock(self.descriptor, LOCK_EX) == 0 else {
            throw .lockFailed(path: self.path, reason: String(cString: strerror(errno)))
        }
    }

    public func unlock() {
        flock(self.descriptor, LOCK_UN)
    }

    private func blocking(_ operation: Int32) async throws {
        let descriptor = self.descriptor
        let path = self.path
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                if flock(descriptor, operation) == 0 {
                    continuation.resume()
                } else {
                    continuation.resume(
                        throwing: EmbeddedPostgresError.lockFailed(
                            path: path,
                            reason: String(cString: strerror(errno))
                        )
                    )
                }
            }
        }
    }
}
