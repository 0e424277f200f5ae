import Foundation
import Synchronization

/// A clock tests move by hand, so task progress and rate windows are exact.
final class ManualClock: Sendable {
    /// 2025-09-01 01:37:27.468 UTC, i.e. 2025-09-01 09:37:27.468 in UTC+8.
    static let start = Date(timeIntervalSince1970: 1_756_690_647.468)

    private let current: Mutex<Date>

    init(_ start: Date = ManualClock.start) {
        self.current = Mutex(start)
    }

    var now: Date {
        self.current.withLock { $0 }
    }

    func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
