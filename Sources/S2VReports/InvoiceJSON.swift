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
        var lines: [Line]
        var total: Total
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
    var period: Period
    var attributedBy: String
    var teams: [Team]
    var prices: [Price]
    var total: Total

    enum CodingKeys: String, CodingKey {
        case month, period, teams, prices, total
        case attributedBy = "attributed_by"
    }

    init(_ statement: InvoiceStatement) {
        self.month = statement.month.description
        self.period = Period(
            from: ReportTime.instant(statement.month.start),
            to: ReportTime.instant(statement.month.end)
        )
        self.attributedBy = InvoiceDocument.attribution
        self.teams = statement.teams.map { team in
            Team(
                team: team.team,
                lines: team.lines.map { line in
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
                },
                total: Total(
                    cost: team.total.exactString,
                    conservativeCost: team.conservativeTotal.exactString,
                    currency: statement.currency
                )
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
