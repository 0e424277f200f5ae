import Foundation

/// What an audit listing of calls is narrowed to; every field is optional.
public struct CallFilter: Sendable, Equatable {
    public var teamID: Int64?
    public var keyID: Int64?
    public var model: String?
    public var status: StatusFilter?
    public var errorCode: String?
    /// Calls at or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    public var taskID: UUID?

    public init(
        teamID: Int64? = nil,
        keyID: Int64? = nil,
        model: String? = nil,
        status: StatusFilter? = nil,
        errorCode: String? = nil,
        from: Date? = nil,
        to: Date? = nil,
        taskID: UUID? = nil
    ) {
        self.teamID = teamID
        self.keyID = keyID
        self.model = model
        self.status = status
        self.errorCode = errorCode
        self.from = from
        self.to = to
        self.taskID = taskID
    }
}
