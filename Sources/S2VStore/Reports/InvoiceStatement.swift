import Foundation

/// A monthly billing statement: every team's charges for the calls and tasks admitted in one UTC month.
public struct InvoiceStatement: Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: BillingMonth
    public var currency: String
    public var teams: [TeamInvoice]
    /// The tag key a chargeback statement splits each team by; nil for a plain statement.
    public var splitTagKey: String?

    /// Builds the statement from lines ordered by team (and, when split, by tag value, untagged last).
    public init(month: BillingMonth, currency: String, lines: [InvoiceLine], splitTagKey: String? = nil) {
        self.month = month
        self.currency = currency
        self.splitTagKey = splitTagKey
        var teams: [TeamInvoice] = []
        for line in lines {
            if teams.last?.teamID == line.teamID {
                teams[teams.count - 1].lines.append(line)
            } else {
                teams.append(TeamInvoice(teamID: line.teamID, team: line.team, lines: [line]))
            }
        }
        self.teams = teams
    }

    /// Every team's total, exact.
    public var total: Decimal { self.teams.reduce(0) { $0 + $1.total } }

    /// The conservative part of the total.
    public var conservativeTotal: Decimal { self.teams.reduce(0) { $0 + $1.conservativeTotal } }

    /// Every price version the statement uses, by id.
    public var pricesUsed: [InvoiceLine] {
        var seen = Set<Int64>()
        return self.teams.flatMap(\.lines).filter { seen.insert($0.priceID).inserted }.sorted {
            $0.priceID < $1.priceID
        }
    }
}
