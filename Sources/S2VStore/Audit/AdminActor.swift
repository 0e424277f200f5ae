import Foundation
import Logging
import PostgresNIO

/// Who makes an admin change, as the `admin_changes` triggers record it: the `s2v.actor` setting of the session
/// (the CLI: `cli:<user>@<host>`) or of the transaction (the admin API: `key:<id>`). Changes made by hand in SQL
/// are recorded as `sql:<database user>`.
public enum AdminActor {
    /// The CLI's actor: the operating-system user and host running the command.
    public static var commandLine: String {
        "cli:\(Self.systemUser)@\(ProcessInfo.processInfo.hostName)"
    }

    /// The user who ran the command: the one behind `sudo`, else the process's own.
    private static var systemUser: String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["SUDO_USER", "USER"] {
            if let user = environment[name], !user.isEmpty { return user }
        }
        if let entry = getpwuid(geteuid()), let name = String(validatingCString: entry.pointee.pw_name) {
            return name
        }
        return "uid\(geteuid())"
    }

    /// The admin API's actor for a calling key.
    public static func key(_ id: Int64) -> String {
        "key:\(id)"
    }

    /// Startup parameters that set the actor for a whole session.
    static func startupParameters(_ actor: String?) -> [(String, String)] {
        guard let actor else { return [] }
        return [("s2v.actor", actor)]
    }

    /// Sets the actor for the rest of the transaction on `connection`.
    static func set(_ actor: String?, on connection: PostgresConnection, logger: Logger) async throws {
        guard let actor else { return }
        try await connection.query("SELECT set_config('s2v.actor', \(actor), true)", logger: logger)
    }
}
