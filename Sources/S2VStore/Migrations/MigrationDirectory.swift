import Foundation

/// Finds and reads the `sql/` folder of numbered migration files.
public struct MigrationDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Looks for `sql/` in: the explicit path, `S2V_METER_SQL_DIR`, the working directory, beside the executable
    /// (`../share/s2v-meter/sql`, `sql`), and the source tree this binary was built from.
    public static func locate(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MigrationError) -> MigrationDirectory {
        let executableFolder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        // Sources/S2VStore/Migrations/MigrationDirectory.swift → the package root.
        let sourceRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates: [String] = [
            explicit,
            environment["S2V_METER_SQL_DIR"],
            FileManager.default.currentDirectoryPath + "/sql",
            executableFolder.appendingPathComponent("../share/s2v-meter/sql").standardizedFileURL.path,
            executableFolder.appendingPathComponent("sql").path,
            sourceRoot.appendingPathComponent("sql").path,
        ].compactMap { $0 }
        if let explicit {
            guard Self.isMigrationFolder(explicit) else { throw .directoryNotFound(searched: [explicit]) }
            return MigrationDirectory(path: explicit)
        }
        guard let found = candidates.first(where: Self.isMigrationFolder) else {
            throw .directoryNotFound(searched: candidates)
        }
        return MigrationDirectory(path: found)
    }

    /// The migrations in version order.
    public func load() throws -> [Migration] {
        let urls = try FileManager.default.contentsOfDirectory(
            at: URL(fileURLWithPath: self.path),
            includingPropertiesForKeys: nil
        )
        let migrations = try urls.compactMap(Migration.load(fileAt:)).sorted { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(next.version)
        }
        return migrations
    }

    private static func isMigrationFolder(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.contains { $0.hasSuffix(".sql") && $0.first?.isNumber == true }
    }
}
