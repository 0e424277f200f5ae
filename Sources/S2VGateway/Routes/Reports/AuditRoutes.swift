import Foundation
import HTTPTypes
import Hummingbird
import S2VCore
import S2VReports
import S2VStore

/// `GET /v1/audit` (calls) and `GET /v1/audit/changes` (admin changes): cursor-paged, newest first, as JSON or
/// CSV. The next page's cursor is in the JSON body and in the `X-Next-Cursor` header.
struct AuditRoutes: Sendable {
    let audit: AuditRepository
    let teams: TeamRepository

    /// Registers the audit trail on the reporting group (`/v1`).
    func addRoutes(to reporting: some RouterMethods<GatewayRequestContext>) {
        reporting.get("audit", use: self.calls)
        reporting.get("audit/changes", use: self.changes)
    }

    func calls(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let format = try ReportFormat.requested(by: request, allowed: [.json, .csv, .table])
        let parameters = request.uri.queryParameters
        let scope = try await ReportScope.resolve(request, context: context, teams: self.teams)
        let filter = CallFilter(
            teamID: scope.teamID,
            keyID: try Self.integer(parameters.get("key_id"), name: "key_id"),
            model: parameters.get("model").flatMap { $0.isEmpty ? nil : $0 },
            status: try parameters.get("status").flatMap { $0.isEmpty ? nil : $0 }.map(StatusFilter.init),
            errorCode: parameters.get("error_code").flatMap { $0.isEmpty ? nil : $0 },
            from: try Self.instant(parameters.get("from"), name: "from"),
            to: try Self.instant(parameters.get("to"), name: "to"),
            taskID: try Self.uuid(parameters.get("task_id"), name: "task_id")
        )
        let (cursor, limit) = (
            try Self.integer(parameters.get("cursor"), name: "cursor"), try Self.limit(parameters.get("limit"))
        )
        let (audit, logger) = (self.audit, context.logger)
        let page = try await context.withStore {
            try await audit.calls(filter, cursor: cursor, limit: limit, logger: logger)
        }
        return .report(
            try AuditCallsDocument(page: page).render(format),
            format: format,
            headers: Self.cursorHeader(page.nextCursor)
        )
    }

    func changes(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let format = try ReportFormat.requested(by: request, allowed: [.json, .csv, .table])
        let parameters = request.uri.queryParameters
        let scope = try await ReportScope.resolve(request, context: context, teams: self.teams)
        let object = parameters.get("object").flatMap { $0.isEmpty ? nil : $0 }
        if let object, !ChangeFilter.objects.contains(object) {
            throw ServiceError.invalidParameter(
                "object must be one of \(ChangeFilter.objects.joined(separator: ", ")); got '\(object)'."
            )
        }
        let filter = ChangeFilter(
            teamID: scope.teamID,
            object: object,
            from: try Self.instant(parameters.get("from"), name: "from"),
            to: try Self.instant(parameters.get("to"), name: "to")
        )
        let (cursor, limit) = (
            try Self.integer(parameters.get("cursor"), name: "cursor"), try Self.limit(parameters.get("limit"))
        )
        let (audit, logger) = (self.audit, context.logger)
        let page = try await context.withStore {
            try await audit.changes(filter, cursor: cursor, limit: limit, logger: logger)
        }
        return .report(
            try AuditChangesDocument(page: page).render(format),
            format: format,
            headers: Self.cursorHeader(page.nextCursor)
        )
    }

    private static func cursorHeader(_ cursor: Int64?) -> HTTPFields {
        guard let cursor, let name = HTTPField.Name("X-Next-Cursor") else { return [:] }
        return [name: String(cursor)]
    }

    private static func limit(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 100 }
        guard let limit = Int(text), (1...AuditRepository.maximumPageSize).contains(limit) else {
            throw ServiceError.invalidParameter(
                "limit must be a whole number from 1 to \(AuditRepository.maximumPageSize)."
            )
        }
        return limit
    }

    private static func integer(_ text: String?, name: String) throws -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw ServiceError.invalidParameter("\(name) must be a positive whole number.")
        }
        return value
    }

    private static func uuid(_ text: String?, name: String) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = UUID(uuidString: text) else {
            throw ServiceError.invalidParameter("\(name) must be a task id (a UUID).")
        }
        return value
    }

    static func instant(_ text: String?, name: String) throws -> Date? {
        try ReportTime.instant(parsing: text, name: name)
    }
}
