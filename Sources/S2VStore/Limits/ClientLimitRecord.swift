import Foundation

/// A stored client limit, with the name of whom it applies to.
public struct ClientLimitRecord: Sendable, Equatable {
    public var scope: ClientLimitScope
    /// The team's name, or the key's team and label.
    public var subject: String
    public var limits: ClientLimits
    public var updatedAt: Date
}
