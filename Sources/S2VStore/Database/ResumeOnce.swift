import Synchronization

/// A continuation resumed by whichever of two racers comes first.
final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

    init(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(returning value: Bool) {
        self.continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
