import Foundation

/// What a listing of admin changes is narrowed to; every field is optional.
public struct ChangeFilter: Sendable, Equatable {
    public var teamID: Int64?
    /// `team`, `key`, `budget`, `price`, `limit` or `account`.
    public var object: String?
    public var from: Date?
    public var to: Date?

    public init(teamID: Int64? = nil, object: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.teamID = teamID
        self.object = object
        self.from = from
        self.to = to
    }
}
