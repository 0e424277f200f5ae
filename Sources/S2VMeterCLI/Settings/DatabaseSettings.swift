import S2VStore

/// Where the data lives and where the migrations are, resolved from every source.
struct DatabaseSettings: Sendable, Equatable {
    let location: DatabaseLocation
    /// The migration folder named by a setting; nil searches the usual places.
    let sqlDirectory: String?

    init(from source: SettingsSource) async throws {
        if let url = try await source.text(.databaseURL), !url.isEmpty {
            self.location = .url(url)
        } else {
            self.location = .embedded(dataDirectory: try await source.text(.dataDirectory) ?? "")
        }
        self.sqlDirectory = try await source.text(.sqlDirectory)
    }

    func loadMigrations() throws -> [Migration] {
        try MigrationDirectory.locate(explicit: self.sqlDirectory).load()
    }
}
