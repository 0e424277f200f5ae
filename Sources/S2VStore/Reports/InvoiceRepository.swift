import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Monthly billing statements, read from `invoice_lines`: the rollup the ledger's trigger maintains in the
/// transaction of every charge and capture. A statement never scans the ledger.
public struct InvoiceRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The statement for `month`; with `teamID`, for that team only. With `splitByTag`, a chargeback statement:
    /// each team's lines are split further by the value of that tag key (`""` for charges without it), and
    /// each team's lines still add up exactly to its statement without the split, since both sum the same rows.
    public func statement(
        month: BillingMonth,
        teamID: Int64? = nil,
        splitByTag tagKey: String? = nil,
        logger: Logger
    ) async throws -> InvoiceStatement {
        if let tagKey { try CostTags.Rules.check(key: tagKey) }
        // The billing lines keep each tag set apart; a statement adds them up per line, or per tag value.
        let rows = try await self.client.query(
            """
            SELECT i.team_id, t.name, i.model, i.tier, i.price_id, p.effective_from, p.unit, p.unit_price, p.currency,
                   i.conservative, sum(i.items)::bigint, sum(i.quantity), sum(i.amount), s.value
            FROM invoice_lines i JOIN teams t ON t.id = i.team_id JOIN prices p ON p.id = i.price_id
            CROSS JOIN LATERAL (SELECT coalesce(i.tags ->> \(tagKey)::text, '') AS value) s
            WHERE i.month = \(month.firstDay)::date AND (\(teamID)::bigint IS NULL OR i.team_id = \(teamID))
            GROUP BY i.team_id, t.name, i.model, i.tier, i.price_id, p.effective_from, p.unit, p.unit_price,
                     p.currency, i.conservative, s.value
            ORDER BY t.name, i.team_id, s.value = '', s.value, i.model, i.tier, p.effective_from, i.conservative
            """,
            logger: logger
        )
        var lines: [InvoiceLine] = []
        let columns = rows.decode(
            (
                Int64, String, String, String, Int64, Date, String, Decimal, String, Bool, Int64, Decimal, Decimal,
                String
            ).self
        )
        for try await (
            teamID, team, model, tier, priceID, effective, unit, unitPrice, currency, conservative, items,
            quantity, amount, tagValue
        ) in columns {
            lines.append(
                InvoiceLine(
                    teamID: teamID,
                    team: team,
                    model: model,
                    tier: tier,
                    priceID: priceID,
                    priceEffectiveFrom: effective,
                    unit: unit,
                    unitPrice: unitPrice,
                    currency: currency,
                    conservative: conservative,
                    items: items,
                    quantity: quantity,
                    amount: amount,
                    tagValue: tagValue
                )
            )
        }
        var currency = lines.first?.currency ?? ""
        if currency.isEmpty { currency = try await self.priceBookCurrency(logger: logger) }
        return InvoiceStatement(month: month, currency: currency, lines: lines, splitTagKey: tagKey)
    }

    private func priceBookCurrency(logger: Logger) async throws -> String {
        let rows = try await self.client.query("SELECT currency FROM prices ORDER BY id LIMIT 1", logger: logger)
        for try await currency in rows.decode(String.self) { return currency }
        return "USD"
    }
}
