import Foundation

/// A submission whose outcome is not recorded: the call is in flight, got no answer, or a crash interrupted it.
public struct OpenSubmission: Sendable, Equatable {
    public var callID: Int64
    public var taskID: UUID
    public var startedAt: Date
}
