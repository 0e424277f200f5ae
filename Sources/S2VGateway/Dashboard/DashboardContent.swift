import Foundation
import S2VCore
import S2VReports
import S2VStore

/// Everything one dashboard page shows, already restricted to what its caller may see.
struct DashboardContent {
    let caller: Caller
    let days: Int
    let currency: String
    let daily: [DailySpend]
    let teams: [TeamSpend]
    /// The tag keys on spend in the range, offered as links.
    let tagKeys: [String]
    /// The tag key chosen with `?tag=`, and spend by its values.
    let tagKey: String?
    let tagSpend: [TagSpend]
    let budgets: [BudgetStatus]
    let calls: [AuditedCall]
    let generatedAt: Date

    /// The range's total spend, exact.
    var total: Decimal { self.daily.reduce(0) { $0 + $1.cost } }

    /// `admin key` or `team render-farm`, escaped.
    var audience: String {
        self.caller.isAdmin ? "an admin key: every team" : "team \(HTMLText.escape(self.caller.teamName ?? "?"))"
    }
}
