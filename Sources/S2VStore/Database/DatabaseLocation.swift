/// Where the data lives: a PostgreSQL server named by URL, or the embedded cluster of a data directory.
public enum DatabaseLocation: Sendable, Equatable {
    case url(String)
    case embedded(dataDirectory: String)

    /// `--database-url`, else `DATABASE_URL`, else the embedded cluster in `dataDirectory`.
    public static func resolve(databaseURL: String?, environment: [String: String], dataDirectory: String) -> DatabaseLocation {
        if let url = databaseURL ?? environment["DATABASE_URL"], !url.isEmpty {
            return .url(url)
        }
        return .embedded(dataDirectory: dataDirectory)
    }
}
