import Foundation

/// The next thing that happens in one model's queue: its running task finishes, or its next task starts.
struct QueueEvent: Sendable {
    enum Kind: Sendable {
        case finish
        case start
    }

    var model: SimulatedModel
    var kind: Kind
    var time: Date

    /// Whether this event happens before `other`. At the same instant a finish comes first, so a task that ends as
    /// another starts never counts as running alongside it.
    func precedes(_ other: QueueEvent) -> Bool {
        if self.time != other.time { return self.time < other.time }
        return self.kind == .finish && other.kind == .start
    }
}
