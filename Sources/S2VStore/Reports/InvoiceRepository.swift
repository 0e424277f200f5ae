import Foundation
import Logging
import PostgresNIO

/// Monthly billing statements, read from `invoice_lines`: the rollup the ledger's trigger maintains in the
/// transaction of every charge and capture. A statement never scans the ledger.
public struct InvoiceRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The statement for `month`; with `teamID`, for that team only.
    public func statement(month: BillingMonth, teamID: Int64? = nil, logger: Logger) async throws -> InvoiceStatement {
        let rows = try await self.client.query(
            """
            SELECT i.team_id, t.name, i.model, i.tier, i.price_id, p.effective_from, p.unit, p.unit_price, p.currency,
                   i.conservative, i.items, i.quantity, i.amount
            FROM invoice_lines i JOIN teams t ON t.id = i.team_id JOIN prices p ON p.id = i.price_id
            WHERE i.month = \(month.firstDay)::date AND (\(teamID)::bigint IS NULL OR i.team_id = \(teamID))
            ORDER BY t.name, i.team_id, i.model, i.tier, p.effective_from, i.conservative
            """,
            logger: logger
        )
        var lines: [InvoiceLine] = []
        let columns = rows.decode(
            (Int64, String, String, String, Int64, Date, String, Decimal, String, Bool, Int64, Decimal, Decimal).self
        )
        for try await (
            teamID, team, model, tier, priceID, effective, unit, unitPrice, currency, conservative, items,
            quantity, amount
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
                    amount: amount
                )
            )
        }
        var currency = lines.first?.currency ?? ""
        if currency.isEmpty { currency = try await self.priceBookCurrency(logger: logger) }
        return InvoiceStatement(month: month, currency: currency, lines: lines)
    }

    private func priceBookCurrency(logger: Logger) async throws -> String {
        let rows = try await self.client.query("SELECT currency FROM prices ORDER BY id LIMIT 1", logger: logger)
        for try await currency in rows.decode(String.self) { return currency }
        return "USD"
    }
}
