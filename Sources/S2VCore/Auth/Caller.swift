/// Who is calling: the gateway key that authenticated the request and its team.
public struct Caller: Sendable, Equatable {
    public var keyID: Int64
    /// nil for an admin key that belongs to no team.
    public var teamID: Int64?
    public var teamName: String?
    public var isAdmin: Bool

    public init(keyID: Int64, teamID: Int64?, teamName: String?, isAdmin: Bool) {
        self.keyID = keyID
        self.teamID = teamID
        self.teamName = teamName
        self.isAdmin = isAdmin
    }
}
