/// Exponential backoff: `initial`, doubling after each failure, never above `maximum`.
struct RetryBackoff: Sendable, Equatable {
    let initial: Duration
    let maximum: Duration
    /// The wait before the next attempt.
    private(set) var delay: Duration

    init(initial: Duration = .seconds(1), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
        self.delay = initial
    }

    /// A failure: returns the wait before the next attempt, and doubles the one after.
    mutating func failed() -> Duration {
        let wait = self.delay
        self.delay = min(self.delay * 2, self.maximum)
        return wait
    }

    mutating func reset() {
        self.delay = self.initial
    }
}
