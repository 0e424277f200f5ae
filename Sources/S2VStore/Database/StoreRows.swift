import PostgresNIO

/// The rows of one query, read in full while its connection was leased (see ``StoreClient/query(_:logger:file:line:)``).
/// An async sequence of `PostgresRow`, so PostgresNIO's `decode(_:)` applies as to its own row sequence.
public struct StoreRows: AsyncSequence, Sendable {
    public typealias Element = PostgresRow

    public let rows: [PostgresRow]

    public init(_ rows: [PostgresRow]) {
        self.rows = rows
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: IndexingIterator<[PostgresRow]>

        public mutating func next() async throws -> PostgresRow? {
            self.base.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: self.rows.makeIterator())
    }
}
