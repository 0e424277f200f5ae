import Foundation

/// The machine's own PostgreSQL server programs, found on `PATH` or under `/usr/lib/postgresql/<version>/bin`.
public struct PostgresBinaries: Sendable, Equatable {
    /// The folder that holds `initdb`, `pg_ctl` and `postgres`.
    public let directory: String

    public var initdb: String { self.directory + "/initdb" }
    public var pgCtl: String { self.directory + "/pg_ctl" }

    public init(directory: String) {
        self.directory = directory
    }

    /// Finds the server programs: `PATH` first, then the newest `/usr/lib/postgresql/<version>/bin`.
    ///
    /// - Parameters:
    ///   - environment: the process environment (for `PATH`).
    ///   - versionsRoot: where distribution packages install versioned binaries.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        versionsRoot: String = "/usr/lib/postgresql"
    ) throws(EmbeddedPostgresError) -> PostgresBinaries {
        let fileManager = FileManager.default
        func hasServer(_ folder: String) -> Bool {
            fileManager.isExecutableFile(atPath: folder + "/initdb")
                && fileManager.isExecutableFile(atPath: folder + "/pg_ctl")
                && fileManager.isExecutableFile(atPath: folder + "/postgres")
        }
        let pathFolders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let folder = pathFolders.first(where: hasServer) {
            return PostgresBinaries(directory: folder)
        }
        let versions = ((try? fileManager.contentsOfDirectory(atPath: versionsRoot)) ?? [])
            .compactMap { Int($0) }
            .sorted(by: >)
        if let version = versions.first(where: { hasServer("\(versionsRoot)/\($0)/bin") }) {
            return PostgresBinaries(directory: "\(versionsRoot)/\(version)/bin")
        }
        throw .binariesNotFound
    }
}
