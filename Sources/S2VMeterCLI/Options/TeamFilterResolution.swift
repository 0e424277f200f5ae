import ArgumentParser
import Logging
import PostgresNIO
import S2VCore
import S2VStore

/// Turns a `--team NAME` option into the team's id, with a clear error for a name that does not exist.
enum TeamFilterResolution {
    static func teamID(named name: String?, client: StoreClient, logger: Logger) async throws -> Int64? {
        guard let name else { return nil }
        guard let team = try await TeamRepository(client: client).find(name: name, logger: logger) else {
            throw ValidationError("no team named '\(name)' (see `s2v-meter teams list`)")
        }
        return team.id
    }

    /// Runs `parse`, turning a parameter error into a command-line validation error.
    static func validating<Value>(_ parse: () throws -> Value) throws -> Value {
        do {
            return try parse()
        } catch let error as ServiceError {
            throw ValidationError(error.message)
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }
}
