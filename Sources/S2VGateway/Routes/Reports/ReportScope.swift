import Hummingbird
import S2VCore
import S2VStore

/// Which team a report or audit request may see. An admin key sees every team, or the one its `team`
/// parameter names; a team key sees only its own team, and naming another team looks exactly like naming one
/// that does not exist.
struct ReportScope: Sendable {
    /// nil: every team.
    let teamID: Int64?

    static func resolve(
        _ request: Request,
        context: GatewayRequestContext,
        teams: TeamRepository
    ) async throws -> ReportScope {
        guard let caller = context.caller else { throw ServiceError.invalidApiKey("No API-key provided.") }
        let named = request.uri.queryParameters.get("team").flatMap { $0.isEmpty ? nil : $0 }
        if !caller.isAdmin {
            guard let teamID = caller.teamID else { throw ServiceError.invalidApiKey() }
            if let named, named != caller.teamName { throw Self.unknownTeam(named) }
            return ReportScope(teamID: teamID)
        }
        guard let named else { return ReportScope(teamID: nil) }
        let logger = context.logger
        guard let team = try await context.withStore({ try await teams.find(name: named, logger: logger) }) else {
            throw Self.unknownTeam(named)
        }
        return ReportScope(teamID: team.id)
    }

    private static func unknownTeam(_ name: String) -> ServiceError {
        .invalidParameter("There is no team named '\(name)'.")
    }
}
