import Foundation

/// One row of the audit trail: a client request as the call log recorded it, with its team's name and its
/// key's prefix (never the key).
public struct AuditedCall: Sendable, Equatable {
    /// The call log's id; pages continue below the last id seen.
    public var id: Int64
    public var team: String?
    public var keyPrefix: String?
    public var call: CallRecord
}
