import Foundation
import S2VCore
import S2VStore

/// Budget status: per budget, this period's limit, spent, held, remaining, % used and a forecast to the
/// period's end, as a table, CSV or JSON with exact decimal strings.
public struct BudgetReportDocument: ReportDocument {
    public let statuses: [BudgetStatus]

    public init(statuses: [BudgetStatus]) {
        self.statuses = statuses
    }

    /// The table and its notes, ending in a line break.
    public func table() -> String {
        guard !self.statuses.isEmpty else { return "no budgets: set one with `s2v-meter budgets set`\n" }
        let rows = self.statuses.map { status -> [String] in
            [
                String(status.budget.id), status.budget.scopeDescription, Self.window(status),
                status.budget.limit.exactString, status.spent.exactString, status.held.exactString,
                status.remaining.exactString, status.percentUsed.map { $0.exactString + " %" } ?? "-",
                status.forecast.map { $0.exactString + (status.forecastExceedsLimit ? " (over)" : "") } ?? "-",
            ]
        }
        let currency = Set(self.statuses.map(\.budget.currency)).sorted().joined(separator: "/")
        return TextTable(
            header: ["ID", "SCOPE", "PERIOD", "LIMIT", "SPENT", "HELD", "REMAINING", "USED", "FORECAST"],
            rows: rows,
            rightAligned: [0, 3, 4, 5, 6, 7, 8]
        ).render()
            + "\namounts in \(currency); spent is charged, held is reserved by unfinished tasks and calls;"
            + "\nforecast is spent + held at the period's end at this period's average rate so far\n"
    }

    /// `{"budgets": [...]}`, one ``BudgetStatusDocument`` each, ending in a line break.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(["budgets": self.statuses.map(BudgetStatusDocument.init)])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public var csvHeader: [String] {
        [
            "id", "scope", "team", "key_id", "tag", "period", "timezone", "period_start", "period_end", "currency",
            "limit", "spent", "held", "remaining", "percent_used", "forecast", "forecast_exceeds_limit",
        ]
    }

    public var csvRows: [[String]] {
        self.statuses.map(BudgetStatusDocument.init).map { document in
            [
                String(document.id), document.scope, document.team ?? "", document.keyID.map(String.init) ?? "",
                document.tag ?? "", document.period, document.timezone, document.periodStart, document.periodEnd ?? "",
                document.currency,
                document.limit, document.spent, document.held, document.remaining, document.percentUsed ?? "",
                document.forecast ?? "", document.forecastExceedsLimit ? "true" : "false",
            ]
        }
    }

    /// `month 2026-11-01T00:00:00+08:00 – 2026-12-01T00:00:00+08:00 Asia/Shanghai`.
    static func window(_ status: BudgetStatus) -> String {
        let zone = status.budget.timezone
        guard let end = status.periodEnd else { return "lifetime" }
        return "\(status.budget.period.rawValue) \(BudgetStatusDocument.iso(status.periodStart, zone: zone)) – "
            + "\(BudgetStatusDocument.iso(end, zone: zone)) \(zone)"
    }
}
