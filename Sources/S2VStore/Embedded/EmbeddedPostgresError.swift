/// Why the embedded PostgreSQL cluster could not be set up or started.
public enum EmbeddedPostgresError: Error, Equatable, CustomStringConvertible {
    case binariesNotFound
    case serverUserMissing(String)
    case commandFailed(command: String, output: String)
    case lockFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .binariesNotFound:
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or under /usr/lib/postgresql/*/bin: install them (Debian/Ubuntu: apt-get install -y postgresql; macOS: brew install postgresql@15) or set DATABASE_URL"
        case .serverUserMissing(let user):
            "running as root, but PostgreSQL refuses to run as root and the system user '\(user)' that should run it does not exist: create it (useradd --system \(user)), set S2V_METER_PG_USER to another unprivileged user, or run as a normal user"
        case .commandFailed(let command, let output):
            "\(command) failed: \(output)"
        case .lockFailed(let path, let reason):
            "cannot lock \(path): \(reason)"
        }
    }
}
