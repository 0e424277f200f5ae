import Foundation

/// One team's part of a monthly statement.
public struct TeamInvoice: Sendable, Equatable {
    public var teamID: Int64
    public var team: String
    public var lines: [InvoiceLine]

    /// The sum of the lines' amounts, exact.
    public var total: Decimal { self.lines.reduce(0) { $0 + $1.amount } }

    /// The part of the total charged conservatively, for review.
    public var conservativeTotal: Decimal { self.lines.filter(\.conservative).reduce(0) { $0 + $1.amount } }
}
