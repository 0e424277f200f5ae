extension Duration {
    /// Whole milliseconds, for SQL intervals (`make_interval(secs => ms / 1000.0)`).
    public var wholeMilliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole microseconds, for SQL intervals where milliseconds are too coarse (pacing).
    public var wholeMicroseconds: Int64 {
        self.components.seconds * 1_000_000 + self.components.attoseconds / 1_000_000_000_000
    }
}
