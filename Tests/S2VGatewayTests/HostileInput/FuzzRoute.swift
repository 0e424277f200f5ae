/// Every route the gateway registers (`buildRouter`, `DashboardRoutes`), plus unknown paths under the API
/// prefixes.
enum FuzzRoute: String, Sendable, CaseIterable {
    case health, ready, metrics
    case faceDetect, videoSynthesis, taskGet, taskCancel, taskList
    case usageReport, invoice, budgetReport, audit, auditChanges
    case budgetList, budgetSet, budgetGet, budgetDelete
    case dashboard, dashboardLogin, dashboardLogout
    case unknownDashScope, unknownAdmin

    var method: String {
        switch self {
        case .faceDetect, .videoSynthesis, .taskCancel, .budgetSet, .dashboardLogin, .dashboardLogout: "POST"
        case .budgetDelete: "DELETE"
        default: "GET"
        }
    }

    /// A paid call or a budget change: every request to it must be certainly invalid, so that the store and the
    /// upstream can be required to be unchanged.
    var writes: Bool {
        switch self {
        case .faceDetect, .videoSynthesis, .budgetSet, .budgetDelete: true
        default: false
        }
    }

    /// Whether the handler reads a JSON body.
    var readsJSON: Bool {
        switch self {
        case .faceDetect, .videoSynthesis, .budgetSet: true
        default: false
        }
    }

    /// The query parameters the handler reads.
    var queryNames: [String] {
        switch self {
        case .taskList: ["page_no", "page_size"]
        case .usageReport: ["from", "to", "by", "team", "format"]
        case .invoice: ["month", "team", "format"]
        case .budgetReport: ["team", "format"]
        case .audit:
            ["team", "key_id", "model", "status", "error_code", "from", "to", "task_id", "cursor", "limit", "format"]
        case .auditChanges: ["team", "object", "from", "to", "cursor", "limit", "format"]
        case .dashboard: ["days"]
        default: []
        }
    }

    /// The path with `id` in its parameter, if it has one.
    func path(id: String) -> String {
        switch self {
        case .health: "/health"
        case .ready: "/ready"
        case .metrics: "/metrics"
        case .faceDetect: "/api/v1/services/aigc/image2video/face-detect"
        case .videoSynthesis: "/api/v1/services/aigc/image2video/video-synthesis"
        case .taskGet: "/api/v1/tasks/\(id)"
        case .taskCancel: "/api/v1/tasks/\(id)/cancel"
        case .taskList: "/api/v1/tasks"
        case .usageReport: "/v1/reports/usage"
        case .invoice: "/v1/reports/invoice"
        case .budgetReport: "/v1/reports/budgets"
        case .audit: "/v1/audit"
        case .auditChanges: "/v1/audit/changes"
        case .budgetList, .budgetSet: "/v1/budgets"
        case .budgetGet, .budgetDelete: "/v1/budgets/\(id)"
        case .dashboard: "/dashboard"
        case .dashboardLogin: "/dashboard/login"
        case .dashboardLogout: "/dashboard/logout"
        case .unknownDashScope: "/api/v1/\(id)"
        case .unknownAdmin: "/v1/\(id)"
        }
    }
}
