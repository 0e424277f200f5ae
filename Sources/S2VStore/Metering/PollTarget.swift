import Foundation

/// A submitted task whose turn to be queried upstream has come.
public struct PollTarget: Sendable, Equatable {
    public var taskID: UUID
    public var account: String
    public var upstreamTaskID: String
    public var submittedAt: Date
}
