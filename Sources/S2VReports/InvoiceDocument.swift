import Foundation
import S2VCore
import S2VStore

/// A monthly billing statement as JSON, CSV, a text table or a printable HTML page. Every amount is exact:
/// quantity × unit price = amount on every line, and the totals are the sums of the lines.
public struct InvoiceDocument: ReportDocument {
    public var statement: InvoiceStatement

    public init(statement: InvoiceStatement) {
        self.statement = statement
    }

    /// Charges belong to the month their call or task was admitted (UTC).
    public static let attribution = "admission"

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(InvoiceJSON(self.statement)), as: UTF8.self)
    }

    public var csvHeader: [String] {
        [
            "month", "team", "model", "tier", "unit", "quantity", "unit_price", "amount", "currency",
            "items", "price_id", "price_effective_from", "conservative",
        ]
    }

    /// One CSV row per line; the total is the sum of the `amount` column.
    public var csvRows: [[String]] {
        self.statement.teams.flatMap(\.lines).map { line in
            [
                self.statement.month.description, line.team, line.model, line.tier, line.unit,
                line.quantity.exactString,
                line.unitPrice.exactString, line.amount.exactString, line.currency, String(line.items),
                String(line.priceID),
                ReportTime.instant(line.priceEffectiveFrom), line.conservative ? "true" : "false",
            ]
        }
    }

    public func table() -> String {
        let statement = self.statement
        var text = "statement for \(statement.month) (UTC month, by admission time), in \(statement.currency)\n"
        if statement.teams.isEmpty {
            return text + "\nno charges\n"
        }
        for team in statement.teams {
            let rows =
                team.lines.map { line in
                    [
                        line.model, line.tier.isEmpty ? "-" : line.tier, line.quantity.exactString + " " + line.unit,
                        line.unitPrice.exactString, line.amount.exactString, "v\(line.priceID)",
                        line.conservative ? "CONSERVATIVE" : "",
                    ]
                } + [["", "", "", "total", team.total.exactString, "", ""]]
            text += "\nteam \(team.team)\n"
            text +=
                TextTable(
                    header: ["MODEL", "TIER", "QUANTITY", "UNIT PRICE", "AMOUNT", "PRICE", "FLAG"],
                    rows: rows,
                    rightAligned: [2, 3, 4]
                ).render() + "\n"
        }
        text += "\ntotal \(statement.total.exactString) \(statement.currency)"
        if statement.conservativeTotal > 0 {
            text +=
                ", of which \(statement.conservativeTotal.exactString) charged conservatively (tasks the upstream forgot; review them)"
        }
        return text + "\n"
    }

    /// The statement as a printable page.
    public func html() -> String {
        InvoicePage(statement: self.statement).render()
    }
}
