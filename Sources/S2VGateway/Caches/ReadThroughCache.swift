import Synchronization

/// Values read from the store and kept for at most `lifetime`, dropped at once by ``invalidateAll()``.
///
/// A read that started before an invalidation does not store what it read: each entry records the generation
/// it was loaded in, and an invalidation starts a new one. An entry's age counts from the start of its read, so
/// no entry outlives a change committed before it by more than `lifetime`, whether or not the change was
/// announced.
final class ReadThroughCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var generation: UInt64 = 0
    }

    let lifetime: Duration
    /// The most entries kept; past it the cache starts empty again (a flood of unknown keys cannot grow it).
    let capacity: Int
    private let state = Mutex(State())

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value for `key`, or `read()`'s, kept for next time unless the cache was invalidated meanwhile.
    func value(for key: Key, read: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        let (cached, generation) = self.state.withLock { state in
            (state.entries[key].flatMap { now - $0.readAt < self.lifetime ? $0.value : nil }, state.generation)
        }
        if let cached { return cached }
        let value = try await read()
        self.state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, readAt: now)
        }
        return value
    }

    /// Drops every entry, and every read in progress.
    func invalidateAll() {
        self.state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation &+= 1
        }
    }
}
