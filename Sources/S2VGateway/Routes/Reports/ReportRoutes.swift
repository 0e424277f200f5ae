import Foundation
import Hummingbird
import S2VCore
import S2VReports
import S2VStore

/// `GET /v1/reports/usage`, `/v1/reports/invoice` and `/v1/reports/budgets`: the CLI's reports over HTTP,
/// for admin keys (every team) and team keys (their own team only).
struct ReportRoutes: Sendable {
    let usage: UsageReportRepository
    let invoices: InvoiceRepository
    let budgets: BudgetRepository
    let teams: TeamRepository

    /// Registers the reports on the reporting group (`/v1`).
    func addRoutes(to reporting: some RouterMethods<GatewayRequestContext>) {
        reporting.get("reports/usage", use: self.usageReport)
        reporting.get("reports/invoice", use: self.invoice)
        reporting.get("reports/budgets", use: self.budgetReport)
    }

    /// Usage for UTC days `from`..`to` (exclusive), grouped `by` any of team, key, model, tier, day, month and
    /// `tag:KEY`.
    func usageReport(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let format = try ReportFormat.requested(by: request, allowed: [.json, .csv, .table])
        let parameters = request.uri.queryParameters
        let query = try UsageQuery(from: parameters.get("from"), to: parameters.get("to"), by: parameters.get("by"))
        let scope = try await ReportScope.resolve(request, context: context, teams: self.teams)
        let (usage, logger) = (self.usage, context.logger)
        let rows = try await context.withStore {
            try await usage.usage(
                from: query.from,
                to: query.to,
                groupedBy: query.dimensions,
                teamID: scope.teamID,
                logger: logger
            )
        }
        return .report(try query.document(rows: rows).render(format), format: format)
    }

    /// The monthly statement for `month` (`YYYY-MM`, default this month), as JSON, CSV, a table or printable HTML;
    /// with `split=tag:KEY`, the chargeback statement split by that tag.
    func invoice(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let format = try ReportFormat.requested(by: request, allowed: Set(ReportFormat.allCases))
        let parameters = request.uri.queryParameters
        let month = try parameters.get("month").map(BillingMonth.init) ?? BillingMonth(containing: Date())
        let tagKey = try InvoiceSplit.tagKey(parameters.get("split"), name: "split")
        let scope = try await ReportScope.resolve(request, context: context, teams: self.teams)
        let (invoices, logger) = (self.invoices, context.logger)
        let statement = try await context.withStore {
            try await invoices.statement(month: month, teamID: scope.teamID, splitByTag: tagKey, logger: logger)
        }
        return .report(try InvoiceDocument(statement: statement).render(format), format: format)
    }

    /// Every budget the caller may see, with this period's figures and a forecast to the period's end.
    func budgetReport(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let format = try ReportFormat.requested(by: request, allowed: [.json, .csv, .table])
        let scope = try await ReportScope.resolve(request, context: context, teams: self.teams)
        let (budgets, logger) = (self.budgets, context.logger)
        var statuses = try await context.withStore { try await budgets.status(teamID: scope.teamID, logger: logger) }
        if scope.teamID != nil {
            // A gateway-wide budget's figures include other teams' spend.
            statuses.removeAll { $0.budget.scope == .global }
        }
        return .report(try BudgetReportDocument(statuses: statuses).render(format), format: format)
    }
}
