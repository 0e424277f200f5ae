import Foundation
import S2VCore
import S2VReports
import S2VStore

/// Spend per UTC day as an inline SVG bar chart: one bar per day with an accessible `<title>`, a value axis
/// with exact tick labels, day labels, and the value above each bar when there are few enough to read.
struct DailySpendChart {
    let days: [DailySpend]
    let currency: String

    static let width = 960.0
    static let height = 300.0
    static let left = 84.0
    static let right = 12.0
    static let top = 16.0
    static let bottom = 64.0
    /// Above this many days, values are in the bars' titles only.
    static let labelledBars = 31

    func render() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let scale = ChartScale(maximum: self.days.map(\.cost).max() ?? 0)
        let currency = HTMLText.escape(self.currency)
        let first = self.days.first?.day ?? ""
        let last = self.days.last?.day ?? ""
        var svg = """
            <svg class="chart" id="daily-chart" role="img" aria-labelledby="daily-chart-title" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" xmlns="http://www.w3.org/2000/svg">
            <title id="daily-chart-title">Spend per UTC day from \(first) to \(last), in \(currency)</title>

            """
        for tick in scale.ticks {
            let y = Self.top + plotHeight - scale.position(of: tick, length: plotHeight)
            svg += """
                <line class="grid" x1="\(Self.left.svg)" y1="\(y.svg)" x2="\((Self.left + plotWidth).svg)" y2="\(y.svg)"/>\
                <text class="tick" x="\((Self.left - 6).svg)" y="\((y + 4).svg)" text-anchor="end">\(tick.fixed(scale.decimals))</text>

                """
        }
        let slot = plotWidth / Double(max(self.days.count, 1))
        let labelEvery = max(1, Int((Double(self.days.count) / 15).rounded(.up)))
        for (index, day) in self.days.enumerated() {
            let barHeight = scale.position(of: day.cost, length: plotHeight)
            let x = Self.left + Double(index) * slot + slot * 0.1
            let y = Self.top + plotHeight - barHeight
            let centre = x + slot * 0.4
            let title = "\(day.day): \(day.cost.fixed(4)) \(currency), \(day.calls) calls"
            svg += """
                <rect class="bar" x="\(x.svg)" y="\(y.svg)" width="\((slot * 0.8).svg)" height="\(barHeight.svg)">\
                <title>\(title)</title></rect>

                """
            if self.days.count <= Self.labelledBars, day.cost > 0 {
                svg += """
                    <text class="value" x="\(centre.svg)" y="\((y - 4).svg)" text-anchor="start" \
                    transform="rotate(-90 \(centre.svg) \((y - 4).svg))">\(day.cost.fixed(4))</text>

                    """
            }
            if index % labelEvery == 0 || index == self.days.count - 1 {
                let labelY = Self.top + plotHeight + 14
                svg += """
                    <text class="tick" x="\(centre.svg)" y="\(labelY.svg)" text-anchor="end" \
                    transform="rotate(-45 \(centre.svg) \(labelY.svg))">\(day.day.dropFirst(5))</text>

                    """
            }
        }
        svg += """
            <line class="axis" x1="\(Self.left.svg)" y1="\((Self.top + plotHeight).svg)" x2="\((Self.left + plotWidth).svg)" \
            y2="\((Self.top + plotHeight).svg)"/>
            <text class="axis-label" x="14" y="\((Self.top + plotHeight / 2).svg)" text-anchor="middle" \
            transform="rotate(-90 14 \((Self.top + plotHeight / 2).svg))">\(currency) per day</text>
            <text class="axis-label" x="\((Self.left + plotWidth / 2).svg)" y="\((Self.height - 4).svg)" \
            text-anchor="middle">UTC day (of admission)</text>
            </svg>
            """
        return svg
    }
}
