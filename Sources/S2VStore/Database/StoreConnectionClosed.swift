/// A leased connection was found closed before anything was written on it: the database went away (a restart,
/// say). Thrown instead of writing, since PostgresNIO 1.33 never ends a query written on a closed connection.
public struct StoreConnectionClosed: Error, CustomStringConvertible {
    public init() {}

    public var description: String {
        "the database connection was closed before the statement was sent"
    }
}
