import Foundation
import S2VCore
import S2VReports

/// The dashboard itself, rendered on the server: spend per day and per team as SVG charts, the budgets'
/// gauges, and the latest calls.
struct DashboardPage {
    let content: DashboardContent

    /// The ranges offered as links, in days.
    static let ranges = [7, 30, 90, 366]

    func render() -> String {
        let content = self.content
        let currency = HTMLText.escape(content.currency)
        let tagParameter = content.tagKey.map { "&amp;tag=\(HTMLText.escape($0))" } ?? ""
        let ranges = Self.ranges.map { days in
            let current = days == content.days ? #" class="current" aria-current="page""# : ""
            return #"<a href="/dashboard?days=\#(days)\#(tagParameter)"\#(current)>\#(days) days</a>"#
        }.joined(separator: " ")
        let gauges =
            content.budgets.isEmpty
            ? #"<p class="empty">No budgets.</p>"#
            : #"<div class="gauges">"#
                + content.budgets.map { BudgetGauge(status: $0).render() }.joined(separator: "\n") + "</div>"
        let body = """
            <header>
            <h1>s2v-meter dashboard</h1>
            <p class="muted">Signed in with \(content.audience)</p>
            <form class="sign-out" method="post" action="/dashboard/logout"><button type="submit">Sign out</button></form>
            </header>
            <nav>Range: \(ranges)</nav>
            <section id="spend-per-day">
            <h2>Spend per day</h2>
            \(DailySpendChart(days: content.daily, currency: content.currency).render())
            <p>Total over the last \(content.days) UTC days: <strong id="range-total">\(content.total.fixed(4)) \(currency)</strong></p>
            </section>
            <section id="spend-per-team">
            <h2>Spend per team</h2>
            \(TeamSpendChart(teams: content.teams, currency: content.currency, days: content.days).render())
            </section>
            <section id="spend-per-tag">
            <h2>Spend by tag</h2>
            \(TagSpendTable(content: content).render())
            </section>
            <section id="budgets">
            <h2>Budgets, this period</h2>
            \(gauges)
            </section>
            <section id="recent-calls">
            <h2>Recent calls</h2>
            \(RecentCallsTable(calls: content.calls, currency: content.currency).render())
            </section>
            <footer><p>Spend is read from the daily rollup and belongs to the UTC day a call was admitted. \
            Amounts are exact and rounded for display only. Generated \(content.generatedAt.utcText) UTC.</p></footer>
            """
        return DashboardLayout.document(title: "s2v-meter dashboard", body: body)
    }
}
