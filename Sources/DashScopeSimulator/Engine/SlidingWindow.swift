import Foundation

/// Events within the last second, for rate limits and for "most events in any 1 s window" statistics.
///
/// The window at time `t` is `(t - 1 s, t]`. Events are stamped when their request arrived, and concurrent
/// requests reach the engine in any order, so an event may be recorded after a later one: the window keeps its
/// events sorted and checks every window the new event falls in.
struct SlidingWindow: Sendable {
    private var events: [Date] = []
    /// Most events ever seen at once in the window.
    private(set) var maxObserved = 0

    /// Number of events in the window ending at `now`.
    func count(at now: Date) -> Int {
        let start = now.addingTimeInterval(-1)
        return self.events.lazy.filter { $0 > start && $0 <= now }.count
    }

    /// Records an event at `time`.
    mutating func record(at time: Date) {
        let index = self.events.firstIndex { $0 > time } ?? self.events.count
        self.events.insert(time, at: index)
        // The windows holding the new event are those ending at it or at a later event less than 1 s after it.
        for end in self.events[index...] where end < time.addingTimeInterval(1) {
            self.maxObserved = max(self.maxObserved, self.count(at: end))
        }
        // Nothing can arrive more than a few seconds late; keep what any new window could still hold.
        if let latest = self.events.last {
            let keepFrom = latest.addingTimeInterval(-10)
            if let firstKept = self.events.firstIndex(where: { $0 >= keepFrom }), firstKept > 0 {
                self.events.removeFirst(firstKept)
            }
        }
    }
}
