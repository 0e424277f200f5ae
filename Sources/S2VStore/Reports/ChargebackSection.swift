import Foundation

/// The part of a team's chargeback statement with one value of the split's tag key.
public struct ChargebackSection: Sendable, Equatable {
    /// The tag's value; `""` for the team's charges without the tag.
    public var tagValue: String
    public var lines: [InvoiceLine]

    public var isUntagged: Bool { self.tagValue.isEmpty }

    /// The sum of the lines' amounts, exact.
    public var total: Decimal { self.lines.reduce(0) { $0 + $1.amount } }

    /// The part of the total charged conservatively, for review.
    public var conservativeTotal: Decimal { self.lines.filter(\.conservative).reduce(0) { $0 + $1.amount } }
}
