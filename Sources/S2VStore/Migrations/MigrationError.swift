/// Why migrations could not be applied; each one stops startup.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case directoryNotFound(searched: [String])
    case duplicateVersion(Int)
    case changedAfterApply(version: Int, name: String)
    case unknownApplied(version: Int, name: String)
    case statementFailed(version: Int, name: String, statement: Int, reason: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let searched):
            "migrations folder (sql/) not found; looked in: \(searched.joined(separator: ", ")); set S2V_METER_SQL_DIR or --sql-dir"
        case .duplicateVersion(let version):
            "two migration files have the number \(version)"
        case .changedAfterApply(let version, let name):
            "migration \(Migration.fileName(version: version, name: name)) was changed after it was applied (checksum differs): applied files must never change; put the change in a new file"
        case .unknownApplied(let version, let name):
            "the database has migration \(Migration.fileName(version: version, name: name)) applied, which this build does not have: it is newer than this build"
        case .statementFailed(let version, let name, let statement, let reason):
            "migration \(Migration.fileName(version: version, name: name)) failed at statement \(statement): \(reason)"
        }
    }
}
