import Foundation

/// What a listing of admin changes is narrowed to; every field is optional.
public struct ChangeFilter: Sendable, Equatable {
    public var teamID: Int64?
    /// One of ``objects``.
    public var object: String?

    /// The kinds of object the audit trail records changes of (`admin_changes.object`).
    public static let objects = ["team", "key", "budget", "price", "limit", "account", "model"]
    public var from: Date?
    public var to: Date?

    public init(teamID: Int64? = nil, object: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.teamID = teamID
        self.object = object
        self.from = from
        self.to = to
    }
}
