import Foundation
import S2VCore
import S2VReports
import S2VStore

/// Spend per team over the range as an inline SVG chart of horizontal bars: the team's name, its bar with an
/// accessible `<title>`, and its amount.
struct TeamSpendChart {
    let teams: [TeamSpend]
    let currency: String
    let days: Int

    static let width = 960.0
    static let left = 180.0
    static let right = 150.0
    static let top = 12.0
    static let row = 30.0
    static let bottom = 44.0

    func render() -> String {
        let currency = HTMLText.escape(self.currency)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.row * Double(max(self.teams.count, 1))
        let height = Self.top + plotHeight + Self.bottom
        let scale = ChartScale(maximum: self.teams.map(\.cost).max() ?? 0)
        var svg = """
            <svg class="chart" id="team-chart" role="img" aria-labelledby="team-chart-title" \
            viewBox="0 0 \(Int(Self.width)) \(Int(height))" xmlns="http://www.w3.org/2000/svg">
            <title id="team-chart-title">Spend per team over the last \(self.days) UTC days, in \(currency)</title>

            """
        for tick in scale.ticks {
            let x = Self.left + scale.position(of: tick, length: plotWidth)
            svg += """
                <line class="grid" x1="\(x.svg)" y1="\(Self.top.svg)" x2="\(x.svg)" y2="\((Self.top + plotHeight).svg)"/>\
                <text class="tick" x="\(x.svg)" y="\((Self.top + plotHeight + 16).svg)" text-anchor="middle">\(tick.fixed(scale.decimals))</text>

                """
        }
        if self.teams.isEmpty {
            svg += """
                <text class="empty" x="\((Self.left + 8).svg)" y="\((Self.top + Self.row * 0.6).svg)">No spend in this range.</text>

                """
        }
        for (index, team) in self.teams.enumerated() {
            let name = HTMLText.escape(team.teamName)
            let y = Self.top + Double(index) * Self.row
            let barWidth = scale.position(of: team.cost, length: plotWidth)
            let middle = y + Self.row / 2 + 4
            svg += """
                <text class="team" x="\((Self.left - 8).svg)" y="\(middle.svg)" text-anchor="end">\(name)</text>\
                <rect class="bar" x="\(Self.left.svg)" y="\((y + 5).svg)" width="\(barWidth.svg)" height="\((Self.row - 10).svg)">\
                <title>\(name): \(team.cost.fixed(4)) \(currency), \(team.calls) calls</title></rect>\
                <text class="value" x="\((Self.left + barWidth + 6).svg)" y="\(middle.svg)">\(team.cost.fixed(4)) \(currency)</text>

                """
        }
        svg += """
            <line class="axis" x1="\(Self.left.svg)" y1="\(Self.top.svg)" x2="\(Self.left.svg)" y2="\((Self.top + plotHeight).svg)"/>
            <text class="axis-label" x="\((Self.left + plotWidth / 2).svg)" y="\((height - 4).svg)" \
            text-anchor="middle">\(currency), last \(self.days) UTC days</text>
            </svg>
            """
        return svg
    }
}
