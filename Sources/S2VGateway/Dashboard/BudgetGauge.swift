import Foundation
import S2VCore
import S2VReports
import S2VStore

/// One budget's gauge for its current period: an SVG bar of spent and held against the limit, with the figures
/// (limit, spent, held, remaining, % used) as text.
struct BudgetGauge {
    let status: BudgetStatus

    static let width = 420.0
    static let height = 22.0

    func render() -> String {
        let budget = self.status.budget
        let currency = HTMLText.escape(budget.currency)
        let limit = budget.limit
        let used = self.status.spent + self.status.held
        let scale = limit > 0 ? limit : max(used, 1)
        let spentWidth = Self.width * min(self.status.spent.pixelValue / scale.pixelValue, 1)
        let heldWidth = min(Self.width * self.status.held.pixelValue / scale.pixelValue, Self.width - spentWidth)
        let percent = self.status.percentUsed.map { "\($0.fixed(2)) %" } ?? "–"
        let level =
            switch self.status.percentUsed {
            case .some(let value) where value >= 100: "full"
            case .some(let value) where value >= 80: "high"
            default: "ok"
            }
        let scope = HTMLText.escape(budget.scopeDescription)
        let period =
            "\(budget.period.rawValue), from \(self.status.periodStart.utcText) UTC"
            + (self.status.periodEnd.map { " to \($0.utcText) UTC" } ?? "")
        return """
            <div class="gauge \(level)" data-budget="\(budget.id)">
            <h3>Budget \(budget.id) · \(scope)</h3>
            <p class="period">\(period) (\(HTMLText.escape(budget.timezone)))</p>
            <svg class="gauge-bar" role="img" aria-labelledby="budget-\(budget.id)-title" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" xmlns="http://www.w3.org/2000/svg">
            <title id="budget-\(budget.id)-title">Budget \(budget.id): \(percent) used of \(limit.fixed(2)) \(currency)</title>
            <rect class="gauge-track" x="0" y="0" width="\(Self.width.svg)" height="\(Self.height.svg)"/>
            <rect class="gauge-spent" x="0" y="0" width="\(spentWidth.svg)" height="\(Self.height.svg)"/>
            <rect class="gauge-held" x="\(spentWidth.svg)" y="0" width="\(max(heldWidth, 0).svg)" height="\(Self.height.svg)"/>
            </svg>
            <table class="figures">
            <tr><th>Limit</th><td>\(limit.fixed(4)) \(currency)</td></tr>
            <tr><th>Spent</th><td>\(self.status.spent.fixed(4)) \(currency)</td></tr>
            <tr><th>Held</th><td>\(self.status.held.fixed(4)) \(currency)</td></tr>
            <tr><th>Remaining</th><td>\(self.status.remaining.fixed(4)) \(currency)</td></tr>
            <tr><th>Used</th><td>\(percent)</td></tr>
            </table>
            </div>
            """
    }
}
