import Foundation

/// Events within the last second, for rate limits and for "most events in any 1 s window" statistics.
///
/// The window at time `t` is `(t - 1 s, t]`.
struct SlidingWindow: Sendable {
    private var events: [Date] = []
    /// Most events ever seen at once in the window.
    private(set) var maxObserved = 0

    /// Number of events in the window ending at `now`.
    mutating func count(at now: Date) -> Int {
        let cutoff = now.addingTimeInterval(-1)
        if let firstKept = self.events.firstIndex(where: { $0 > cutoff }) {
            self.events.removeFirst(firstKept)
        } else {
            self.events.removeAll()
        }
        return self.events.count
    }

    /// Records an event at `now`.
    mutating func record(at now: Date) {
        let current = self.count(at: now) + 1
        self.events.append(now)
        self.maxObserved = max(self.maxObserved, current)
    }
}
