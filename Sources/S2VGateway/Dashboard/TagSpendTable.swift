import Foundation
import S2VCore
import S2VReports
import S2VStore

/// Spend by the values of one cost-attribution tag over the range: links to the tag keys in use, and for the
/// chosen key a table of its values with the spend without it shown as "(untagged)", adding up to the range's
/// total.
struct TagSpendTable {
    let content: DashboardContent

    func render() -> String {
        let content = self.content
        let currency = HTMLText.escape(content.currency)
        let links = content.tagKeys.map { key in
            let current = key == content.tagKey ? #" class="current" aria-current="page""# : ""
            let escaped = HTMLText.escape(key)
            return #"<a href="/dashboard?days=\#(content.days)&amp;tag=\#(escaped)"\#(current)>\#(escaped)</a>"#
        }
        var html =
            links.isEmpty
            ? #"<p class="empty">No tagged spend in this range.</p>"#
            : "<nav class=\"tag-keys\">Tag: \(links.joined(separator: " "))</nav>"
        guard let key = content.tagKey else {
            return html + (links.isEmpty ? "" : #"<p class="muted">Choose a tag to see spend by its values.</p>"#)
        }
        let escapedKey = HTMLText.escape(key)
        html += """
            <table id="tag-spend"><caption>Spend by \(escapedKey) over the last \(content.days) UTC days, in \
            \(currency)</caption>
            <tr><th>\(escapedKey)</th><th class="number">Calls</th><th class="number">Spend</th></tr>

            """
        for line in content.tagSpend {
            let value = line.tagValue.isEmpty ? "<em>(untagged)</em>" : HTMLText.escape(line.tagValue)
            html += """
                <tr><td>\(value)</td><td class="number">\(line.calls)</td><td class="number">\(line.cost.fixed(4))</td></tr>

                """
        }
        if content.tagSpend.isEmpty {
            html += #"<tr><td colspan="3" class="empty">No spend in this range.</td></tr>"#
        }
        return html + "</table>"
    }
}
