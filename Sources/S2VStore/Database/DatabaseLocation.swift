/// Where the data lives: a PostgreSQL server named by URL, or the embedded cluster of a data directory.
/// The CLI's settings choose one: a database URL when given, else the embedded cluster.
public enum DatabaseLocation: Sendable, Equatable {
    case url(String)
    case embedded(dataDirectory: String)
}
