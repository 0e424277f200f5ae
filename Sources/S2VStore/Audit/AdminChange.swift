import Foundation

/// One admin change: who changed which team, key, budget, price, client limit or upstream account, when, and
/// the row before and after (JSON text; a key's hash is never included).
public struct AdminChange: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// `team`, `key`, `budget`, `price`, `limit` or `account`.
    public var object: String
    public var objectID: String
    /// `create`, `update`, `delete`, `revoke` or `remove`.
    public var action: String
    public var teamID: Int64?
    public var team: String?
    public var before: String?
    public var after: String?
}
