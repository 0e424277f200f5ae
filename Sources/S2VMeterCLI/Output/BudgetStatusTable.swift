import Foundation
import S2VCore
import S2VStore

/// `budgets status` as a table or as JSON with exact decimal strings.
struct BudgetStatusTable {
    let statuses: [BudgetStatus]

    func renderTable() -> String {
        guard !self.statuses.isEmpty else { return "no budgets: set one with `s2v-meter budgets set`" }
        let rows = self.statuses.map { status -> [String] in
            [String(status.budget.id), status.budget.scopeDescription, Self.window(status),
             status.budget.limit.exactString, status.spent.exactString, status.held.exactString,
             status.remaining.exactString, status.percentUsed.map { $0.exactString + " %" } ?? "-"]
        }
        let currency = Set(self.statuses.map(\.budget.currency)).sorted().joined(separator: "/")
        return TextTable(header: ["ID", "SCOPE", "PERIOD", "LIMIT", "SPENT", "HELD", "REMAINING", "USED"],
                         rows: rows, rightAligned: [0, 3, 4, 5, 6, 7]).render()
            + "\namounts in \(currency); spent is charged, held is reserved by unfinished tasks and calls"
    }

    func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(["budgets": self.statuses.map(BudgetStatusDocument.init)])
        return String(decoding: data, as: UTF8.self)
    }

    /// `month from 2026-11-01T00:00:00+08:00 to 2026-12-01T00:00:00+08:00 (Asia/Shanghai)`.
    static func window(_ status: BudgetStatus) -> String {
        let zone = status.budget.timezone
        guard let end = status.periodEnd else { return "lifetime" }
        return "\(status.budget.period.rawValue) \(Self.iso(status.periodStart, zone)) – \(Self.iso(end, zone)) \(zone)"
    }

    static func iso(_ date: Date, _ zone: String) -> String {
        BudgetStatusDocument.iso(date, zone: zone)
    }
}
