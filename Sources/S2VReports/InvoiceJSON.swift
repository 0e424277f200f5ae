import Foundation
import S2VCore
import S2VStore

/// The JSON shape of a statement: amounts as exact decimal strings.
struct InvoiceJSON: Encodable {
    struct Line: Encodable {
        var model: String
        var tier: String
        var unit: String
        var quantity: String
        var unitPrice: String
        var amount: String
        var items: Int64
        var priceID: Int64
        var conservative: Bool
        enum CodingKeys: String, CodingKey {
            case model, tier, unit, quantity, amount, items, conservative
            case unitPrice = "unit_price"
            case priceID = "price_id"
        }
    }

    struct Total: Encodable {
        var cost: String
        var conservativeCost: String
        var currency: String
        enum CodingKeys: String, CodingKey {
            case cost, currency
            case conservativeCost = "conservative_cost"
        }
    }

    struct Team: Encodable {
        var team: String
        /// A plain statement's lines; nil in a chargeback statement, whose lines are in its sections.
        var lines: [Line]?
        var sections: [Section]?
        var total: Total
    }

    /// One tag value's part of a team in a chargeback statement. `tag_value` is `""` and `untagged` true for
    /// the team's charges without the tag.
    struct Section: Encodable {
        var tagValue: String
        var untagged: Bool
        var lines: [Line]
        var total: Total
        enum CodingKeys: String, CodingKey {
            case untagged, lines, total
            case tagValue = "tag_value"
        }
    }

    struct Price: Encodable {
        var id: Int64
        var model: String
        var tier: String
        var unit: String
        var unitPrice: String
        var currency: String
        var effectiveFrom: String
        enum CodingKeys: String, CodingKey {
            case id, model, tier, unit, currency
            case unitPrice = "unit_price"
            case effectiveFrom = "effective_from"
        }
    }

    struct Period: Encodable {
        var from: String
        var to: String
    }

    var month: String
    /// `tag:KEY` in a chargeback statement.
    var split: String?
    var period: Period
    var attributedBy: String
    var teams: [Team]
    var prices: [Price]
    var total: Total

    enum CodingKeys: String, CodingKey {
        case month, split, period, teams, prices, total
        case attributedBy = "attributed_by"
    }

    init(_ statement: InvoiceStatement) {
        self.month = statement.month.description
        self.split = statement.splitTagKey.map { "tag:\($0)" }
        let currency = statement.currency
        func total(_ cost: Decimal, conservative: Decimal) -> Total {
            Total(cost: cost.exactString, conservativeCost: conservative.exactString, currency: currency)
        }
        func lines(_ lines: [InvoiceLine]) -> [Line] {
            lines.map { line in
                Line(
                    model: line.model,
                    tier: line.tier,
                    unit: line.unit,
                    quantity: line.quantity.exactString,
                    unitPrice: line.unitPrice.exactString,
                    amount: line.amount.exactString,
                    items: line.items,
                    priceID: line.priceID,
                    conservative: line.conservative
                )
            }
        }
        let split = statement.splitTagKey != nil
        self.period = Period(
            from: ReportTime.instant(statement.month.start),
            to: ReportTime.instant(statement.month.end)
        )
        self.attributedBy = InvoiceDocument.attribution
        self.teams = statement.teams.map { team in
            Team(
                team: team.team,
                lines: split ? nil : lines(team.lines),
                sections: split
                    ? team.sections.map { section in
                        Section(
                            tagValue: section.tagValue,
                            untagged: section.isUntagged,
                            lines: lines(section.lines),
                            total: total(section.total, conservative: section.conservativeTotal)
                        )
                    } : nil,
                total: total(team.total, conservative: team.conservativeTotal)
            )
        }
        self.prices = statement.pricesUsed.map { line in
            Price(
                id: line.priceID,
                model: line.model,
                tier: line.tier,
                unit: line.unit,
                unitPrice: line.unitPrice.exactString,
                currency: line.currency,
                effectiveFrom: ReportTime.instant(line.priceEffectiveFrom)
            )
        }
        self.total = Total(
            cost: statement.total.exactString,
            conservativeCost: statement.conservativeTotal.exactString,
            currency: statement.currency
        )
    }
}
