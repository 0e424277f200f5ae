import Crypto
import Foundation

/// Where an embedded cluster keeps its files, derived from the data directory.
///
/// The cluster normally lives in `<data-dir>/postgres`. When the process runs as root, PostgreSQL runs as an
/// unprivileged user who may not be able to reach the data directory (a clone under `/root`, say); the cluster
/// then lives under `/var/lib/s2v-meter/clusters/<hash of the data directory>` and `<data-dir>/postgres` is a
/// symbolic link to it, so the data stays durable and findable.
public struct ClusterLayout: Sendable, Equatable {
    /// The data directory the user named, absolute.
    public let dataDirectory: String
    /// The folder that holds `data/` (PGDATA), `server.log` and, usually, the socket.
    public let clusterRoot: String
    /// The folder of the Unix socket `.s.PGSQL.5432`.
    public let socketDirectory: String

    public static let port = 5432
    /// The longest socket path the kernel accepts is 107 bytes; stay clear of it.
    static let maximumSocketPathLength = 100

    public var pgData: String { self.clusterRoot + "/data" }
    public var logFile: String { self.clusterRoot + "/server.log" }
    public var initializedMarker: String { self.clusterRoot + "/initialized" }
    public var socketPath: String { "\(self.socketDirectory)/.s.PGSQL.\(Self.port)" }
    /// Serializes creation, start and stop between processes.
    public var controlLockPath: String { self.dataDirectory + "/cluster.lock" }
    /// Every process using the cluster holds a shared lock on this file; the last one out stops the server.
    public var usersLockPath: String { self.dataDirectory + "/cluster.users" }

    public init(dataDirectory: String, clusterRoot: String) {
        self.dataDirectory = dataDirectory
        self.clusterRoot = clusterRoot
        let preferred = "\(clusterRoot)/.s.PGSQL.\(Self.port)"
        if preferred.utf8.count <= Self.maximumSocketPathLength {
            self.socketDirectory = clusterRoot
        } else {
            self.socketDirectory = "/tmp/s2v-meter-" + Self.shortHash(of: clusterRoot)
        }
    }

    /// A stable 16-hex-digit name for a path.
    static func shortHash(of path: String) -> String {
        SHA256.hash(data: Data(path.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
