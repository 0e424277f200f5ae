/// One page of an audit listing, newest first, and the cursor of the next page (nil: this was the last).
public struct AuditPage<Row: Sendable & Equatable>: Sendable, Equatable {
    public var rows: [Row]
    public var nextCursor: Int64?

    public init(rows: [Row], nextCursor: Int64?) {
        self.rows = rows
        self.nextCursor = nextCursor
    }
}
