import Foundation

/// One row of the audit trail: a client request as the call log recorded it, with its team's name and its
/// key's prefix (never the key).
public struct AuditedCall: Sendable, Equatable {
    /// The call log's id; pages continue below the last id seen.
    public var id: Int64
    public var requestID: UUID
    public var at: Date
    public var teamID: Int64?
    public var team: String?
    public var keyID: Int64?
    public var keyPrefix: String?
    public var method: String
    public var endpoint: String
    public var model: String?
    public var tier: String?
    public var upstreamRequestID: String?
    public var taskID: UUID?
    public var httpStatus: Int
    public var errorCode: String?
    public var latencyMicroseconds: Int64
    public var cost: Decimal
}
