import Foundation

/// One video model's tasks on one account: upstream runs one task per model per account at a time, and the
/// others wait PENDING, first come first served.
struct ModelQueue: Sendable {
    /// PENDING task ids, in submission order.
    var pending: [String] = []
    /// The one RUNNING task, if any.
    var runningID: String?
    /// When the previous task finished, i.e. the earliest start of the next one.
    var freeAt = Date.distantPast

    /// PENDING and RUNNING tasks.
    var unfinished: Int {
        self.pending.count + (self.runningID == nil ? 0 : 1)
    }
}
