/// Who is calling: the gateway key that authenticated the request and its team.
public struct Caller: Sendable, Equatable {
    public var keyID: Int64
    /// nil for an admin key that belongs to no team.
    public var teamID: Int64?
    public var teamName: String?
    public var isAdmin: Bool
    /// The key's default cost-attribution tags, on every call it makes.
    public var tags: CostTags
    /// The tag keys the team requires on every call.
    public var requiredTagKeys: [String]

    public init(
        keyID: Int64,
        teamID: Int64?,
        teamName: String?,
        isAdmin: Bool,
        tags: CostTags = CostTags(),
        requiredTagKeys: [String] = []
    ) {
        self.keyID = keyID
        self.teamID = teamID
        self.teamName = teamName
        self.isAdmin = isAdmin
        self.tags = tags
        self.requiredTagKeys = requiredTagKeys
    }

    /// The tags of one call: the key's defaults plus the request's, with every tag key the team requires.
    /// Refuses (400) a request changing a key's tag or missing a required key, before anything is written.
    public func callTags(adding request: CostTags) throws(DomainError) -> CostTags {
        let tags = try self.tags.merging(request: request)
        try tags.requiring(self.requiredTagKeys)
        return tags
    }
}
