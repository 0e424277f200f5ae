import Foundation

/// The one place a `Duration` becomes a number: SQL intervals, `Date` arithmetic, latencies and timeouts.
extension Duration {
    /// Whole milliseconds, for SQL intervals (`\(ms) * interval '1 millisecond'`).
    public var wholeMilliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole microseconds, for SQL intervals where milliseconds are too coarse (pacing) and recorded latencies.
    public var wholeMicroseconds: Int64 {
        self.components.seconds * 1_000_000 + self.components.attoseconds / 1_000_000_000_000
    }

    /// Whole nanoseconds, for SwiftNIO's `TimeAmount`.
    public var wholeNanoseconds: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }

    /// Fractional seconds, for comparisons with `Date`s (never for money).
    public var timeInterval: TimeInterval {
        TimeInterval(self.components.seconds) + TimeInterval(self.components.attoseconds) / 1e18
    }
}
