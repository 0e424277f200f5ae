import Foundation

/// Whom and what a client request is attributed to in the call log: its key and team, the model and tier it
/// priced, the upstream's request id, its task, and what it cost. The handlers fill it in as they learn it.
public struct CallAttribution: Sendable, Equatable {
    public var keyID: Int64?
    public var teamID: Int64?
    public var model: String?
    public var tier: String?
    public var upstreamRequestID: String?
    public var taskID: UUID?
    public var cost: Decimal

    public init(
        keyID: Int64? = nil,
        teamID: Int64? = nil,
        model: String? = nil,
        tier: String? = nil,
        upstreamRequestID: String? = nil,
        taskID: UUID? = nil,
        cost: Decimal = 0
    ) {
        self.keyID = keyID
        self.teamID = teamID
        self.model = model
        self.tier = tier
        self.upstreamRequestID = upstreamRequestID
        self.taskID = taskID
        self.cost = cost
    }
}
