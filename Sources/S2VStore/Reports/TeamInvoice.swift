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

    /// A chargeback statement's sections: the lines of one tag value each, in the lines' order (untagged last).
    public var sections: [ChargebackSection] {
        var sections: [ChargebackSection] = []
        for line in self.lines {
            if sections.last?.tagValue == line.tagValue {
                sections[sections.count - 1].lines.append(line)
            } else {
                sections.append(ChargebackSection(tagValue: line.tagValue, lines: [line]))
            }
        }
        return sections
    }
}
