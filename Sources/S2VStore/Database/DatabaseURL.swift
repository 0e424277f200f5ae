import Foundation
import PostgresNIO

/// Parses `postgres://user:password@host:port/database?sslmode=…` (also `postgresql://`, and `?host=/socket/dir`
/// for a Unix socket) into client settings.
public enum DatabaseURL {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case invalid(String)

        public var description: String {
            switch self {
            case .invalid(let reason):
                "invalid DATABASE_URL: \(reason) (expected postgres://user:password@host:5432/database)"
            }
        }
    }

    public static func configuration(from string: String) throws(ParseError) -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw .invalid("scheme must be postgres:// or postgresql://") }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            uniquingKeysWith: { _, last in last }
        )
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? nil : path.removingPercentEncoding
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            let port = components.port ?? 5432
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)",
                username: username,
                password: password,
                database: database
            )
        }
        guard let host = components.host, !host.isEmpty else { throw .invalid("no host") }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case let mode: throw .invalid("unsupported sslmode \(mode)")
        }
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: username,
            password: password,
            database: database,
            tls: tls
        )
    }
}
