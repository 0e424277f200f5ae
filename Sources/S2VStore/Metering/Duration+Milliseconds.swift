extension Duration {
    /// Whole milliseconds, for SQL intervals (`make_interval(secs => ms / 1000.0)`).
    var wholeMilliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }
}
