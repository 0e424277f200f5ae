import Foundation

/// One team's spend over a range of UTC days, from the daily rollup.
public struct TeamSpend: Sendable, Equatable {
    public var teamName: String
    public var cost: Decimal
    public var calls: Int64

    public init(teamName: String, cost: Decimal, calls: Int64) {
        self.teamName = teamName
        self.cost = cost
        self.calls = calls
    }
}
