import Foundation
import Hummingbird
import Logging
import S2VCore

/// Per-request state shared by the gateway's middleware and routes.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// DashScope-style request id, returned in every body and logged with every line.
    public let requestID: UUID
    /// Set by the authentication middleware.
    public var caller: Caller?
    /// Filled in by handlers, read by the call log.
    let details = CallDetails()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = UUID()
        self.logger[metadataKey: "request_id"] = .string(self.requestIDText)
    }

    var requestIDText: String { self.requestID.uuidString.lowercased() }

    /// Bodies are small JSON documents; anything larger is refused with `InvalidParameter`.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The caller and its team, for the DashScope endpoints: an admin key belongs to no team and cannot spend.
    func requireTeamCaller() throws -> (Caller, Int64) {
        guard let caller = self.caller else { throw ServiceError.invalidApiKey("No API-key provided.") }
        guard let teamID = caller.teamID else {
            throw ServiceError(
                status: 403,
                code: "AccessDenied",
                message: "Admin keys manage the gateway; DashScope calls need a team key."
            )
        }
        return (caller, teamID)
    }
}
