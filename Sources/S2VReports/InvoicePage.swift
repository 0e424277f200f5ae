import Foundation
import S2VCore
import S2VStore

/// A statement as a self-contained HTML page, laid out to print on A4 or Letter: one section per team, the
/// price versions used and the flagged conservative charges. No scripts, no outside resources.
struct InvoicePage {
    var statement: InvoiceStatement

    func render() -> String {
        let statement = self.statement
        let title = "s2v-meter statement \(statement.month)"
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #111; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; page-break-after: avoid; }
            table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
            th, td { padding: .3em .6em; border-bottom: 1px solid #ccc; text-align: left; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr.total td { font-weight: bold; border-top: 2px solid #111; }
            tr.subtotal td { font-weight: bold; } h3.tag { font-size: 1em; margin: 1.2em 0 .3em; }
            .flag { color: #a40; font-weight: bold; }
            .note { color: #555; }
            @media print { body { margin: 0; max-width: none; } }
            </style></head><body>
            <h1>\(HTMLText.escape(title))</h1>
            <p class="note">Calls and tasks admitted from \(ReportTime.instant(statement.month.start)) to \
            \(ReportTime.instant(statement.month.end)) (UTC, by admission time). Amounts in \
            \(HTMLText.escape(statement.currency)), exact: quantity × unit price = amount.</p>

            """
        if statement.teams.isEmpty {
            html += "<p>No charges this month.</p>\n"
        }
        for team in statement.teams {
            html += self.section(team)
        }
        html += """
            <h2>Total</h2>
            <table><tr class="total"><td>All teams</td><td class="n">\(statement.total.exactString)</td></tr>

            """
        if statement.conservativeTotal > 0 {
            html += """
                <tr><td class="flag">of which charged conservatively (tasks the upstream forgot; review them)</td>\
                <td class="n flag">\(statement.conservativeTotal.exactString)</td></tr>

                """
        }
        html += "</table>\n" + self.prices() + "</body></html>\n"
        return html
    }

    private func section(_ team: TeamInvoice) -> String {
        var html = "<h2>Team \(HTMLText.escape(team.team))</h2>\n"
        if let key = self.statement.splitTagKey {
            for section in team.sections {
                let value = section.isUntagged ? "untagged (no \(key) tag)" : "\(key) = \(section.tagValue)"
                html += "<h3 class=\"tag\">\(HTMLText.escape(value))</h3>\n"
                html += self.table(
                    section.lines,
                    total: section.total,
                    label: "Subtotal for \(value)",
                    totalClass: "subtotal"
                )
            }
        }
        html += self.table(
            self.statement.splitTagKey == nil ? team.lines : [],
            total: team.total,
            label: "Total for \(team.team)",
            totalClass: "total"
        )
        return html
    }

    /// Lines and their total; only the total row when `lines` is empty.
    private func table(_ lines: [InvoiceLine], total: Decimal, label: String, totalClass: String) -> String {
        var html = "<table>"
        if !lines.isEmpty {
            html += """
                <tr><th>Model</th><th>Tier</th><th class="n">Quantity</th><th class="n">Unit price</th>\
                <th class="n">Amount</th><th>Price version</th><th></th></tr>

                """
        }
        for line in lines {
            let flag = line.conservative ? "<span class=\"flag\">conservative</span>" : ""
            html += """
                <tr class="line"><td>\(HTMLText.escape(line.model))</td><td>\(HTMLText.escape(line.tier.isEmpty ? "–" : line.tier))</td>\
                <td class="n">\(line.quantity.exactString) \(HTMLText.escape(line.unit))</td>\
                <td class="n">\(line.unitPrice.exactString)</td><td class="n amount">\(line.amount.exactString)</td>\
                <td>v\(line.priceID)</td><td>\(flag)</td></tr>

                """
        }
        html += """
            <tr class="\(totalClass)"><td colspan="4">\(HTMLText.escape(label))</td>\
            <td class="n">\(total.exactString)</td><td colspan="2"></td></tr></table>

            """
        return html
    }

    private func prices() -> String {
        let prices = self.statement.pricesUsed
        guard !prices.isEmpty else { return "" }
        var html = """
            <h2>Price versions used</h2>
            <table><tr><th>Version</th><th>Model</th><th>Tier</th><th class="n">Unit price</th><th>Effective from</th></tr>

            """
        for price in prices {
            html += """
                <tr><td>v\(price.priceID)</td><td>\(HTMLText.escape(price.model))</td>\
                <td>\(HTMLText.escape(price.tier.isEmpty ? "–" : price.tier))</td>\
                <td class="n">\(price.unitPrice.exactString) / \(HTMLText.escape(price.unit))</td>\
                <td>\(ReportTime.instant(price.priceEffectiveFrom))</td></tr>

                """
        }
        return html + "</table>\n"
    }
}
