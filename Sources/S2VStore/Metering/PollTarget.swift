import Foundation
import S2VCore

/// A submitted task whose turn to be queried upstream has come.
public struct PollTarget: Sendable, Equatable {
    public var taskID: UUID
    public var account: String
    public var upstreamTaskID: String
    public var submittedAt: Date
    /// The model's usage fields that carry the billed seconds, and the one that reports the billed tier.
    public var billedUsageFields: [String]
    public var reportedTierField: String?

    /// Reads what the upstream billed from a finished task's `usage`, by the model's catalog fields.
    public func billed(_ usage: JSONValue?) -> BilledUsage {
        BilledUsage(usage: usage, billedFields: self.billedUsageFields, reportedTierField: self.reportedTierField)
    }
}
