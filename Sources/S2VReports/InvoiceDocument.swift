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

    /// In a chargeback statement, a `tag:KEY` column after `team`: the tag's value, empty for untagged charges.
    public var csvHeader: [String] {
        ["month", "team"] + (self.splitColumn.map { [$0] } ?? []) + [
            "model", "tier", "unit", "quantity", "unit_price", "amount", "currency",
            "items", "price_id", "price_effective_from", "conservative",
        ]
    }

    /// One CSV row per line; the total is the sum of the `amount` column.
    public var csvRows: [[String]] {
        self.statement.teams.flatMap(\.lines).map { line in
            [
                self.statement.month.description, line.team,
            ] + (self.splitColumn == nil ? [] : [line.tagValue]) + [
                line.model, line.tier, line.unit,
                line.quantity.exactString,
                line.unitPrice.exactString, line.amount.exactString, line.currency, String(line.items),
                String(line.priceID),
                ReportTime.instant(line.priceEffectiveFrom), line.conservative ? "true" : "false",
            ]
        }
    }

    /// `tag:KEY` when the statement is split by a tag.
    var splitColumn: String? { self.statement.splitTagKey.map { "tag:\($0)" } }

    public func table() -> String {
        let statement = self.statement
        var text = "statement for \(statement.month) (UTC month, by admission time), in \(statement.currency)\n"
        if statement.teams.isEmpty {
            return text + "\nno charges\n"
        }
        for team in statement.teams {
            text += "\nteam \(team.team)\n" + self.table(of: team) + "\n"
        }
        text += "\ntotal \(statement.total.exactString) \(statement.currency)"
        if statement.conservativeTotal > 0 {
            text +=
                ", of which \(statement.conservativeTotal.exactString) charged conservatively (tasks the upstream forgot; review them)"
        }
        return text + "\n"
    }

    /// A team's lines; in a chargeback statement, a first column with the tag's value and each value's
    /// subtotal after its lines.
    private func table(of team: TeamInvoice) -> String {
        func row(_ line: InvoiceLine) -> [String] {
            [
                line.model, line.tier.isEmpty ? "-" : line.tier, line.quantity.exactString + " " + line.unit,
                line.unitPrice.exactString, line.amount.exactString, "v\(line.priceID)",
                line.conservative ? "CONSERVATIVE" : "",
            ]
        }
        let header = ["MODEL", "TIER", "QUANTITY", "UNIT PRICE", "AMOUNT", "PRICE", "FLAG"]
        guard let column = self.splitColumn else {
            let rows = team.lines.map(row) + [["", "", "", "total", team.total.exactString, "", ""]]
            return TextTable(header: header, rows: rows, rightAligned: [2, 3, 4]).render()
        }
        var rows: [[String]] = []
        for section in team.sections {
            let value = section.isUntagged ? "(untagged)" : section.tagValue
            rows += section.lines.map { [value] + row($0) }
            rows.append(["", "", "", "", "subtotal", section.total.exactString, "", ""])
        }
        rows.append(["", "", "", "", "total", team.total.exactString, "", ""])
        return TextTable(header: [column.uppercased()] + header, rows: rows, rightAligned: [3, 4, 5]).render()
    }

    /// The statement as a printable page.
    public func html() -> String {
        InvoicePage(statement: self.statement).render()
    }
}
