import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// `GET /tasks/{id}`, `POST /tasks/{id}/cancel` and `GET /tasks`.
///
/// A key sees only its own account's tasks: another account's task id answers like an unknown one.
/// Queries accept a `sim_fail=throttle|error` query parameter to inject a fault into that one query.
struct TaskController<Context: RequestContext>: Sendable {
    let engine: SimulatorEngine
    let authenticator: APIKeyAuthenticator
    let listAnswers: TaskListAnswers

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("tasks", use: self.list)
        group.get("tasks/{id}", use: self.query)
        group.post("tasks/{id}/cancel", use: self.cancel)
    }

    /// Unknown, expired or foreign ids answer HTTP 200 with `task_status: UNKNOWN`, as upstream documents.
    @Sendable func query(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        let id = try context.parameters.require("id")
        let marker = try Self.queryMarker(request)
        let task = try await self.engine.queryTask(account: account, id: id, marker: marker)
        var members: [(String, JSONValue)] = [
            ("request_id", .string(RequestIDs.make())),
            ("output", task.map { .object($0.outputMembers) } ?? SimulatedTask.unknownOutput(id: id)),
        ]
        if let usage = task?.usage {
            members.append(("usage", usage))
        }
        return .json(.object(members))
    }

    /// Only PENDING tasks can be cancelled. Upstream documents a single refusal (400
    /// `UnsupportedOperation`, "confirm the task is PENDING") and says unknown ids are UNKNOWN, i.e.
    /// certainly not PENDING; so unknown, expired and foreign ids get that same 400.
    @Sendable func cancel(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        let id = try context.parameters.require("id")
        try await self.engine.cancelTask(account: account, id: id)
        return .json(.object([("request_id", .string(RequestIDs.make()))]))
    }

    /// Upstream does not document this answer. By default (`TaskListAnswer.documented`) the simulator answers
    /// `{"request_id", "data": [<output of GET /tasks/{id}>, with "usage" inside for SUCCEEDED], "total", "page_no", "page_size"}`,
    /// newest first; the account's `TaskListAnswer` may choose other field names, a 404 or an unreadable shape.
    /// Filters: `status`, `model_name`, `start_time` / `end_time` (`YYYYMMDDhhmmss`, UTC+8, on submit time).
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        let answer = self.listAnswers.answer(for: account)
        if answer == .notFound {
            throw DashScopeError(status: .notFound, code: "NotFound", message: "The requested resource was not found.")
        }
        let listQuery = try Self.listQuery(request)
        let marker = try Self.queryMarker(request)
        let page = try await self.engine.listTasks(account: account, query: listQuery, marker: marker)
        return .json(page.json(answer, query: listQuery))
    }

    private static func queryMarker(_ request: Request) throws(DashScopeError) -> FaultKind? {
        guard let text = request.uri.queryParameters["sim_fail"] else { return nil }
        guard let kind = FaultKind(rawValue: String(text)), kind == .throttle || kind == .internalError else {
            throw .invalidParameter("Task queries accept only sim_fail=throttle or sim_fail=error.")
        }
        return kind
    }

    private static func listQuery(_ request: Request) throws(DashScopeError) -> TaskListQuery {
        let parameters = request.uri.queryParameters
        var query = TaskListQuery()
        if let text = parameters["page_no"] {
            guard let value = Int(text), value >= 1 else {
                throw .invalidParameter("page_no must be a positive integer.")
            }
            query.pageNo = value
        }
        if let text = parameters["page_size"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw .invalidParameter("page_size must be an integer from 1 to 100.")
            }
            query.pageSize = value
        }
        if let text = parameters["status"] {
            guard let status = TaskStatus(rawValue: String(text).uppercased()) else {
                throw .invalidParameter("Unknown status: \(text).")
            }
            query.status = status
        }
        if let text = parameters["model_name"], !text.isEmpty {
            query.modelName = String(text)
        }
        if let text = parameters["start_time"] {
            guard let date = Timestamp.parseCompact(String(text)) else {
                throw .invalidParameter("start_time must be YYYYMMDDhhmmss.")
            }
            query.start = date
        }
        if let text = parameters["end_time"] {
            guard let date = Timestamp.parseCompact(String(text)) else {
                throw .invalidParameter("end_time must be YYYYMMDDhhmmss.")
            }
            query.end = date
        }
        return query
    }
}
