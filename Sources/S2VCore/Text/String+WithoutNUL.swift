extension String {
    /// The text with every U+0000 replaced by U+FFFD: what PostgreSQL's `text` can hold, for records that must be
    /// written whatever a client sent (the call log), and for messages that quote client input.
    public var withoutNUL: String {
        self.contains("\u{0}") ? String(self.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) }) : self
    }
}

extension Substring {
    /// See `String.withoutNUL`.
    public var withoutNUL: String { String(self).withoutNUL }
}
