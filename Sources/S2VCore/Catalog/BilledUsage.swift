import Foundation

/// What a finished task's `usage` says the upstream billed, read by the model's catalog fields.
public struct BilledUsage: Sendable, Equatable {
    /// The billed seconds: the first of the model's billed usage fields present as a number; nil when none is.
    public var seconds: Decimal?
    /// The tier the upstream reports (emo-v1's `video_ratio`); nil when the model has no such field or it is absent.
    public var reportedTier: String?

    public init(seconds: Decimal?, reportedTier: String?) {
        self.seconds = seconds
        self.reportedTier = reportedTier
    }

    /// Reads `usage` (the task's `usage` object) with `spec`'s fields.
    public init(usage: JSONValue?, billedFields: [String], reportedTierField: String?) {
        self.seconds = billedFields.lazy.compactMap { usage?[$0]?.decimalValue }.first
        self.reportedTier = reportedTierField.flatMap { usage?[$0]?.stringValue }
    }
}
