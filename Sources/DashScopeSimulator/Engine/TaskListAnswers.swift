import Synchronization

/// How `GET /tasks` answers, per account (API key), changeable while the simulator runs; and how many list
/// requests each account made, so a test can tell a reader that backs off from one that spins.
final class TaskListAnswers: Sendable {
    private struct State {
        var byKey: [String: TaskListAnswer] = [:]
        var requests: [String: Int] = [:]
    }

    private let fallback: TaskListAnswer
    private let state = Mutex(State())

    init(default fallback: TaskListAnswer) {
        self.fallback = fallback
    }

    /// Sets how `key`'s list requests are answered; nil goes back to the configured answer.
    func set(_ answer: TaskListAnswer?, for key: String) {
        self.state.withLock { $0.byKey[key] = answer }
    }

    /// Counts one list request of `key` and returns how to answer it.
    func answer(for key: String) -> TaskListAnswer {
        self.state.withLock { state in
            state.requests[key, default: 0] += 1
            return state.byKey[key] ?? self.fallback
        }
    }

    /// List requests `key` has made so far.
    func requests(of key: String) -> Int {
        self.state.withLock { $0.requests[key] ?? 0 }
    }
}
