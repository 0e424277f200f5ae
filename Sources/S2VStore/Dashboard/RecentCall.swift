import Foundation

/// A call-log row as the dashboard lists it: who, what, the outcome and its cost.
public struct RecentCall: Sendable, Equatable {
    public var at: Date
    /// nil for a request that no key authenticated.
    public var teamName: String?
    public var keyPrefix: String?
    public var method: String
    public var endpoint: String
    public var model: String?
    public var tier: String?
    public var httpStatus: Int
    public var errorCode: String?
    public var cost: Decimal

    public init(
        at: Date,
        teamName: String?,
        keyPrefix: String?,
        method: String,
        endpoint: String,
        model: String?,
        tier: String?,
        httpStatus: Int,
        errorCode: String?,
        cost: Decimal
    ) {
        self.at = at
        self.teamName = teamName
        self.keyPrefix = keyPrefix
        self.method = method
        self.endpoint = endpoint
        self.model = model
        self.tier = tier
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.cost = cost
    }
}
