import Crypto
import Foundation

/// One numbered `.sql` file of `sql/`, such as `0001_schema.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex; an applied file whose checksum changed is refused.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The file's name, `0001_schema.sql`.
    public var fileName: String {
        Self.fileName(version: self.version, name: self.name)
    }

    static func fileName(version: Int, name: String) -> String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name + ".sql"
    }

    /// Reads a file named `<number>_<name>.sql`; returns nil for files not named so.
    public static func load(fileAt url: URL) throws -> Migration? {
        let fileName = url.lastPathComponent
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
            return nil
        }
        let sql = try String(contentsOf: url, encoding: .utf8)
        return Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql)
    }
}
