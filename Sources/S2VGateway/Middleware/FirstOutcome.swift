import Synchronization

/// The first of several racing outcomes, handed to one waiting continuation: later offers are dropped.
/// An offer may come before the continuation is installed; it is then delivered on installation.
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var outcome: Result<Value, any Error>?
    }

    private let state = Mutex(State())

    /// Sets the continuation that receives the first outcome; resumes it at once if that outcome is known.
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let known = self.state.withLock { state -> Result<Value, any Error>? in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let known { continuation.resume(with: known) }
    }

    /// Offers an outcome; only the first offer counts.
    func offer(_ outcome: Result<Value, any Error>) {
        let waiting = self.state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.continuation = nil }
            return state.continuation
        }
        waiting?.resume(with: outcome)
    }
}
